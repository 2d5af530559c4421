import { fractionOf } from './fraction';

/** Import jobs of one source (content analytics spec, import analytics), or of all sources. */
export interface ImportJobCounts {
  jobs: number;
  completed: number;
  failed: number;
  /** Started, neither completed nor failed yet. */
  running: number;
  recordsProcessed: number;
  recordsFailed: number;
  /** Over finished jobs that reported duration_ms; null without any. */
  averageDurationMs: number | null;
  p95DurationMs: number | null;
}

export interface ImportJobSummary extends ImportJobCounts {
  /** completed / finished (completed + failed): running jobs have no verdict yet. */
  successRate: number;
  /** failed / finished. */
  failureRate: number;
  /** Records that failed / records processed. */
  recordFailureRate: number;
}

export function importJobSummary<T extends ImportJobCounts>(counts: T): T & ImportJobSummary {
  const finished = counts.completed + counts.failed;
  return {
    ...counts,
    successRate: fractionOf(counts.completed, finished),
    failureRate: fractionOf(counts.failed, finished),
    recordFailureRate: fractionOf(counts.recordsFailed, counts.recordsProcessed),
  };
}

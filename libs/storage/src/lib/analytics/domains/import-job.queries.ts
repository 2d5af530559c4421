import type { ImportJobCounts } from '@pulse/analytics-core';
import type { SqlExecutor } from '../../repositories/sql-executor';
import { toNullableNumber, toNumber, type AnalyticsWindow } from './analytics-window';

export type ImportJobCounters = ImportJobCounts;

export interface ImportSourceCounters extends ImportJobCounters {
  source: string;
}

/**
 * One row per job with an event in the window: completed if it reported import_completed, failed if it
 * reported import_failed (and not completed), running otherwise. Duration and records come from the
 * finishing event.
 */
const JOBS = `
  WITH "jobs" AS (
    SELECT "properties"->>'job_id' AS "job_id",
           min("properties"->>'source') AS "source",
           bool_or("type" = 'import_completed') AS "is_completed",
           bool_or("type" = 'import_failed') AS "is_failed",
           max(("properties"->>'duration_ms')::numeric) FILTER (WHERE "type" IN ('import_completed', 'import_failed')) AS "duration_ms",
           coalesce(max(("properties"->>'records_processed')::numeric) FILTER (WHERE "type" IN ('import_completed', 'import_failed')), 0) AS "processed",
           coalesce(max(("properties"->>'records_failed')::numeric) FILTER (WHERE "type" = 'import_completed'), 0) AS "failed_records"
      FROM "events"
     WHERE "tenant_id" = $1 AND "type" IN ('import_started', 'import_completed', 'import_failed')
       AND "occurred_at" >= $2 AND "occurred_at" < $3
     GROUP BY 1
  )`;

const JOB_COLUMNS = `
  count(*) AS "jobs",
  count(*) FILTER (WHERE "is_completed") AS "completed",
  count(*) FILTER (WHERE "is_failed" AND NOT "is_completed") AS "failed",
  count(*) FILTER (WHERE NOT "is_completed" AND NOT "is_failed") AS "running",
  coalesce(sum("processed"), 0) AS "processed",
  coalesce(sum("failed_records"), 0) AS "failed_records",
  avg("duration_ms") AS "average_duration",
  percentile_cont(0.95) WITHIN GROUP (ORDER BY "duration_ms") AS "p95_duration"`;

/** Import job analytics (content analytics spec: success and failure rates, performance per source). */
export class ImportJobQueries {
  constructor(private readonly sql: SqlExecutor) {}

  async total(window: AnalyticsWindow): Promise<ImportJobCounters> {
    const [row] = await this.sql.query(`${JOBS} SELECT ${JOB_COLUMNS} FROM "jobs"`, [window.tenantId, window.start, window.end]);
    return countersOf(row);
  }

  async bySource(window: AnalyticsWindow): Promise<ImportSourceCounters[]> {
    const rows: Array<Record<string, unknown>> = await this.sql.query(
      `${JOBS} SELECT coalesce("source", 'unknown') AS "source", ${JOB_COLUMNS} FROM "jobs" GROUP BY 1 ORDER BY 2 DESC, 1`,
      [window.tenantId, window.start, window.end],
    );
    return rows.map((row) => ({ source: String(row['source']), ...countersOf(row) }));
  }
}

function countersOf(row: Record<string, unknown>): ImportJobCounters {
  return {
    jobs: toNumber(row['jobs']),
    completed: toNumber(row['completed']),
    failed: toNumber(row['failed']),
    running: toNumber(row['running']),
    recordsProcessed: toNumber(row['processed']),
    recordsFailed: toNumber(row['failed_records']),
    averageDurationMs: toNullableNumber(row['average_duration']),
    p95DurationMs: toNullableNumber(row['p95_duration']),
  };
}

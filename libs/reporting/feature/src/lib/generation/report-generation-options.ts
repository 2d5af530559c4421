/** How the generation worker runs. */
export interface ReportGenerationOptions {
  /** How often an idle worker looks for queued runs (a run asked for in this process wakes it at once). */
  pollMs: number;
  /** A claimed run is its worker's this long, renewed as sections are written; then another worker may take it over. */
  leaseMs: number;
  /** A run taken over this many times (its workers died each time) ends `failed` instead of being tried again. */
  maxAttempts: number;
  now: () => Date;
}

export const REPORT_GENERATION_OPTIONS = Symbol('REPORT_GENERATION_OPTIONS');

export const DEFAULT_REPORT_GENERATION_OPTIONS: ReportGenerationOptions = {
  pollMs: 1_000,
  leaseMs: 5 * 60_000,
  maxAttempts: 3,
  now: () => new Date(),
};

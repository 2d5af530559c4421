/** A cell of a report table: text, a number, or nothing (a formula dividing by zero, no previous figure). */
export type ReportCell = string | number | null;

/**
 * One section's answer as a table: what every file format writes. CSV and JSON write the table as it
 * is; HTML, PDF and XLSX also use the optional layout fields to draw charts and headline figures.
 */
export interface ReportSectionTable {
  title: string;
  kind: string;
  columns: string[];
  rows: ReportCell[][];
  /** How many leading columns hold group-by values; in a chart or table the next column is the bucket (`day`…). */
  groupColumns?: number;
  /**
   * Metric sections: the previous period of equal length (local dates, both included) that their
   * `previous`, `change` and `changePercent` columns compare with.
   */
  previousPeriod?: { from: string; to: string };
  /**
   * How HTML and PDF draw a table that is not the metric engine's groups × buckets (funnels, retention, the
   * domain endpoints); absent for those, which `sectionChart` lays out from `groupColumns`.
   */
  chart?: SectionChartHint;
}

export type SectionChartHint =
  | { type: 'none' }
  /** Rows of `step`, `event`, `users` (a leading breakdown column's "(all)" rows when there is one). */
  | { type: 'funnel' }
  /** Rows of `cohort`, `size`, then each period's %. */
  | { type: 'retention' }
  | { type: 'lines'; xColumn: string; seriesColumns: string[] }
  | { type: 'bars'; labelColumn: string; valueColumn: string };

/** A metric section's columns after its group columns: the figure and its change against the previous period. */
export const METRIC_COLUMNS = ['value', 'previous', 'change', 'changePercent'] as const;

/** What a run covers, written at the top of each file. */
export interface ReportHeading {
  reportId: string;
  runId: string;
  name: string;
  type: string;
  /** Local dates, both included, in `timeZone`. */
  from: string;
  to: string;
  timeZone: string;
  generatedAt: Date;
}

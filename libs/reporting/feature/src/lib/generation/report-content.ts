/** A cell of a report table: text, a number, or nothing (a formula dividing by zero). */
export type ReportCell = string | number | null;

/** One section's answer as a table: what every file format writes. */
export interface ReportSectionTable {
  title: string;
  kind: string;
  columns: string[];
  rows: ReportCell[][];
}

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

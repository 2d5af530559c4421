import type { MetricDefinition, MetricResultRow } from '@pulse/analytics-core';

/** Rows both paths' statements return: group columns g0…, the bucket number (1-based), and a and b. */
export interface MetricSqlRow {
  [groupColumn: `g${number}`]: string | null;
  bucket: number | null;
  is_total: number;
  /** The aggregate, as text so numerics keep every digit. */
  a: string | null;
  /** The denominator of ratios (average: count, conversion: users of the first step). */
  b?: string | null;
}

/** More rows than this means too many groups × buckets to chart: the query must narrow down. */
export const MAX_RESULT_ROWS = 100_000;

export class MetricResultTooLargeError extends Error {
  constructor() {
    super(`the query yields more than ${MAX_RESULT_ROWS} values (groups × buckets): filter, group by fewer fields or choose a coarser granularity`);
    this.name = 'MetricResultTooLargeError';
  }
}

export function groupColumns(count: number): string[] {
  return Array.from({ length: count }, (_, index) => `"g${index}"`);
}

/** `GROUPING SETS ((g0, bucket), (g0))`: per-bucket values and the range total in one scan. */
export function groupingSets(groupCount: number): string {
  const groups = groupColumns(groupCount);
  return `GROUPING SETS ((${[...groups, '"bucket"'].join(', ')}), (${groups.join(', ')}))`;
}

/**
 * The metric's value from a and b, computed the same way for both paths: averages and conversion
 * divide here, not in SQL, so their rounding cannot differ.
 */
export function toMetricResultRows(metric: MetricDefinition, groupCount: number, rows: readonly MetricSqlRow[]): MetricResultRow[] {
  if (rows.length > MAX_RESULT_ROWS) throw new MetricResultTooLargeError();
  const isRatio = metric.type === 'conversion' || (metric.type === 'aggregate' && metric.aggregation === 'avg');
  return rows.map((row) => {
    const a = row.a === null ? 0 : Number(row.a);
    const b = row.b === null || row.b === undefined ? 0 : Number(row.b);
    return {
      group: Array.from({ length: groupCount }, (_, index) => row[`g${index}`] ?? null),
      bucket: Number(row.is_total) === 1 ? null : Number(row.bucket) - 1,
      value: isRatio ? (b === 0 ? 0 : a / b) : a,
    };
  });
}

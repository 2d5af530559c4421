/**
 * What every domain query is scoped by: one tenant and the instants [start, end) of a range of the
 * tenant's local days. `timeZone` is the tenant's, for grouping by local hour, day, week or month.
 */
export interface AnalyticsWindow {
  tenantId: string;
  start: Date;
  end: Date;
  timeZone: string;
}

/** Local-time buckets SQL can group by: `date_trunc` units, and the label format that matches analytics-core's. */
export type SqlBucketUnit = 'hour' | 'day' | 'week' | 'month';

export const BUCKET_LABEL_FORMATS: Readonly<Record<SqlBucketUnit, string>> = {
  hour: 'YYYY-MM-DD"T"HH24:00',
  day: 'YYYY-MM-DD',
  week: 'YYYY-MM-DD',
  month: 'YYYY-MM-DD',
};

/** pg returns bigint and numeric as strings; null (SUM over no rows) reads as 0. */
export function toNumber(value: unknown): number {
  return value === null || value === undefined ? 0 : Number(value);
}

export function toNullableNumber(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

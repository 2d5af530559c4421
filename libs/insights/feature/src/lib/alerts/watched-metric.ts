import type { AlertGranularity, QueryIssue, QueryRequest } from '@pulse/analytics-core';

/** A rule's stored query: the body of `POST /v1/query` without range, granularity, group-by, comparison or limit. */
export type WatchedQuery = Pick<QueryRequest, 'metric' | 'series' | 'formulas' | 'filters' | 'timeZone'>;

/** Nominal bucket lengths: what the anomaly scan reads its cadence from. */
export const ALERT_BUCKET_MS: Record<AlertGranularity, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/** The stored form: only the fields a rule keeps, none undefined. */
export function watchedQueryOf(query: WatchedQuery): WatchedQuery {
  return Object.fromEntries(
    (['metric', 'series', 'formulas', 'filters', 'timeZone'] as const).filter((key) => query[key] !== undefined).map((key) => [key, query[key]]),
  ) as WatchedQuery;
}

/** A rule watches one line: several series need a formula to combine them. */
export function watchedLineIssues(query: WatchedQuery): QueryIssue[] {
  if (query.series !== undefined && query.series.length > 1 && (query.formulas ?? []).length === 0) {
    return [
      {
        field: 'query.series',
        rule: 'watchesOneLine',
        message: 'query.series must be one series, or several combined by a formula (the rule watches the first formula)',
      },
    ];
  }
  return [];
}

/**
 * The query that reads a rule's line over [from, to): always as series (so a bucket without events is 0
 * for counts and sums, null for averages and percentiles), zero-filled, in the rule's zone.
 */
export function watchedLineRequest(query: WatchedQuery, range: { from: Date; to: Date; granularity: AlertGranularity }): QueryRequest {
  const frame = {
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    granularity: range.granularity,
    fillMissing: true,
    ...(query.filters === undefined ? {} : { filters: query.filters }),
    ...(query.timeZone === undefined ? {} : { timeZone: query.timeZone }),
  };
  if (query.series !== undefined) return { ...frame, series: query.series, ...(query.formulas === undefined ? {} : { formulas: query.formulas }) };
  return { ...frame, series: query.metric === undefined ? [] : [{ metric: query.metric }] };
}

import { validateQueryRequest, type LocalDayRange, type MetricQuery, type QueryIssue, type QueryRequest } from '@pulse/analytics-core';

export type SectionQueryValidation = { ok: true; query: MetricQuery } | { ok: false; issues: QueryIssue[] };

/**
 * A section's query over the report's days, checked by the query engine's own rules (as `POST /v1/query`
 * would check it): the range is the days' instants in the tenant's zone.
 */
export function sectionMetricQuery(
  query: Record<string, unknown>,
  range: Pick<LocalDayRange, 'start' | 'end'>,
  tenantTimeZone: string,
): SectionQueryValidation {
  const request = { ...query, from: range.start.toISOString(), to: range.end.toISOString() } as unknown as QueryRequest;
  const validation = validateQueryRequest(request, tenantTimeZone);
  if (!validation.ok) return validation;
  // Reports write one metric per section; the DTO refuses series, so this is only a guard.
  if (validation.kind !== 'metric')
    return { ok: false, issues: [{ field: 'series', rule: 'notSupported', message: 'series are not written by reports yet' }] };
  return { ok: true, query: validation.query };
}

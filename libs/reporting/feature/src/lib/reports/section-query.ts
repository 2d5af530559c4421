import { validateQueryRequest, type LocalDayRange, type MetricQuery, type QueryIssue, type QueryRequest } from '@pulse/analytics-core';
import type { ReportSection, ReportSectionKind, ReportSectionSource } from '@pulse/reporting-data-access';
import { funnelQueryIssues, type FunnelQueryDto } from '@pulse/storage';

export type SectionQueryValidation = { ok: true; query: MetricQuery } | { ok: false; issues: QueryIssue[] };

/** The kinds each source can be drawn as: a retention matrix has no single headline figure. */
export const SECTION_KINDS_BY_SOURCE: Record<ReportSectionSource, readonly ReportSectionKind[]> = {
  metrics: ['metric', 'chart', 'table'],
  funnel: ['metric', 'chart', 'table'],
  retention: ['chart', 'table'],
  conversations: ['metric', 'chart', 'table'],
  commerce: ['metric', 'chart', 'table'],
};

/**
 * What would stop a section from being generated over the report's days, with fields relative to the
 * section (`query.metric.field`, `kind`): the kind its source cannot be, or the query its engine rejects.
 */
export function sectionIssues(section: ReportSection, range: Pick<LocalDayRange, 'start' | 'end'>, tenantTimeZone: string): QueryIssue[] {
  if (section.kind === 'text') return [];
  const source = section.source ?? 'metrics';
  const kinds = SECTION_KINDS_BY_SOURCE[source];
  if (!kinds.includes(section.kind)) {
    return [{ field: 'kind', rule: 'isSupportedBySource', message: `kind must be one of ${kinds.join(', ')} for a ${source} section` }];
  }
  if (source === 'metrics') {
    const validation = sectionMetricQuery(section.query ?? {}, range, tenantTimeZone);
    return validation.ok ? [] : validation.issues.map((issue) => ({ ...issue, field: `query.${metricQueryField(issue.field)}` }));
  }
  if (source === 'funnel') return funnelQueryIssues(section.query as unknown as FunnelQueryDto, 'query');
  return [];
}

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

/** The range is the report's: an engine complaint about from/to (too many buckets) is about the section's granularity. */
function metricQueryField(field: string): string {
  return field === 'from' || field === 'to' ? 'granularity' : field;
}

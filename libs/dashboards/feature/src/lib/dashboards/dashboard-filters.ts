import {
  daysBetweenInclusive,
  isLocalDate,
  localDayRange,
  resolveRelativePeriod,
  validateQueryRequest,
  type LocalDayRange,
  type QueryIssue,
  type RelativePeriod,
} from '@pulse/analytics-core';

/** The longest fixed range a dashboard may cover: a year and a day (a leap year). */
export const MAX_DASHBOARD_DAYS = 366;

/** A dashboard's filters as stored. */
export interface DashboardFilters {
  period?: string;
  from?: string;
  to?: string;
  compare: boolean;
  properties: Record<string, unknown>[];
}

export const DEFAULT_DASHBOARD_FILTERS: DashboardFilters = { period: 'last_7_days', compare: false, properties: [] };

export type DashboardFiltersResult = { ok: true; filters: DashboardFilters } | { ok: false; issues: QueryIssue[] };

/**
 * Checks filters whose shape `DashboardFiltersDto` checked: a period or two days, not both, at most 366
 * days; property filters the engine accepts (`filters.properties[0].field`…). No range at all means the
 * default period.
 */
export function toDashboardFilters(
  requested: { period?: string; from?: string; to?: string; compare?: boolean; properties?: object[] } | undefined,
  timeZone: string,
  now: Date,
): DashboardFiltersResult {
  if (requested === undefined) return { ok: true, filters: DEFAULT_DASHBOARD_FILTERS };
  const properties = (requested.properties ?? []).map((filter) => ({ ...filter }) as Record<string, unknown>);
  const hasRange = requested.period !== undefined || requested.from !== undefined || requested.to !== undefined;
  const rangeSource = hasRange ? requested : { period: DEFAULT_DASHBOARD_FILTERS.period };
  const issues: QueryIssue[] = [];
  const range = resolveDashboardRange(rangeSource, timeZone, now, issues, 'filters.');
  if (range) issues.push(...propertyFilterIssues(properties, range, timeZone));
  if (issues.length > 0) return { ok: false, issues };
  const rangeFields = rangeSource.period !== undefined ? { period: rangeSource.period } : { from: rangeSource.from, to: rangeSource.to };
  return { ok: true, filters: { ...rangeFields, compare: requested.compare ?? false, properties } };
}

/**
 * The local days a period or a pair of days names at `now` in the tenant's zone; null (and issues named
 * `<prefix>period`, `<prefix>to`…) when they name none.
 */
export function resolveDashboardRange(
  filters: { period?: string; from?: string; to?: string },
  timeZone: string,
  now: Date,
  issues: QueryIssue[],
  prefix = '',
): LocalDayRange | null {
  const fixed = filters.from !== undefined || filters.to !== undefined;
  if (filters.period !== undefined && fixed) {
    issues.push({ field: `${prefix}period`, rule: 'isExclusiveWithRange', message: 'give either period or from and to, not both' });
    return null;
  }
  if (filters.period !== undefined) return resolveRelativePeriod(filters.period as RelativePeriod, now, timeZone);
  const before = issues.length;
  for (const field of ['from', 'to'] as const) {
    const value = filters[field];
    if (value === undefined) issues.push({ field: `${prefix}${field}`, rule: 'isDefined', message: `${field} is required with ${field === 'from' ? 'to' : 'from'}` });
    else if (!isLocalDate(value)) issues.push({ field: `${prefix}${field}`, rule: 'isLocalDate', message: `${field} must be a calendar date YYYY-MM-DD` });
  }
  if (issues.length > before) return null;
  const days = daysBetweenInclusive(filters.from as string, filters.to as string);
  if (days < 1 || days > MAX_DASHBOARD_DAYS) {
    issues.push({ field: `${prefix}to`, rule: 'isWithinRange', message: `to must be on or after from, at most ${MAX_DASHBOARD_DAYS} days in all` });
    return null;
  }
  return localDayRange(filters.from as string, filters.to as string, timeZone);
}

/** The engine's rules for filters (field syntax, operator and value), checked on a one-line query. */
function propertyFilterIssues(properties: Record<string, unknown>[], range: LocalDayRange, timeZone: string): QueryIssue[] {
  if (properties.length === 0) return [];
  const probe = { metric: { type: 'event_count' }, granularity: 'day', from: range.start.toISOString(), to: range.end.toISOString(), filters: properties };
  const validation = validateQueryRequest(probe as never, timeZone);
  if (validation.ok) return [];
  return validation.issues.map((issue) => ({ ...issue, field: `filters.properties${issue.field.replace(/^filters/, '')}` }));
}

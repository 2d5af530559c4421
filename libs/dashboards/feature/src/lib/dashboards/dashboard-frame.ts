import { previousLocalDayRange, type LocalDayRange, type QueryIssue } from '@pulse/analytics-core';
import type { MetricWidgetFrame } from '../widgets/metric-widget-query';
import { resolveDashboardRange, type DashboardFilters } from './dashboard-filters';

/** What every widget of a dashboard is answered over, for one call. */
export interface DashboardFrame extends MetricWidgetFrame {
  range: LocalDayRange;
  /** The same number of days just before; only with compare. */
  previous: LocalDayRange | null;
  period: string | null;
  timeZone: string;
}

/** A call's overrides of the stored filters (`?period=…` or `?from=…&to=…`, `?compare=true`). */
export interface FrameOverrides {
  period?: string;
  from?: string;
  to?: string;
  compare?: boolean;
}

export type DashboardFrameResult = { ok: true; frame: DashboardFrame } | { ok: false; issues: QueryIssue[] };

/** The stored filters with the call's overrides (a given range replaces the stored one), resolved at `now`. */
export function dashboardFrame(filters: DashboardFilters, overrides: FrameOverrides, timeZone: string, now: Date): DashboardFrameResult {
  const overridesRange = overrides.period !== undefined || overrides.from !== undefined || overrides.to !== undefined;
  const source = overridesRange ? overrides : filters;
  const issues: QueryIssue[] = [];
  const range = resolveDashboardRange(source, timeZone, now, issues);
  if (!range) return { ok: false, issues };
  const compare = overrides.compare ?? filters.compare ?? false;
  return {
    ok: true,
    frame: {
      range,
      previous: compare ? previousLocalDayRange(range, timeZone) : null,
      period: source.period ?? null,
      timeZone,
      start: range.start,
      end: range.end,
      compare,
      properties: filters.properties ?? [],
    },
  };
}

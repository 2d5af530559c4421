import type { QueryIssue, QueryRequest } from '@pulse/analytics-core';
import type { MetricWidgetType } from './widget-types';

/** Granularity when the widget leaves it out: daily buckets suit every dashboard period. */
export const DEFAULT_METRIC_GRANULARITY = 'day';
/** Rows a ranked widget shows when its query gives no limit. */
const DEFAULT_LIMITS: Partial<Record<MetricWidgetType, number>> = { bar: 10, top_list: 10, table: 20 };

/** What a metric widget is answered over: the dashboard's instants, compare toggle and property filters. */
export interface MetricWidgetFrame {
  start: Date;
  end: Date;
  compare: boolean;
  /** The dashboard's property filters, in `POST /v1/query`'s filter shape. */
  properties: readonly Record<string, unknown>[];
}

/** The `POST /v1/query` body a metric widget stands for over the frame: its filters plus the dashboard's. */
export function metricWidgetRequest(type: MetricWidgetType, query: Record<string, unknown>, frame: MetricWidgetFrame): QueryRequest {
  const ownFilters = Array.isArray(query['filters']) ? (query['filters'] as Record<string, unknown>[]) : [];
  const limit = query['limit'] ?? DEFAULT_LIMITS[type];
  // Anomaly bands and forecasts judge one period's shape: a comparison adds nothing to them.
  const compare = frame.compare && type !== 'anomaly_band' && type !== 'forecast';
  return {
    ...query,
    granularity: (query['granularity'] as string | undefined) ?? DEFAULT_METRIC_GRANULARITY,
    from: frame.start.toISOString(),
    to: frame.end.toISOString(),
    ...(ownFilters.length + frame.properties.length > 0 ? { filters: [...ownFilters, ...frame.properties] } : {}),
    ...(limit === undefined ? {} : { limit }),
    ...(compare ? { compare: 'previous_period' } : {}),
  } as unknown as QueryRequest;
}

/** The rules a widget type adds to the engine's: how many group-by fields, which granularities. */
export function metricWidgetTypeIssues(type: MetricWidgetType, query: Record<string, unknown>): QueryIssue[] {
  const groupBy = Array.isArray(query['groupBy']) ? query['groupBy'].length : 0;
  const granularity = query['granularity'] as string | undefined;
  const issues: QueryIssue[] = [];
  const groupRule = GROUP_BY_RULES[type];
  if (groupBy < groupRule.min || groupBy > groupRule.max) {
    issues.push({ field: 'query.groupBy', rule: groupRule.rule, message: `a ${type} widget takes ${groupRule.says}` });
  }
  if (type === 'time_series' && granularity === undefined) {
    issues.push({ field: 'query.granularity', rule: 'isDefined', message: 'query.granularity is required for a time_series widget' });
  }
  const granularities = GRANULARITY_RULES[type];
  if (granularities && granularity !== undefined && !granularities.includes(granularity)) {
    issues.push({ field: 'query.granularity', rule: 'isIn', message: `a ${type} widget takes granularity ${granularities.join(', ')}` });
  }
  return issues;
}

const GROUP_BY_RULES: Record<MetricWidgetType, { min: number; max: number; rule: string; says: string }> = {
  counter: { min: 0, max: 0, rule: 'notAllowed', says: 'no groupBy: it shows one figure' },
  time_series: { min: 0, max: 1, rule: 'arrayMaxSize', says: 'at most 1 groupBy field' },
  bar: { min: 1, max: 1, rule: 'exactlyOne', says: 'exactly 1 groupBy field: one bar per value' },
  top_list: { min: 1, max: 1, rule: 'exactlyOne', says: 'exactly 1 groupBy field: one row per value' },
  table: { min: 1, max: 3, rule: 'arraySize', says: '1 to 3 groupBy fields' },
  anomaly_band: { min: 0, max: 0, rule: 'notAllowed', says: 'no groupBy: anomalies are judged on one line' },
  forecast: { min: 0, max: 0, rule: 'notAllowed', says: 'no groupBy: a forecast is of one line' },
};

const GRANULARITY_RULES: Partial<Record<MetricWidgetType, readonly string[]>> = {
  anomaly_band: ['hour', 'day'],
  forecast: ['hour', 'day', 'week'],
};

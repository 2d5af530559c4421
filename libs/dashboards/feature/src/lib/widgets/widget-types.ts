/** What a widget draws; each type has its own query and data shape (see the feature README). */
export const WIDGET_TYPES = [
  'counter',
  'time_series',
  'bar',
  'table',
  'funnel',
  'retention_heatmap',
  'top_list',
  'live_counter',
  'anomaly_band',
  'forecast',
  'conversation_roi',
  'text',
] as const;
export type WidgetType = (typeof WIDGET_TYPES)[number];

/** Types whose query is a metric query (the body of `POST /v1/query` without range and comparison). */
export const METRIC_WIDGET_TYPES = ['counter', 'time_series', 'bar', 'table', 'top_list', 'anomaly_band', 'forecast'] as const;
export type MetricWidgetType = (typeof METRIC_WIDGET_TYPES)[number];

export function isMetricWidgetType(type: string): type is MetricWidgetType {
  return (METRIC_WIDGET_TYPES as readonly string[]).includes(type);
}

/** The figures of the realtime overview a live counter may show. */
export const LIVE_METRICS = [
  'active_users_5m',
  'active_users_30m',
  'active_sessions_5m',
  'active_sessions_30m',
  'events_today',
  'orders_today',
  'revenue_today',
  'visitors_today',
  'buyers_today',
  'conversion_rate_today',
  'average_order_value_today',
] as const;
export type LiveMetric = (typeof LIVE_METRICS)[number];

/** The 12-column grid widgets sit on. */
export const GRID = { columns: 12, maxHeight: 20, defaultWidth: 6, defaultHeight: 4 } as const;

/** Refresh intervals a widget may ask for, in seconds. */
export const REFRESH_SECONDS = { min: 5, max: 86_400 } as const;

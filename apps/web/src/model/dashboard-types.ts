// The dashboards service's HTTP contract (libs/dashboards/feature/README.md), as the web UI reads it.

export const RELATIVE_PERIODS = [
  'yesterday',
  'last_7_days',
  'last_28_days',
  'last_30_days',
  'last_90_days',
  'week_to_date',
  'previous_week',
  'month_to_date',
  'previous_month',
  'quarter_to_date',
  'previous_quarter',
  'year_to_date',
  'previous_year',
] as const;
export type RelativePeriod = (typeof RELATIVE_PERIODS)[number];

export interface PropertyFilter {
  field: string;
  operator: string;
  value?: string | number | boolean;
  values?: unknown[];
}

export interface DashboardFilters {
  period?: RelativePeriod;
  from?: string;
  to?: string;
  compare?: boolean;
  properties?: PropertyFilter[];
}

export interface DashboardSummary {
  id: string;
  name: string;
  description: string | null;
  prebuiltKey: string | null;
  filters: DashboardFilters;
  widgetCount: number;
  createdAt: string;
  updatedAt: string;
}

export const WIDGET_TYPES = [
  'counter',
  'time_series',
  'bar',
  'table',
  'top_list',
  'funnel',
  'retention_heatmap',
  'conversation_roi',
  'live_counter',
  'anomaly_band',
  'forecast',
  'text',
] as const;
export type WidgetType = (typeof WIDGET_TYPES)[number];

export interface GridPosition {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Widget {
  id: string;
  dashboardId: string;
  type: WidgetType;
  title: string;
  query: Record<string, unknown> | null;
  options: Record<string, unknown>;
  position: GridPosition;
  refreshSeconds: number | null;
  order: number;
}

export interface Dashboard extends Omit<DashboardSummary, 'widgetCount'> {
  widgets: Widget[];
}

export interface WidgetBody {
  type: WidgetType;
  title: string;
  query?: Record<string, unknown>;
  options?: Record<string, unknown>;
  position?: GridPosition;
  refreshSeconds?: number | null;
}

export interface FieldIssue {
  field: string;
  rule: string;
  message: string;
}

export type WidgetResult =
  | { id: string; type: WidgetType; status: 'ok'; data: unknown }
  | { id: string; type: WidgetType; status: 'error'; error: { message: string; issues?: FieldIssue[] } };

export interface DashboardData {
  dashboardId: string;
  range: { from: string; to: string; start: string; end: string; timeZone: string; period: string | null };
  previousRange?: { from: string; to: string };
  compare: boolean;
  widgets: WidgetResult[];
}

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

export interface LiveFrame {
  timestamp: string;
  overview?: Record<string, unknown>;
  widgets: { id: string; metric: string; value: number }[];
}

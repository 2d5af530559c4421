import type { PrebuiltDashboard, WidgetDefinition } from '@pulse/dashboards-data-access';
import { GRID, type WidgetType } from '../widgets/widget-types';
import { DEFAULT_DASHBOARD_FILTERS } from './dashboard-filters';

/** The dashboards every tenant starts with, in the order they are listed. */
export const PREBUILT_DASHBOARD_KEYS = ['executive_overview', 'commerce', 'conversations', 'content', 'system_health'] as const;
export type PrebuiltDashboardKey = (typeof PREBUILT_DASHBOARD_KEYS)[number];

type WidgetSketch = Pick<WidgetDefinition, 'type' | 'title'> & { query?: Record<string, unknown>; options?: Record<string, unknown>; w: number; h: number; refreshSeconds?: number };

const count = (events?: string[]) => ({ metric: { type: 'event_count', ...(events ? { events } : {}) } });
const users = (events?: string[]) => ({ metric: { type: 'unique_users', ...(events ? { events } : {}) } });
const sum = (events: string[], field: string) => ({ metric: { type: 'aggregate', events, field, aggregation: 'sum' } });
const avg = (events: string[], field: string) => ({ metric: { type: 'aggregate', events, field, aggregation: 'avg' } });

const counter = (title: string, query: Record<string, unknown>, options: Record<string, unknown> = {}): WidgetSketch => ({ type: 'counter', title, query, options, w: 3, h: 2 });
const live = (title: string, metric: string): WidgetSketch => ({ type: 'live_counter', title, query: { metric }, w: 3, h: 2 });
const chart = (type: WidgetType, title: string, query: Record<string, unknown>, options: Record<string, unknown> = {}): WidgetSketch => ({ type, title, query, options, w: 6, h: 4 });

/**
 * What each prebuilt dashboard shows, over the contract's event types and properties (`libs/contracts`).
 * The executive overview is the 8-widget dashboard the benchmark measures.
 */
const SKETCHES: Record<PrebuiltDashboardKey, { name: string; description: string; period?: string; widgets: WidgetSketch[] }> = {
  executive_overview: {
    name: 'Executive overview',
    description: 'Activity, customers and sales at a glance.',
    widgets: [
      counter('Events', count()),
      counter('Active users', users()),
      counter('Orders', count(['purchase'])),
      counter('Revenue', sum(['purchase'], 'properties.revenue'), { format: 'currency' }),
      live('Active users now', 'active_users_5m'),
      chart('time_series', 'Events per day', { ...count(), granularity: 'day' }),
      chart('top_list', 'Top event types', { ...count(), groupBy: ['type'] }),
      chart('bar', 'Conversation outcomes', { ...count(['conversation_resolved', 'conversation_escalated', 'conversation_abandoned']), groupBy: ['type'] }),
    ],
  },
  commerce: {
    name: 'Commerce',
    description: 'Orders, revenue and the path to purchase.',
    widgets: [
      counter('Orders', count(['purchase'])),
      counter('Revenue', sum(['purchase'], 'properties.revenue'), { format: 'currency' }),
      counter('Product view to purchase', { metric: { type: 'conversion', fromEvent: 'product_view', toEvent: 'purchase' } }, { format: 'percent' }),
      live('Revenue today', 'revenue_today'),
      chart('time_series', 'Revenue per day', { ...sum(['purchase'], 'properties.revenue'), granularity: 'day' }),
      chart('funnel', 'Purchase funnel', {
        steps: [{ eventType: 'product_view' }, { eventType: 'add_to_cart' }, { eventType: 'checkout_start' }, { eventType: 'purchase' }],
        conversionWindowSeconds: 86_400,
      }),
      chart('top_list', 'Top products bought', { ...count(['purchase']), groupBy: ['properties.product_id'] }),
      chart('bar', 'Orders by device', { ...count(['purchase']), groupBy: ['device_type'] }),
    ],
  },
  conversations: {
    name: 'Conversations',
    description: 'Assistant conversations, their outcomes and the return on the AI.',
    widgets: [
      counter('Conversations started', count(['conversation_started'])),
      counter('Resolved', count(['conversation_resolved'])),
      counter('Escalated', count(['conversation_escalated'])),
      counter('Abandoned', count(['conversation_abandoned'])),
      chart('conversation_roi', 'Return on the AI', {}),
      chart('time_series', 'Conversations per day', { ...count(['conversation_started']), granularity: 'day' }),
      chart('bar', 'Conversations by channel', { ...count(['conversation_started']), groupBy: ['properties.channel'] }),
      chart('time_series', 'Messages per day', { ...count(['message_sent', 'message_received']), granularity: 'day' }),
    ],
  },
  content: {
    name: 'Content',
    description: 'What is read and watched, and who comes back.',
    widgets: [
      counter('Content views', count(['content_view'])),
      counter('Unique viewers', users(['content_view'])),
      counter('Completions', count(['content_complete'])),
      counter('Shares', count(['content_share'])),
      chart('time_series', 'Content views per day', { ...count(['content_view']), granularity: 'day' }),
      chart('top_list', 'Top content', { ...count(['content_view']), groupBy: ['properties.content_id'] }),
      chart('retention_heatmap', 'Viewers coming back', { cohortEvent: { eventType: 'content_view' }, returnEvent: { eventType: 'content_view' }, period: 'day', periods: 7 }),
      chart('table', 'Views by category', { ...count(['content_view']), groupBy: ['properties.category'] }),
    ],
  },
  system_health: {
    name: 'System health',
    description: 'Measurements, model calls and unusual activity.',
    period: 'last_28_days',
    widgets: [
      counter('Measurements', count(['system_metric'])),
      counter('Model calls', count(['model_usage'])),
      live('Events today', 'events_today'),
      live('Active sessions', 'active_sessions_5m'),
      chart('table', 'Average value per metric', { ...avg(['system_metric'], 'properties.metric_value'), groupBy: ['properties.metric_name'] }),
      chart('time_series', 'Model latency per day (ms, average)', { ...avg(['model_usage'], 'properties.latency_ms'), granularity: 'day' }),
      chart('anomaly_band', 'Events per day, unusual days marked', { ...count(), granularity: 'day' }),
      chart('forecast', 'Events, next 7 days', { ...count(), granularity: 'day' }, { horizon: 7 }),
    ],
  },
};

/** The prebuilt dashboards with their widgets laid out left to right, top to bottom on the grid. */
export function prebuiltDashboards(): PrebuiltDashboard[] {
  return PREBUILT_DASHBOARD_KEYS.map((key) => {
    const sketch = SKETCHES[key];
    return {
      prebuiltKey: key,
      name: sketch.name,
      description: sketch.description,
      filters: { ...DEFAULT_DASHBOARD_FILTERS, ...(sketch.period ? { period: sketch.period } : {}) },
      widgets: layOut(sketch.widgets),
    };
  });
}

function layOut(sketches: readonly WidgetSketch[]): WidgetDefinition[] {
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  return sketches.map((sketch, order) => {
    if (x + sketch.w > GRID.columns) {
      x = 0;
      y += rowHeight;
      rowHeight = 0;
    }
    const position = { x, y, w: sketch.w, h: sketch.h };
    x += sketch.w;
    rowHeight = Math.max(rowHeight, sketch.h);
    return {
      type: sketch.type,
      title: sketch.title,
      query: sketch.query ?? null,
      options: sketch.options ?? {},
      position,
      refreshSeconds: sketch.refreshSeconds ?? null,
      order,
    };
  });
}

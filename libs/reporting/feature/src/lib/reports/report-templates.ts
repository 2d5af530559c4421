import type { ReportSection, ReportSectionSource } from '@pulse/reporting-data-access';

export const REPORT_TYPES = [
  'executive_summary',
  'commerce',
  'conversation_performance',
  'content_performance',
  'user_engagement',
  'system_health',
  'import_summary',
  'custom',
] as const;
export type ReportType = (typeof REPORT_TYPES)[number];

/** A metric-query section over the report's days: `metric` one figure per group, `chart`/`table` one per local day. */
function querySection(title: string, kind: 'metric' | 'chart' | 'table', query: Record<string, unknown>): ReportSection {
  return { title, kind, query: { granularity: 'day', ...query } };
}

/** A section reading a funnel, retention or a domain endpoint over the report's days. */
function sourceSection(title: string, kind: 'metric' | 'chart' | 'table', source: ReportSectionSource, query?: Record<string, unknown>): ReportSection {
  return query === undefined ? { title, kind, source } : { title, kind, source, query };
}

const count = (events: string[]) => ({ metric: { type: 'event_count', events } });
const sum = (events: string[], field: string) => ({ metric: { type: 'aggregate', events, field, aggregation: 'sum' } });
const avg = (events: string[], field: string) => ({ metric: { type: 'aggregate', events, field, aggregation: 'avg' } });

/**
 * The sections a report of each type gets when it names none: `POST /v1/reports {name, type, format,
 * period}` alone makes a complete report. Event types and properties are the contract's
 * (`libs/contracts`); `custom` has no template (its sections are required).
 */
export const REPORT_TEMPLATES: Record<Exclude<ReportType, 'custom'>, ReportSection[]> = {
  executive_summary: [
    querySection('Events', 'metric', { metric: { type: 'event_count' } }),
    querySection('Active users', 'metric', { metric: { type: 'unique_users' } }),
    querySection('Orders', 'metric', count(['purchase'])),
    querySection('Revenue', 'metric', sum(['purchase'], 'properties.revenue')),
    querySection('Conversations started', 'metric', count(['conversation_started'])),
    querySection('Events per day', 'chart', { metric: { type: 'event_count' } }),
    querySection('Active users per day', 'table', { metric: { type: 'unique_users' } }),
  ],
  commerce: [
    querySection('Orders', 'metric', count(['purchase'])),
    querySection('Revenue', 'metric', sum(['purchase'], 'properties.revenue')),
    sourceSection('Commerce summary', 'metric', 'commerce'),
    querySection('Product view to purchase conversion', 'metric', { metric: { type: 'conversion', fromEvent: 'product_view', toEvent: 'purchase' } }),
    sourceSection('Checkout funnel', 'chart', 'funnel', {
      steps: [{ eventType: 'product_view' }, { eventType: 'add_to_cart' }, { eventType: 'purchase' }],
      conversionWindow: { value: 1, unit: 'day' },
    }),
    querySection('Orders per day', 'chart', count(['purchase'])),
    querySection('Revenue per day', 'table', sum(['purchase'], 'properties.revenue')),
    sourceSection('Revenue by category', 'table', 'commerce', { breakdown: 'category' }),
    querySection('Cart additions per day', 'table', count(['add_to_cart'])),
  ],
  conversation_performance: [
    sourceSection('Conversations', 'metric', 'conversations'),
    sourceSection('Conversations per day', 'chart', 'conversations'),
    sourceSection('Conversations by channel', 'table', 'conversations', { breakdown: 'channel' }),
    querySection('Messages per day', 'table', count(['message_sent', 'message_received'])),
  ],
  content_performance: [
    querySection('Content views', 'metric', count(['content_view'])),
    querySection('Unique viewers', 'metric', { metric: { type: 'unique_users', events: ['content_view'] } }),
    querySection('Completions', 'metric', count(['content_complete'])),
    querySection('Content views per day', 'chart', count(['content_view'])),
    querySection('Shares and bookmarks per day', 'table', count(['content_share', 'content_bookmark'])),
  ],
  user_engagement: [
    querySection('Active users', 'metric', { metric: { type: 'unique_users' } }),
    querySection('Events', 'metric', { metric: { type: 'event_count' } }),
    querySection('Active users per day', 'chart', { metric: { type: 'unique_users' } }),
    querySection('Events per day by device', 'table', { metric: { type: 'event_count' }, groupBy: ['device_type'] }),
    sourceSection('Daily retention', 'table', 'retention', { period: 'day', periods: 7 }),
  ],
  system_health: [
    querySection('Measurements', 'metric', count(['system_metric'])),
    querySection('Average value per metric', 'table', { ...avg(['system_metric'], 'properties.metric_value'), groupBy: ['properties.metric_name'] }),
    querySection('Model calls per day', 'chart', count(['model_usage'])),
    querySection('Model latency per day (ms, average)', 'table', avg(['model_usage'], 'properties.latency_ms')),
  ],
  import_summary: [
    querySection('Imports started', 'metric', count(['import_started'])),
    querySection('Imports completed', 'metric', count(['import_completed'])),
    querySection('Imports failed', 'metric', count(['import_failed'])),
    querySection('Records processed', 'metric', sum(['import_completed'], 'properties.records_processed')),
    querySection('Imports per day', 'table', count(['import_started', 'import_completed', 'import_failed'])),
  ],
};

import type { QueryRequest } from '@pulse/analytics-core';

type MetricRequest = NonNullable<QueryRequest['metric']>;
type FilterRequest = NonNullable<QueryRequest['filters']>[number];

/**
 * The spec's named metrics (`GET /v1/ml/anomalies?metric=orders`, `POST /v1/ml/forecast {"metric":"revenue"}`)
 * as metric queries: what each one charts. Requests are `system_metric` events named
 * `http_request_duration_ms` (analytics-core `system-endpoints.ts`); error_rate is their share with a 5xx status.
 */
export const NAMED_METRICS = ['events', 'active_users', 'orders', 'revenue', 'conversations', 'error_rate', 'latency_p95'] as const;
export type NamedMetric = (typeof NAMED_METRICS)[number];

export type NamedMetricQuery =
  | { metric: MetricRequest; filters?: FilterRequest[] }
  | { series: { metric: MetricRequest; filters?: FilterRequest[] }[]; formulas: { formula: string }[] };

const HTTP_REQUESTS: FilterRequest[] = [{ field: 'properties.metric_name', operator: 'equals', value: 'http_request_duration_ms' }];

export const NAMED_METRIC_QUERIES: Record<NamedMetric, NamedMetricQuery> = {
  events: { metric: { type: 'event_count' } },
  active_users: { metric: { type: 'unique_users' } },
  orders: { metric: { type: 'event_count', events: ['purchase'] } },
  revenue: {
    metric: { type: 'aggregate', events: ['purchase'], field: 'properties.revenue', aggregation: 'sum' },
  },
  conversations: { metric: { type: 'event_count', events: ['conversation_started'] } },
  error_rate: {
    series: [
      {
        metric: { type: 'event_count', events: ['system_metric'] },
        filters: [...HTTP_REQUESTS, { field: 'properties.tags.status', operator: 'between', values: [500, 599] }],
      },
      { metric: { type: 'event_count', events: ['system_metric'] }, filters: HTTP_REQUESTS },
    ],
    formulas: [{ formula: 'A / B' }],
  },
  latency_p95: {
    metric: { type: 'aggregate', events: ['system_metric'], field: 'properties.metric_value', aggregation: 'p95' },
    filters: HTTP_REQUESTS,
  },
};

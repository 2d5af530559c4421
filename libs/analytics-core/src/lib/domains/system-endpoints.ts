import { fractionOf } from './fraction';

/**
 * The convention Pulse reads requests from: one `system_metric` per HTTP request, named
 * `http_request_duration_ms`, its metric_value the latency in ms, tags.service and tags.endpoint
 * naming where it was served and tags.status its HTTP status. A status of 500–599 is a server error
 * (the content spec's error_count); 400–499 is the caller's mistake and counted apart.
 */
export const HTTP_REQUEST_METRIC = 'http_request_duration_ms';

/** Requests of one service and endpoint (content spec `SystemAnalytics`, `endpoint_stats`), or of all. */
export interface EndpointRequestCounts {
  requests: number;
  /** Status 500–599. */
  serverErrors: number;
  /** Status 400–499. */
  clientErrors: number;
  /** Mean of metric_value; null without requests. */
  averageLatencyMs: number | null;
  /** percentile_cont of metric_value; null without requests. */
  latencyP50Ms: number | null;
  latencyP95Ms: number | null;
  latencyP99Ms: number | null;
}

export interface EndpointRequestSummary extends EndpointRequestCounts {
  /** serverErrors / requests. */
  errorRate: number;
  /** requests / minutes in the range (a local day with a DST change has 1,380 or 1,500). */
  requestsPerMinute: number;
}

export function endpointRequestSummary<T extends EndpointRequestCounts>(counts: T, range: { start: Date; end: Date }): T & EndpointRequestSummary {
  const minutes = (range.end.getTime() - range.start.getTime()) / 60_000;
  return { ...counts, errorRate: fractionOf(counts.serverErrors, counts.requests), requestsPerMinute: fractionOf(counts.requests, minutes) };
}

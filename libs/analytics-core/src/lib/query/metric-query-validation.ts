import { QUERY_GRANULARITIES, type MetricQuery, type QueryGranularity } from './metric-query';
import {
  checkBucketCap,
  issueCollector,
  validateMetric,
  validateQueryFrame,
  type MetricRequest,
  type QueryFrameRequest,
  type QueryIssue,
} from './query-request-checks';

export type { FilterRequest, MetricRequest, QueryFrameRequest, QueryIssue } from './query-request-checks';

/** A query as a client sends it (JSON), before any check: one metric. */
export interface MetricQueryRequest extends QueryFrameRequest {
  metric: MetricRequest;
}

export type MetricQueryValidation = { ok: true; query: MetricQuery } | { ok: false; issues: QueryIssue[] };

/**
 * Checks everything a query's meaning depends on and returns the normalised query, or every problem
 * found (each naming the request field and the rule). `defaultTimeZone` is the tenant's.
 */
export function validateMetricQuery(request: MetricQueryRequest, defaultTimeZone: string): MetricQueryValidation {
  const { issues, problem } = issueCollector();
  const metric = validateMetric(request.metric, 'metric', problem);
  const frame = validateQueryFrame(request, defaultTimeZone, problem);
  // Counting buckets needs a sound range, granularity and zone; it is the costly check, so it comes last.
  if (issues.length === 0 && frame) checkBucketCap(frame, request, problem);
  if (issues.length > 0 || !metric || !frame) return { ok: false, issues };
  return { ok: true, query: { metric, ...frame } };
}

/** Granularity type guard for callers holding a plain string. */
export function isQueryGranularity(value: string): value is QueryGranularity {
  return (QUERY_GRANULARITIES as readonly string[]).includes(value);
}

import type { EndpointRequestCounts } from '../domains/system-endpoints';
import { proportionChange } from './change-significance';
import { impactOf, type Insight } from './insight';
import { formatPercent as percent, roundTo } from './insight-text';

export interface EndpointPeriods {
  service: string;
  endpoint: string;
  current: EndpointRequestCounts;
  previous: EndpointRequestCounts | undefined;
}

export interface PerformanceTrendInput {
  endpoints: readonly EndpointPeriods[];
  /** A p95 latency this much higher (relative) is a regression worth reporting. */
  latencyRegression?: number;
  minRequests?: number;
}

/**
 * Endpoints getting worse: server-error rate against the previous period (two-proportion z-test) and p95
 * latency up by more than `latencyRegression` (no test exists for a percentile from counters alone, so its
 * confidence is the sample's size: 1 − 1/√requests). `impactScore` is the endpoint's share of requests
 * times the size of the regression.
 */
export function performanceTrendInsights(
  input: PerformanceTrendInput,
): Insight[] {
  const minRequests = input.minRequests ?? 50;
  const latencyRegression = input.latencyRegression ?? 0.2;
  const totalRequests = input.endpoints.reduce(
    (sum, endpoint) => sum + endpoint.current.requests,
    0,
  );
  const insights: Insight[] = [];
  for (const { service, endpoint, current, previous } of input.endpoints) {
    if (
      previous === undefined ||
      current.requests < minRequests ||
      previous.requests < minRequests
    )
      continue;
    const share = current.requests / totalRequests;
    const subject = `${service} ${endpoint}`;
    const errorRate = current.serverErrors / current.requests;
    const previousErrorRate = previous.serverErrors / previous.requests;
    if (errorRate > previousErrorRate) {
      const { z, confidence } = proportionChange(
        current.serverErrors,
        current.requests,
        previous.serverErrors,
        previous.requests,
      );
      const impactScore = Math.min(
        1,
        share * (errorRate - previousErrorRate) * 10,
      );
      insights.push({
        id: `performance_trends:server_errors:${subject}`,
        type: 'performance_trends',
        title: `Server errors on ${subject} rose from ${percent(previousErrorRate)} to ${percent(errorRate)}`,
        explanation:
          `${current.serverErrors} of ${current.requests} requests to ${subject} failed with a 5xx status, against ` +
          `${previous.serverErrors} of ${previous.requests} in the previous period.`,
        recommendation: `Look at ${subject}'s error logs and recent deploys; alert on its 5xx rate so the next rise is caught as it starts.`,
        impact: impactOf(impactScore),
        impactScore,
        confidence: roundTo(confidence, 4),
        supportingData: {
          service,
          endpoint,
          errorRate: roundTo(errorRate, 4),
          previousErrorRate: roundTo(previousErrorRate, 4),
          requests: current.requests,
          z: roundTo(z, 3),
        },
      });
    }
    const p95 = current.latencyP95Ms;
    const previousP95 = previous.latencyP95Ms;
    if (
      p95 !== null &&
      previousP95 !== null &&
      previousP95 > 0 &&
      p95 / previousP95 - 1 >= latencyRegression
    ) {
      const growth = p95 / previousP95 - 1;
      const impactScore = Math.min(1, share * growth);
      insights.push({
        id: `performance_trends:latency_p95:${subject}`,
        type: 'performance_trends',
        title: `${subject} got slower: p95 ${Math.round(previousP95)} → ${Math.round(p95)} ms`,
        explanation:
          `The 95th percentile of ${subject}'s response time rose by ${percent(growth)} on ${current.requests} requests ` +
          `(${percent(share)} of all requests).`,
        recommendation: `Profile ${subject}: compare slow requests of this period with the previous one (payload sizes, database time, downstream calls).`,
        impact: impactOf(impactScore),
        impactScore,
        confidence: roundTo(1 - 1 / Math.sqrt(current.requests), 4),
        supportingData: {
          service,
          endpoint,
          latencyP95Ms: p95,
          previousLatencyP95Ms: previousP95,
          requests: current.requests,
        },
      });
    }
  }
  return insights;
}

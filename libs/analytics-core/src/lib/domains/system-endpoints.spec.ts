import { endpointRequestSummary, type EndpointRequestCounts } from './system-endpoints';

const counts = (requests: number, serverErrors: number): EndpointRequestCounts => ({
  requests,
  serverErrors,
  clientErrors: 0,
  averageLatencyMs: requests > 0 ? 100 : null,
  latencyP50Ms: requests > 0 ? 100 : null,
  latencyP95Ms: requests > 0 ? 100 : null,
  latencyP99Ms: requests > 0 ? 100 : null,
});

describe('endpointRequestSummary', () => {
  it('rates server errors and requests per minute of the range', () => {
    // 2,880 requests over one 24-hour day (1,440 minutes) → 2 a minute; 72 errors → 0.025
    const day = { start: new Date('2025-03-10T00:00:00Z'), end: new Date('2025-03-11T00:00:00Z') };
    expect(endpointRequestSummary(counts(2_880, 72), day)).toMatchObject({ errorRate: 0.025, requestsPerMinute: 2 });
  });

  it('divides by the real length of a day with a DST change', () => {
    // Berlin 2025-10-26 lasts 25 hours = 1,500 minutes: 3,000 requests → 2 a minute
    const longDay = { start: new Date('2025-10-25T22:00:00Z'), end: new Date('2025-10-26T23:00:00Z') };
    expect(endpointRequestSummary(counts(3_000, 0), longDay).requestsPerMinute).toBe(2);
  });

  it('is zeros without requests', () => {
    const day = { start: new Date('2025-03-10T00:00:00Z'), end: new Date('2025-03-11T00:00:00Z') };
    expect(endpointRequestSummary(counts(0, 0), day)).toMatchObject({ errorRate: 0, requestsPerMinute: 0, latencyP50Ms: null });
  });
});

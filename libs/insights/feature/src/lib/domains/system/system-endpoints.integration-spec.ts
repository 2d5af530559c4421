import { STORE_TARGETS } from '@pulse/storage/testing';
import { startDomainsApp, type DomainsAppUnderTest, type DomainsTenant } from '../../../testing/domains-app';
import { storeEvents, type EventFixture } from '../../../testing/domains-fixtures';

const metric = (id: string, at: string, name: string, value: number, tags: Record<string, string>): EventFixture => ({
  id,
  type: 'system_metric',
  category: 'system',
  at,
  properties: { metric_name: name, metric_value: value, metric_type: 'histogram', unit: 'ms', tags },
});
const request = (id: string, at: string, service: string, endpoint: string, latencyMs: number, status?: string): EventFixture =>
  metric(id, at, 'http_request_duration_ms', latencyMs, { service, endpoint, ...(status === undefined ? {} : { status }) });

/*
 * Tenant "ops", Europe/Berlin, local day 2025-03-10 (24 h = 1,440 minutes).
 *   checkout-api POST /v1/orders        100 ms 200, 200 ms 201, 300 ms 500, 400 ms 503
 *   checkout-api GET /v1/orders/:id     50 ms 200, 70 ms 404
 *   search-api   GET /v1/search         20 ms 200, 40 ms without a status
 *   not requests: a queue.depth gauge of checkout-api; a 9,999 ms 500 at 23:30Z (03-11 local)
 *   2025-03-30 (DST starts: 23 h = 1,380 minutes): one search request
 * Tenant "other": a 5,000 ms 500 of checkout-api the same day.
 */
const EVENTS: EventFixture[] = [
  request('r1', '2025-03-10T08:00:00Z', 'checkout-api', 'POST /v1/orders', 100, '200'),
  request('r2', '2025-03-10T08:01:00Z', 'checkout-api', 'POST /v1/orders', 200, '201'),
  request('r3', '2025-03-10T08:02:00Z', 'checkout-api', 'POST /v1/orders', 300, '500'),
  request('r4', '2025-03-10T08:03:00Z', 'checkout-api', 'POST /v1/orders', 400, '503'),
  request('r5', '2025-03-10T09:00:00Z', 'checkout-api', 'GET /v1/orders/:id', 50, '200'),
  request('r6', '2025-03-10T09:01:00Z', 'checkout-api', 'GET /v1/orders/:id', 70, '404'),
  request('r7', '2025-03-10T10:00:00Z', 'search-api', 'GET /v1/search', 20, '200'),
  request('r8', '2025-03-10T10:01:00Z', 'search-api', 'GET /v1/search', 40),
  metric('q1', '2025-03-10T10:02:00Z', 'queue.depth', 999, { service: 'checkout-api' }),
  request('r9', '2025-03-10T23:30:00Z', 'checkout-api', 'POST /v1/orders', 9_999, '500'),
  request('d1', '2025-03-30T10:00:00Z', 'search-api', 'GET /v1/search', 25, '200'),
];

describe.each(STORE_TARGETS)('system endpoint analytics over HTTP on $name', (target) => {
  let app: DomainsAppUnderTest;
  let ops: DomainsTenant;

  beforeAll(async () => {
    app = await startDomainsApp(target);
    ops = await app.createTenant({ timeZone: 'Europe/Berlin', currency: 'EUR' });
    const other = await app.createTenant({ timeZone: 'Europe/Berlin', currency: 'EUR' });
    await storeEvents(app.store, ops.id, EVENTS);
    await storeEvents(app.store, other.id, [request('x1', '2025-03-10T08:00:00Z', 'checkout-api', 'POST /v1/orders', 5_000, '500')]);
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('rates requests and server errors and takes latency percentiles over all services', async () => {
    const answer = await app.call(ops, '/v1/system/endpoints?from=2025-03-10&to=2025-03-10');
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ metricName: 'http_request_duration_ms', service: null });
    // 8 requests, 2 with 5xx, 1 with 4xx; latencies 20, 40, 50, 70, 100, 200, 300, 400: mean 1,180 / 8 = 147.5,
    // p50 rank 3.5 → 70 + 0.5 × 30 = 85; p95 rank 6.65 → 300 + 0.65 × 100 = 365; p99 rank 6.93 → 393
    expect(answer.body.total).toMatchObject({ requests: 8, serverErrors: 2, clientErrors: 1, errorRate: 0.25, averageLatencyMs: 147.5, latencyP50Ms: 85 });
    expect(answer.body.total.latencyP95Ms).toBeCloseTo(365, 9);
    expect(answer.body.total.latencyP99Ms).toBeCloseTo(393, 9);
    expect(answer.body.total.requestsPerMinute).toBeCloseTo(8 / 1_440, 12);
  });

  it('breaks requests down per service and per endpoint, busiest first', async () => {
    const answer = await app.call(ops, '/v1/system/endpoints?from=2025-03-10&to=2025-03-10');
    // checkout-api: 6 requests, 2 errors; latencies 50, 70, 100, 200, 300, 400 → mean 1,120 / 6, p50 rank 2.5 → 150
    expect(answer.body.byService.map((row: { service: string; requests: number }) => `${row.service}:${row.requests}`)).toEqual(['checkout-api:6', 'search-api:2']);
    expect(answer.body.byService[0].errorRate).toBeCloseTo(2 / 6, 12);
    expect(answer.body.byService[0].averageLatencyMs).toBeCloseTo(1_120 / 6, 9);
    expect(answer.body.byService[0].latencyP50Ms).toBe(150);
    // POST /v1/orders: 100, 200, 300, 400 → p50 250, p95 rank 2.85 → 385, p99 rank 2.97 → 397; error rate 2 / 4
    const rows = answer.body.byEndpoint;
    expect(rows.map((row: { service: string; endpoint: string }) => `${row.service} ${row.endpoint}`)).toEqual([
      'checkout-api POST /v1/orders',
      'checkout-api GET /v1/orders/:id',
      'search-api GET /v1/search',
    ]);
    expect(rows[0]).toMatchObject({ requests: 4, serverErrors: 2, errorRate: 0.5, averageLatencyMs: 250, latencyP50Ms: 250 });
    expect(rows[0].latencyP95Ms).toBeCloseTo(385, 9);
    expect(rows[0].latencyP99Ms).toBeCloseTo(397, 9);
    // GET /v1/orders/:id: a 404 is the caller's mistake, not an error; 50, 70 → p95 rank 0.95 → 69
    expect(rows[1]).toMatchObject({ requests: 2, serverErrors: 0, clientErrors: 1, errorRate: 0, latencyP50Ms: 60 });
    expect(rows[1].latencyP95Ms).toBeCloseTo(69, 9);
    // a request without a status is not an error
    expect(rows[2]).toMatchObject({ requests: 2, serverErrors: 0, clientErrors: 0, averageLatencyMs: 30 });
  });

  it('narrows to one service', async () => {
    const answer = await app.call(ops, '/v1/system/endpoints?from=2025-03-10&to=2025-03-10&service=search-api');
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ service: 'search-api', total: { requests: 2, serverErrors: 0, latencyP50Ms: 30 } });
    expect(answer.body.byService.map((row: { service: string }) => row.service)).toEqual(['search-api']);
    expect(answer.body.byEndpoint).toHaveLength(1);
  });

  it('divides by the 1,380 minutes of the day DST starts', async () => {
    const answer = await app.call(ops, '/v1/system/endpoints?from=2025-03-30&to=2025-03-30');
    expect(answer.body.total.requests).toBe(1);
    expect(answer.body.total.requestsPerMinute).toBeCloseTo(1 / 1_380, 12);
  });

  it('answers zeros and null latencies for an empty range', async () => {
    const answer = await app.call(ops, '/v1/system/endpoints?from=2025-02-01&to=2025-02-28');
    expect(answer.status).toBe(200);
    expect(answer.body.total).toMatchObject({ requests: 0, errorRate: 0, requestsPerMinute: 0, averageLatencyMs: null, latencyP99Ms: null });
    expect(answer.body.byService).toEqual([]);
    expect(answer.body.byEndpoint).toEqual([]);
  });

  it('refuses an empty service name, naming the field and the rule', async () => {
    const answer = await app.call(ops, '/v1/system/endpoints?from=2025-03-10&to=2025-03-10&service=');
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([expect.objectContaining({ field: 'service', rule: 'isLength' })]);
  });
});

import { STORE_TARGETS } from '@pulse/storage/testing';
import { startDomainsApp, type DomainsAppUnderTest, type DomainsTenant } from '../../../testing/domains-app';
import { storeEvents, type EventFixture } from '../../../testing/domains-fixtures';

const call = (id: string, at: string, properties: Record<string, unknown>): EventFixture => ({ id, type: 'model_usage', category: 'model_usage', at, properties });

/*
 * Tenant "assistant", Europe/Berlin (UTC+1), one local day 2025-03-10 (2025-03-09T23:00Z … 2025-03-10T23:00Z).
 *   m5 anthropic claude-3-haiku chat_completion 23:10Z [00:10]  200 tokens (150 in, 50 out), 3.5 ¢, 300 ms
 *   m1 openai gpt-4o chat_completion           08:15Z [09:15]  100 tokens (60 / 40),        2 ¢,   100 ms
 *   m2 openai gpt-4o chat_completion           08:45Z [09:45]  300 tokens (200 / 100),      6 ¢,   200 ms
 *   m3 openai gpt-4o chat_completion           16:00Z [17:00]  failed, 0 tokens, 0 ¢,             1,000 ms
 *   m4 openai text-embedding-3-small embedding 16:30Z [17:30]  50 tokens,                   0.5 ¢,  40 ms
 *   m6 openai gpt-4o chat_completion           23:30Z [03-11 00:30] outside the day
 * Tenant "other" has a 500 ¢ call the same day.
 */
const EVENTS: EventFixture[] = [
  call('m5', '2025-03-09T23:10:00Z', {
    model_provider: 'anthropic',
    model_name: 'claude-3-haiku',
    operation: 'chat_completion',
    tokens_used: 200,
    input_tokens: 150,
    output_tokens: 50,
    cost_cents: 3.5,
    latency_ms: 300,
    success: true,
  }),
  call('m1', '2025-03-10T08:15:00Z', {
    model_provider: 'openai',
    model_name: 'gpt-4o',
    operation: 'chat_completion',
    tokens_used: 100,
    input_tokens: 60,
    output_tokens: 40,
    cost_cents: 2,
    latency_ms: 100,
    success: true,
  }),
  call('m2', '2025-03-10T08:45:00Z', {
    model_provider: 'openai',
    model_name: 'gpt-4o',
    operation: 'chat_completion',
    tokens_used: 300,
    input_tokens: 200,
    output_tokens: 100,
    cost_cents: 6,
    latency_ms: 200,
    success: true,
  }),
  call('m3', '2025-03-10T16:00:00Z', {
    model_provider: 'openai',
    model_name: 'gpt-4o',
    operation: 'chat_completion',
    tokens_used: 0,
    cost_cents: 0,
    latency_ms: 1_000,
    success: false,
    error_code: 'timeout',
  }),
  call('m4', '2025-03-10T16:30:00Z', {
    model_provider: 'openai',
    model_name: 'text-embedding-3-small',
    operation: 'embedding',
    tokens_used: 50,
    cost_cents: 0.5,
    latency_ms: 40,
    success: true,
  }),
  call('m6', '2025-03-10T23:30:00Z', {
    model_provider: 'openai',
    model_name: 'gpt-4o',
    operation: 'chat_completion',
    tokens_used: 999,
    cost_cents: 99,
    latency_ms: 9_999,
    success: true,
  }),
];

describe.each(STORE_TARGETS)('model usage and cost over HTTP on $name', (target) => {
  let app: DomainsAppUnderTest;
  let assistant: DomainsTenant;

  beforeAll(async () => {
    app = await startDomainsApp(target);
    assistant = await app.createTenant({ timeZone: 'Europe/Berlin', currency: 'EUR' });
    const other = await app.createTenant({ timeZone: 'Europe/Berlin', currency: 'EUR' });
    await storeEvents(app.store, assistant.id, EVENTS);
    await storeEvents(app.store, other.id, [
      call('x1', '2025-03-10T12:00:00Z', {
        model_provider: 'openai',
        model_name: 'gpt-4o',
        operation: 'chat_completion',
        tokens_used: 5_000,
        cost_cents: 500,
        latency_ms: 5,
        success: true,
      }),
    ]);
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('totals calls, tokens, cost, latency percentiles and error rate', async () => {
    const answer = await app.call(assistant, '/v1/models/usage?from=2025-03-10&to=2025-03-10');
    expect(answer.status).toBe(200);
    // 5 calls, 1 failed; tokens 200 + 100 + 300 + 0 + 50 = 650; in 150 + 60 + 200 = 410; out 50 + 40 + 100 = 190
    // cost 3.5 + 2 + 6 + 0 + 0.5 = 12 ¢
    // latencies 40, 100, 200, 300, 1,000: p50 rank 2 → 200; p95 rank 3.8 → 300 + 0.8 × 700 = 860; p99 rank 3.96 → 300 + 0.96 × 700 = 972
    expect(answer.body.total).toMatchObject({
      calls: 5,
      failures: 1,
      errorRate: 0.2,
      tokens: 650,
      inputTokens: 410,
      outputTokens: 190,
      costCents: 12,
      costCentsPerCall: 2.4,
      tokensPerCall: 130,
      latencyP50Ms: 200,
    });
    expect(answer.body.total.latencyP95Ms).toBeCloseTo(860, 9);
    expect(answer.body.total.latencyP99Ms).toBeCloseTo(972, 9);
  });

  it('breaks usage down by provider, model and operation, most expensive first', async () => {
    const answer = await app.call(assistant, '/v1/models/usage?from=2025-03-10&to=2025-03-10');
    const rows = answer.body.byModel;
    expect(rows.map((row: { provider: string; model: string; operation: string }) => `${row.provider}/${row.model}/${row.operation}`)).toEqual([
      'openai/gpt-4o/chat_completion', // 8 ¢
      'anthropic/claude-3-haiku/chat_completion', // 3.5 ¢
      'openai/text-embedding-3-small/embedding', // 0.5 ¢
    ]);
    // gpt-4o: 3 calls, 1 failed; 400 tokens; latencies 100, 200, 1,000: p50 200, p95 rank 1.9 → 200 + 0.9 × 800 = 920, p99 rank 1.98 → 984
    expect(rows[0]).toMatchObject({ calls: 3, failures: 1, tokens: 400, costCents: 8, latencyP50Ms: 200 });
    expect(rows[0].errorRate).toBeCloseTo(1 / 3, 12);
    expect(rows[0].latencyP95Ms).toBeCloseTo(920, 9);
    expect(rows[0].latencyP99Ms).toBeCloseTo(984, 9);
    expect(rows[1]).toMatchObject({ calls: 1, errorRate: 0, latencyP50Ms: 300, latencyP95Ms: 300, latencyP99Ms: 300 });
  });

  it("breaks cost down by the tenant's local hour of day", async () => {
    const answer = await app.call(assistant, '/v1/models/cost-by-hour?from=2025-03-10&to=2025-03-10');
    expect(answer.status).toBe(200);
    expect(answer.body.hours).toHaveLength(24);
    const spent = answer.body.hours.filter((hour: { calls: number }) => hour.calls > 0);
    // 00:10 m5 3.5 ¢; 09:xx m1 + m2 8 ¢; 17:xx m3 + m4 0.5 ¢; of 12 ¢
    expect(spent).toEqual([
      { hour: 0, calls: 1, costCents: 3.5, costShare: 3.5 / 12 },
      { hour: 9, calls: 2, costCents: 8, costShare: 8 / 12 },
      { hour: 17, calls: 2, costCents: 0.5, costShare: 0.5 / 12 },
    ]);
  });

  it('answers zeros and null percentiles for an empty range', async () => {
    const answer = await app.call(assistant, '/v1/models/usage?from=2025-02-01&to=2025-02-28');
    expect(answer.status).toBe(200);
    expect(answer.body.total).toMatchObject({ calls: 0, errorRate: 0, costCents: 0, latencyP50Ms: null, latencyP99Ms: null });
    expect(answer.body.byModel).toEqual([]);
  });

  it('refuses a malformed date', async () => {
    const answer = await app.call(assistant, '/v1/models/cost-by-hour?from=10.03.2025&to=2025-03-10');
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([expect.objectContaining({ field: 'from', rule: 'isLocalDate' })]);
  });
});

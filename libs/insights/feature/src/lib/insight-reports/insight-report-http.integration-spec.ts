import { STORE_TARGETS } from '@pulse/storage/testing';
import {
  startDomainsApp,
  type DomainsAppUnderTest,
  type DomainsTenant,
} from '../../testing/domains-app';
import {
  storeConversations,
  storeEvents,
  type ConversationFixture,
  type EventFixture,
} from '../../testing/domains-fixtures';

/*
 * Tenant in UTC; the report covers 2025-03-10 … 2025-03-16 (7 days) against 2025-03-03 … 2025-03-09.
 * Model usage in the range:
 *   gpt-4o        30 short calls (100 input tokens, 200 billed, 2 ¢ each), all with request_hash "h1"
 *                 10 long calls (2,000 input tokens, 3,000 billed, 30 ¢ each)   → 36,000 tokens, 360 ¢: 0.01 ¢/token
 *   gpt-4o-mini   30 calls (100 input, 200 billed, 0.1 ¢ each)                   → 6,000 tokens, 3 ¢: 0.0005 ¢/token
 * Conversations: previous period web 100 (70 resolved, 20 escalated, 10 abandoned); this period web 100
 * (60 / 30 / 10) and whatsapp 40 (10 / 10 / 20).
 * Endpoint api "POST /orders": previous 100 requests, 2 × 500, 100 ms; this period 100 requests, 20 × 500, 200 ms.
 */
const usage = (
  id: string,
  day: number,
  model: string,
  props: Record<string, unknown>,
): EventFixture => ({
  id,
  type: 'model_usage',
  category: 'model_usage',
  at: `2025-03-${String(day).padStart(2, '0')}T10:00:00Z`,
  properties: {
    model_provider: 'openai',
    model_name: model,
    operation: 'chat_completion',
    latency_ms: 100,
    success: true,
    ...props,
  },
});

const MODEL_USAGE: EventFixture[] = [
  ...Array.from({ length: 30 }, (_, i) =>
    usage(`s${i}`, 10 + (i % 7), 'gpt-4o', {
      input_tokens: 100,
      tokens_used: 200,
      cost_cents: 2,
      request_hash: 'h1',
    }),
  ),
  ...Array.from({ length: 10 }, (_, i) =>
    usage(`l${i}`, 10 + (i % 7), 'gpt-4o', {
      input_tokens: 2_000,
      tokens_used: 3_000,
      cost_cents: 30,
    }),
  ),
  ...Array.from({ length: 30 }, (_, i) =>
    usage(`m${i}`, 10 + (i % 7), 'gpt-4o-mini', {
      input_tokens: 100,
      tokens_used: 200,
      cost_cents: 0.1,
    }),
  ),
];

function conversations(
  prefix: string,
  day: number,
  channel: string,
  resolved: number,
  escalated: number,
  abandoned: number,
): ConversationFixture[] {
  const statuses = [
    ...Array<'resolved'>(resolved).fill('resolved'),
    ...Array<'escalated'>(escalated).fill('escalated'),
    ...Array<'abandoned'>(abandoned).fill('abandoned'),
  ];
  return statuses.map((status, i) => ({
    id: `${prefix}${i}`,
    customer: `${prefix}-c${i}`,
    channel,
    startedAt: `2025-03-${String(day).padStart(2, '0')}T09:00:00Z`,
    outcome: {
      status,
      at: `2025-03-${String(day).padStart(2, '0')}T09:30:00Z`,
    },
  }));
}

const request = (
  id: string,
  day: number,
  status: number,
  latency: number,
): EventFixture => ({
  id,
  type: 'system_metric',
  category: 'system',
  at: `2025-03-${String(day).padStart(2, '0')}T12:00:00Z`,
  properties: {
    metric_name: 'http_request_duration_ms',
    metric_value: latency,
    metric_type: 'histogram',
    tags: { service: 'api', endpoint: 'POST /orders', status: String(status) },
  },
});

const REQUESTS: EventFixture[] = [
  ...Array.from({ length: 100 }, (_, i) =>
    request(`p${i}`, 5, i < 2 ? 500 : 200, 100),
  ),
  ...Array.from({ length: 100 }, (_, i) =>
    request(`c${i}`, 12, i < 20 ? 500 : 200, 200),
  ),
];

const RANGE = { from: '2025-03-10', to: '2025-03-16' };

describe.each(STORE_TARGETS)('insight report over HTTP on $name', (target) => {
  let app: DomainsAppUnderTest;
  let tenant: DomainsTenant;
  let other: DomainsTenant;

  beforeAll(async () => {
    app = await startDomainsApp(target);
    tenant = await app.createTenant({ timeZone: 'UTC', currency: 'USD' });
    other = await app.createTenant({ timeZone: 'UTC', currency: 'USD' });
    await storeEvents(app.store, tenant.id, [...MODEL_USAGE, ...REQUESTS]);
    await storeConversations(app.store, { id: tenant.id, timeZone: 'UTC' }, [
      ...conversations('prev-web-', 5, 'web', 70, 20, 10),
      ...conversations('web-', 12, 'web', 60, 30, 10),
      ...conversations('wa-', 13, 'whatsapp', 10, 10, 20),
    ]);
    // Another tenant's expensive short prompts must not reach this tenant's figures.
    await storeEvents(
      app.store,
      other.id,
      Array.from({ length: 50 }, (_, i) =>
        usage(`o${i}`, 11, 'gpt-4o', {
          input_tokens: 50,
          tokens_used: 100,
          cost_cents: 50,
        }),
      ),
    );
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('finds the expensive model on short prompts, with the saving a cheaper model of the tenant gives', async () => {
    const answer = await app.call(tenant, '/v1/insights/report', {
      ...RANGE,
      types: ['cost_optimisation'],
    });
    expect(answer.status).toBe(200);
    const finding = answer.body.insights.find(
      (insight: { id: string }) =>
        insight.id ===
        'cost_optimisation:short_prompts:openai/gpt-4o/chat_completion',
    );
    // 30 short calls cost 60 ¢; their 6,000 tokens at 0.0005 ¢ cost 3 ¢: 57 ¢ per 7 days, 244.29 ¢ per 30.
    expect(finding).toMatchObject({
      type: 'cost_optimisation',
      estimatedSavingsCents: 244.29,
      impact: 'high', // 57 of 363 ¢
      confidence: 0.8174, // 1 − 1/√30
      supportingData: {
        shortPromptCalls: 30,
        shortPromptTokens: 6_000,
        shortPromptCostCents: 60,
        cheaperModel: { model: 'gpt-4o-mini' },
      },
    });
    expect(finding.impactScore).toBeCloseTo(57 / 363, 12);
  });

  it('counts calls repeating a request hash as what a cache would save', async () => {
    const answer = await app.call(tenant, '/v1/insights/report', {
      ...RANGE,
      types: ['cost_optimisation'],
    });
    const finding = answer.body.insights.find(
      (insight: { id: string }) =>
        insight.id ===
        'cost_optimisation:repeated_requests:openai/gpt-4o/chat_completion',
    );
    // One hash sent 30 times: 29 repeats, 58 of its 60 ¢.
    expect(finding).toMatchObject({
      estimatedSavingsCents: 248.57,
      supportingData: {
        repeatedRequests: 1,
        repeatedCalls: 29,
        repeatedCostCents: 58,
      },
    });
    expect(answer.body.summary.estimatedSavingsCents).toBeCloseTo(
      244.29 + 248.57,
      6,
    );
  });

  it('reports the abandonment that rose and the channel where conversations are abandoned', async () => {
    const answer = await app.call(tenant, '/v1/insights/report', {
      ...RANGE,
      types: ['conversation_patterns'],
      confidenceThreshold: 0,
    });
    expect(answer.status).toBe(200);
    const byId = new Map(
      answer.body.insights.map((insight: { id: string }) => [
        insight.id,
        insight,
      ]),
    );
    expect(
      byId.get('conversation_patterns:abandonment_rate_change:all'),
    ).toMatchObject({
      supportingData: {
        currentRate: 0.2143, // 30 of 140
        previousRate: 0.1,
        current: {
          conversations: 140,
          resolved: 70,
          escalated: 40,
          abandoned: 30,
        },
        previous: {
          conversations: 100,
          resolved: 70,
          escalated: 20,
          abandoned: 10,
        },
      },
    });
    expect(
      byId.get('conversation_patterns:abandonment_by_channel:whatsapp'),
    ).toMatchObject({
      supportingData: {
        channelRate: 0.5,
        otherChannelsRate: 0.1,
        conversations: 40,
        shareOfConversations: 0.2857,
      },
    });
  });

  it('reports the endpoint whose server errors and p95 rose', async () => {
    const answer = await app.call(tenant, '/v1/insights/report', {
      ...RANGE,
      types: ['performance_trends'],
    });
    const ids = answer.body.insights
      .map((insight: { id: string }) => insight.id)
      .sort();
    expect(ids).toEqual([
      'performance_trends:latency_p95:api POST /orders',
      'performance_trends:server_errors:api POST /orders',
    ]);
    const errors = answer.body.insights.find((insight: { id: string }) =>
      insight.id.includes('server_errors'),
    );
    expect(errors.supportingData).toMatchObject({
      errorRate: 0.2,
      previousErrorRate: 0.02,
      requests: 100,
    });
  });

  it('ranks all kinds together, and says which kinds it cannot look for yet', async () => {
    const answer = await app.call(tenant, '/v1/insights/report', {
      ...RANGE,
      maxInsights: 3,
    });
    expect(answer.status).toBe(200);
    expect(answer.body.insights).toHaveLength(3);
    const scores = answer.body.insights.map(
      (insight: { impactScore: number; confidence: number }) =>
        insight.impactScore * insight.confidence,
    );
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(answer.body.previousDateRange).toMatchObject({
      from: '2025-03-03',
      to: '2025-03-09',
      days: 7,
    });
    expect(
      answer.body.notAvailable
        .map((entry: { type: string }) => entry.type)
        .sort(),
    ).toEqual(['anomalies', 'predictive', 'quality', 'user_behaviour']);
  });

  it('finds nothing for a tenant without data in the range', async () => {
    const answer = await app.call(other, '/v1/insights/report', {
      from: '2025-01-01',
      to: '2025-01-07',
    });
    expect(answer.status).toBe(200);
    expect(answer.body.insights).toEqual([]);
  });

  it('refuses an unknown type and an out-of-range threshold, naming the field', async () => {
    const answer = await app.call(tenant, '/v1/insights/report', {
      ...RANGE,
      types: ['horoscope'],
      confidenceThreshold: 2,
    });
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'types', rule: 'isIn' }),
        expect.objectContaining({ field: 'confidenceThreshold', rule: 'max' }),
      ]),
    );
  });

  it('needs the secret key', async () => {
    expect((await app.call(null, '/v1/insights/report', RANGE)).status).toBe(
      401,
    );
  });
});

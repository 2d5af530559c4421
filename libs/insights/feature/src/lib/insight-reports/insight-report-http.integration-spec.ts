import {
  forecastSeries,
  logisticModelToJson,
  sigmoid,
} from '@pulse/analytics-core';
import { ModelVersionRepository } from '@pulse/ml-data-access';
import { CHURN_FEATURES, SATISFACTION_FEATURES } from '@pulse/ml-features';
import { DataQualityCountersRepository } from '@pulse/storage';
import { STORE_TARGETS, storeQueryEvents, type QueryFixtureEvent } from '@pulse/storage/testing';
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

const visit = (
  id: string,
  type: string,
  user: string,
  at: string,
  receivedAt?: string,
): QueryFixtureEvent => ({ id, type, at, user, device: null, receivedAt });
const people = (prefix: string, from: number, to: number) =>
  Array.from({ length: to - from }, (_, i) => `${prefix}${from + i}`);

/*
 * The "behaviour" tenant. u0…u49 visited on 2025-02-20 (before both periods). Previous period: u0…u59 viewed a
 * page on 03-05 (u50…u59 new), u0…u39 searched too: 60 active, 100 events. This period: u0…u29 and n0…n9 (new)
 * viewed a page on 03-12, u0…u9 searched too: 40 active, 50 events; the ten new users' views arrived 2 hours late.
 * Data-quality counters: 1,000 purchases received this period, 100 rejected for properties.revenue (isNumber);
 * 1,000 the previous period, 10 rejected.
 */
const BEHAVIOUR_EVENTS: QueryFixtureEvent[] = [
  ...people('u', 0, 50).map((user) =>
    visit(`early-${user}`, 'page_view', user, '2025-02-20T10:00:00Z'),
  ),
  ...people('u', 0, 60).map((user) =>
    visit(`prev-pv-${user}`, 'page_view', user, '2025-03-05T10:00:00Z'),
  ),
  ...people('u', 0, 40).map((user) =>
    visit(`prev-search-${user}`, 'search', user, '2025-03-05T10:05:00Z'),
  ),
  ...people('u', 0, 30).map((user) =>
    visit(`pv-${user}`, 'page_view', user, '2025-03-12T10:00:00Z'),
  ),
  ...people('n', 0, 10).map((user) =>
    visit(
      `pv-${user}`,
      'page_view',
      user,
      '2025-03-12T10:00:00Z',
      '2025-03-12T12:00:00Z',
    ),
  ),
  ...people('u', 0, 10).map((user) =>
    visit(`search-${user}`, 'search', user, '2025-03-12T10:05:00Z'),
  ),
];

const counter = (
  day: string,
  outcome: 'stored' | 'rejected',
  count: number,
  field = '',
  rule = '',
) => ({
  day,
  eventType: 'purchase',
  source: 'segment /v1/batch',
  outcome,
  field,
  rule,
  count,
});

/** A logistic model reading one feature as it is: P = σ(intercept + coefficient × feature). */
const oneFeatureModel = (
  features: readonly string[],
  feature: string,
  coefficient: number,
  intercept: number,
) =>
  logisticModelToJson({
    featureNames: [...features],
    means: features.map(() => 0),
    stds: features.map(() => 1),
    coefficients: features.map((name) => (name === feature ? coefficient : 0)),
    intercept,
    c: 1,
  });

/*
 * The "models" tenant: purchases by buyer0…buyer19 at noon every day from 2025-01-20 to 03-16 (56 days), day i
 * having 10 + ⌊i/2⌋ + [0, 2, 4, 6, 4, 2, 0][i mod 7] of them: a trend with a weekly season. l0…l9 viewed a page
 * on 03-01 at midnight and never came back.
 */
const WEEKLY = [0, 2, 4, 6, 4, 2, 0];
const DAILY_ORDERS = Array.from(
  { length: 56 },
  (_, i) => 10 + Math.floor(i / 2) + WEEKLY[i % 7],
);
const MODEL_TENANT_EVENTS: QueryFixtureEvent[] = [
  ...DAILY_ORDERS.flatMap((orders, day) =>
    Array.from({ length: orders }, (_, k) =>
      visit(
        `order-${day}-${k}`,
        'purchase',
        `buyer${k % 20}`,
        new Date(Date.UTC(2025, 0, 20 + day, 12)).toISOString(),
      ),
    ),
  ),
  ...people('l', 0, 10).map((user) =>
    visit(`lapsed-${user}`, 'page_view', user, '2025-03-01T00:00:00Z'),
  ),
];

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

  it('ranks all kinds together, and says which models the tenant lacks', async () => {
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
        .map(
          (entry: { type: string; subject: string }) =>
            `${entry.type}:${entry.subject}`,
        )
        .sort(),
    ).toEqual(['predictive:churn', 'predictive:satisfaction']);
  });

  it('reports an hour whose events burst above what the weeks before predicted, once per incident', async () => {
    // One page view an hour from 2025-02-01 (five weeks of history before the range), and 60 more at 2025-03-12 14:xx.
    const steady = await app.createTenant({ timeZone: 'UTC', currency: 'USD' });
    const hours = Array.from(
      { length: 44 * 24 },
      (_, i) => new Date(Date.UTC(2025, 1, 1) + i * 3_600_000),
    );
    // Stored with their rollups, as the stream processor keeps them (the events metric is read from rollups).
    await storeQueryEvents(
      app.store.dataSource,
      { id: steady.id, timeZone: 'UTC', currency: 'USD' },
      [
        ...hours.map((at, i) => ({
          id: `h${i}`,
          type: 'page_view',
          at: at.toISOString(),
          user: 'u1',
          device: null,
        })),
        ...Array.from({ length: 60 }, (_, i) => ({
          id: `burst${i}`,
          type: 'page_view',
          at: `2025-03-12T14:${String(i).padStart(2, '0')}:30Z`,
          user: 'u1',
          device: null,
        })),
      ],
    );
    const answer = await app.call(steady, '/v1/insights/report', {
      ...RANGE,
      types: ['anomalies'],
    });
    expect(answer.status).toBe(200);
    const events = answer.body.insights.filter((insight: { id: string }) =>
      insight.id.startsWith('anomalies:events:'),
    );
    expect(events).toHaveLength(1);
    expect(events[0].supportingData).toMatchObject({
      metric: 'events',
      from: '2025-03-12T14:00:00.000Z',
      buckets: 1,
      observed: 61,
    });
    expect(events[0].confidence).toBeGreaterThan(0.99);
    // The one user was active every hour: nothing unusual about active users.
    expect(
      answer.body.insights.some((insight: { id: string }) =>
        insight.id.startsWith('anomalies:active_users:'),
      ),
    ).toBe(false);
  });

  describe('user behaviour, quality and predictive findings', () => {
    let behaviour: DomainsTenant;
    let models: DomainsTenant;
    let satisfied: DomainsTenant;

    beforeAll(async () => {
      behaviour = await app.createTenant({ timeZone: 'UTC', currency: 'USD' });
      models = await app.createTenant({ timeZone: 'UTC', currency: 'USD' });
      await storeQueryEvents(app.store.dataSource, behaviour, BEHAVIOUR_EVENTS);
      await new DataQualityCountersRepository(app.store.dataSource).add(
        [
          counter('2025-03-05', 'stored', 990),
          counter('2025-03-05', 'rejected', 10),
          counter('2025-03-12', 'stored', 900),
          counter('2025-03-12', 'rejected', 100),
          counter(
            '2025-03-12',
            'rejected',
            100,
            'properties.revenue',
            'isNumber',
          ),
        ].map((row) => ({ tenantId: behaviour.id, ...row })),
      );
      await storeQueryEvents(app.store.dataSource, models, MODEL_TENANT_EVENTS);
      // A churn model of one feature: P(churn) = σ(days since the last event − 10).
      await new ModelVersionRepository(app.store.dataSource).save(
        models.id,
        'churn',
        {
          model: oneFeatureModel(
            CHURN_FEATURES,
            'days_since_last_event',
            1,
            -10,
          ),
          metrics: { auc: 0.9, brier: 0.1, threshold: 0.5, precision: 0.7 },
          trainedAt: new Date('2025-03-01T00:00:00Z'),
          makeCurrent: true,
        },
      );
      // Conversations nobody scored: 10 of 40 escalated the previous period, 30 of 40 this one; a satisfaction
      // model of one feature: σ(1 − escalated), 0.7311 without an escalation and 0.5 with one.
      satisfied = await app.createTenant({ timeZone: 'UTC', currency: 'USD' });
      await storeConversations(app.store, satisfied, [
        ...conversations('sat-prev-', 5, 'web', 30, 10, 0),
        ...conversations('sat-', 12, 'web', 10, 30, 0),
      ]);
      await new ModelVersionRepository(app.store.dataSource).save(
        satisfied.id,
        'satisfaction',
        {
          model: oneFeatureModel(SATISFACTION_FEATURES, 'escalated', -1, 1),
          metrics: { auc: 0.8, brier: 0.05, meanAbsoluteError: 0.1 },
          trainedAt: new Date('2025-03-01T00:00:00Z'),
          makeCurrent: true,
        },
      );
    });

    const byId = (
      insights: Array<{ id: string; supportingData: Record<string, number> }>,
    ) => new Map(insights.map((insight) => [insight.id, insight]));

    it('reports fewer active users, fewer events each and fewer searching, with their tests', async () => {
      const answer = await app.call(behaviour, '/v1/insights/report', {
        ...RANGE,
        types: ['user_behaviour'],
        confidenceThreshold: 0,
      });
      expect(answer.status).toBe(200);
      const found = byId(answer.body.insights);
      // 40 against 60: z = −20/√100 = −2, 1 − p = 0.9545; a third of the users gone.
      expect(found.get('user_behaviour:active_users_change:all')).toMatchObject(
        {
          impact: 'critical',
          confidence: 0.9545,
          supportingData: {
            activeUsers: 40,
            previousActiveUsers: 60,
            newUsers: 10,
            previousNewUsers: 10,
            z: -2,
          },
        },
      );
      // 30 of 40 returning against 50 of 60 (statsmodels proportions_ztest: z = −1.0206).
      expect(
        found.get('user_behaviour:returning_share_change:all'),
      ).toMatchObject({
        supportingData: {
          returningShare: 0.75,
          previousReturningShare: 0.8333,
          z: -1.021,
        },
      });
      // 50 events from 40 persons against 100 from 60 (statsmodels ztest_ind, unequal variances: z = −4.4998).
      expect(
        found.get('user_behaviour:events_per_user_change:all'),
      ).toMatchObject({
        supportingData: {
          eventsPerUser: 1.25,
          previousEventsPerUser: 1.6667,
          z: -4.5,
        },
      });
      // 10 of 40 searched against 40 of 60 (z = −4.0825); page_view reached everyone both times: nothing.
      expect(found.get('user_behaviour:event_type_reach:search')).toMatchObject(
        {
          supportingData: {
            users: 10,
            previousUsers: 40,
            events: 10,
            z: -4.082,
          },
        },
      );
      expect(found.has('user_behaviour:event_type_reach:page_view')).toBe(
        false,
      );
    });

    it('reports the rejected purchases, the rejection rate that rose and the late events', async () => {
      const answer = await app.call(behaviour, '/v1/insights/report', {
        ...RANGE,
        types: ['quality'],
        confidenceThreshold: 0,
      });
      expect(answer.status).toBe(200);
      const found = byId(answer.body.insights);
      expect(found.get('quality:rejected_events:purchase')).toMatchObject({
        impact: 'high', // 100 of the 1,000 events received
        impactScore: 0.1,
        confidence: 0.9, // 1 − 1/√100
        supportingData: {
          received: 1_000,
          rejected: 100,
          rules: [
            { field: 'properties.revenue', rule: 'isNumber', events: 100 },
          ],
        },
      });
      // 10 % against 1 %: z = 8.827 (statsmodels proportions_ztest).
      expect(found.get('quality:rejection_rate_change:all')).toMatchObject({
        supportingData: {
          rejectionRate: 0.1,
          previousRejectionRate: 0.01,
          z: 8.827,
        },
      });
      // 10 of the 50 events of the range arrived 2 hours late; none of the previous 100.
      expect(found.get('quality:late_events:all')).toMatchObject({
        impactScore: 0.2,
        confidence: 0.6838, // 1 − 1/√10
        supportingData: { lateEvents: 10, events: 50, previousLateShare: 0 },
      });
    });

    it('says which models are missing instead of failing', async () => {
      const answer = await app.call(behaviour, '/v1/insights/report', {
        ...RANGE,
        types: ['predictive'],
      });
      expect(answer.status).toBe(200);
      expect(answer.body.notAvailable).toEqual(
        expect.arrayContaining([
          {
            type: 'predictive',
            subject: 'churn',
            reason: expect.stringContaining('POST /v1/ml/churn/train'),
          },
          {
            type: 'predictive',
            subject: 'satisfaction',
            reason: expect.stringContaining('POST /v1/ml/satisfaction/train'),
          },
        ]),
      );
    });

    it('forecasts the orders of the next 7 days and counts the users the churn model flags', async () => {
      const answer = await app.call(models, '/v1/insights/report', {
        ...RANGE,
        types: ['predictive'],
        confidenceThreshold: 0,
      });
      expect(answer.status).toBe(200);
      const found = byId(answer.body.insights);
      // The orders line up to 03-17 (56 days from the first purchase) forecast 7 days on.
      const expected = forecastSeries(DAILY_ORDERS, {
        horizon: 7,
        bucketMs: 86_400_000,
      });
      expect(expected.model).toBe('holt-winters');
      const orders =
        found.get('predictive:forecast:orders')?.supportingData ?? {};
      expect(orders).toMatchObject({
        buckets: 7,
        currentTotal: 268, // 03-10 … 03-16: 34 + 37 + 39 + 42 + 40 + 39 + 37
      });
      expect(orders['forecastTotal']).toBeCloseTo(
        expected.points.reduce((sum, point) => sum + point.value, 0),
        3,
      );
      expect(orders['backtestMase']).toBeLessThan(orders['baselineMase']);
      // buyer0…19 last bought 03-16 at noon (0.5 days before the cut), l0…l9 16 days before it:
      // σ(16 − 10) = 0.9975 ≥ 0.5 for the ten, σ(0.5 − 10) for the twenty.
      expect(found.get('predictive:churn_risk:all')).toMatchObject({
        impact: 'critical',
        confidence: 0.7, // the model's held-out precision
        supportingData: {
          cut: '2025-03-17T00:00:00.000Z',
          scored: 30,
          atRisk: 10,
          atRiskShare: 0.3333,
          expectedChurners: 9.98, // 10 σ(6) + 20 σ(−9.5)
        },
      });
      expect(10 * sigmoid(6) + 20 * sigmoid(-9.5)).toBeCloseTo(9.9768, 4);
      // The tenant has a churn model but no satisfaction model; the orders forecast was given.
      const notes = answer.body.notAvailable.map(
        (note: { subject: string }) => note.subject,
      );
      expect(notes).toContain('satisfaction');
      expect(notes).not.toContain('churn');
      expect(notes).not.toContain('forecast:orders');
    });

    it('reports the predicted satisfaction of unscored conversations that fell', async () => {
      const answer = await app.call(satisfied, '/v1/insights/report', {
        ...RANGE,
        types: ['predictive'],
      });
      expect(answer.status).toBe(200);
      // (30 × 0.5 + 10 × σ(1)) / 40 = 0.5578 against (10 × 0.5 + 30 × σ(1)) / 40 = 0.6733;
      // statsmodels ztest_ind (unequal variances): z = −5.099.
      expect(
        byId(answer.body.insights).get('predictive:satisfaction_trend:all'),
      ).toMatchObject({
        impact: 'high',
        confidence: 1,
        supportingData: {
          predictedMean: 0.5578,
          previousPredictedMean: 0.6733,
          conversations: 40,
          previousConversations: 40,
          z: -5.099,
        },
      });
    });
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

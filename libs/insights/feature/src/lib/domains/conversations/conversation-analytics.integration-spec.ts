import { STORE_TARGETS } from '@pulse/storage/testing';
import { startDomainsApp, type DomainsAppUnderTest, type DomainsTenant } from '../../../testing/domains-app';
import { storeConversations, type ConversationFixture } from '../../../testing/domains-fixtures';

/*
 * Tenant "shop", Europe/Berlin (UTC+1 in March 2025 before the DST change of 03-30), EUR.
 * Local days in brackets.
 *   c0 u4 whatsapp          started 03-09 10:00Z [03-09 11:00], resolved by ai 10:05Z           (previous period)
 *   c6 u5 web_chat          started 03-09 23:30Z [03-10 00:30]: UTC says 03-09, the tenant says 03-10
 *   c1 u1 web_chat billing  started 03-10 08:00Z [03-10 09:00]; sent, reply 2,000 ms, sent, reply 4,000 ms; resolved by ai 08:10Z
 *   c2 u2 web_chat refund   started 03-10 22:30Z [03-10 23:30]; sent, reply 1,000 ms; escalated 23:15Z [03-11 00:15]
 *   c3 u1 email billing     started 03-11 09:00Z [03-11 10:00]; sent; abandoned 09:30Z — arrived late, on 03-14
 *   c4 u3 (no channel)      started 03-11 12:00Z [03-11 13:00]; reply 3,000 ms; resolved by a human 12:20Z
 *   c5 u6 web_chat          started 03-11 23:30Z [03-12 00:30]: after the range
 * Tenant "other" has one conversation on 03-10 (same customer id u1, same channel and intent): never counted for "shop".
 */
const SHOP_CONVERSATIONS: ConversationFixture[] = [
  { id: 'c0', customer: 'u4', channel: 'whatsapp', startedAt: '2025-03-09T10:00:00Z', outcome: { status: 'resolved', at: '2025-03-09T10:05:00Z', resolvedBy: 'ai' } },
  { id: 'c6', customer: 'u5', channel: 'web_chat', startedAt: '2025-03-09T23:30:00Z' },
  {
    id: 'c1',
    customer: 'u1',
    channel: 'web_chat',
    intent: 'billing',
    startedAt: '2025-03-10T08:00:00Z',
    messages: [
      { at: '2025-03-10T08:01:00Z' },
      { at: '2025-03-10T08:01:02Z', responseTimeMs: 2_000 },
      { at: '2025-03-10T08:03:00Z' },
      { at: '2025-03-10T08:03:04Z', responseTimeMs: 4_000 },
    ],
    outcome: { status: 'resolved', at: '2025-03-10T08:10:00Z', resolvedBy: 'ai' },
  },
  {
    id: 'c2',
    customer: 'u2',
    channel: 'web_chat',
    intent: 'refund',
    startedAt: '2025-03-10T22:30:00Z',
    messages: [{ at: '2025-03-10T22:31:00Z' }, { at: '2025-03-10T22:31:01Z', responseTimeMs: 1_000 }],
    outcome: { status: 'escalated', at: '2025-03-10T23:15:00Z' },
  },
  {
    id: 'c3',
    customer: 'u1',
    channel: 'email',
    intent: 'billing',
    startedAt: '2025-03-11T09:00:00Z',
    messages: [{ at: '2025-03-11T09:05:00Z' }],
    outcome: { status: 'abandoned', at: '2025-03-11T09:30:00Z' },
    receivedAt: '2025-03-14T00:00:00Z',
  },
  {
    id: 'c4',
    customer: 'u3',
    startedAt: '2025-03-11T12:00:00Z',
    messages: [{ at: '2025-03-11T12:00:03Z', responseTimeMs: 3_000 }],
    outcome: { status: 'resolved', at: '2025-03-11T12:20:00Z', resolvedBy: 'human' },
  },
  { id: 'c5', customer: 'u6', channel: 'web_chat', startedAt: '2025-03-11T23:30:00Z' },
];

const OTHER_CONVERSATIONS: ConversationFixture[] = [
  {
    id: 'c1',
    customer: 'u1',
    channel: 'web_chat',
    intent: 'billing',
    startedAt: '2025-03-10T10:00:00Z',
    messages: [{ at: '2025-03-10T10:00:05Z', responseTimeMs: 50_000 }],
    outcome: { status: 'resolved', at: '2025-03-10T10:30:00Z', resolvedBy: 'ai' },
  },
];

const RANGE = 'from=2025-03-10&to=2025-03-11';

describe.each(STORE_TARGETS)('conversation analytics over HTTP on $name', (target) => {
  let app: DomainsAppUnderTest;
  let shop: DomainsTenant;
  let other: DomainsTenant;

  beforeAll(async () => {
    app = await startDomainsApp(target);
    shop = await app.createTenant({ timeZone: 'Europe/Berlin', currency: 'EUR' });
    other = await app.createTenant({ timeZone: 'Europe/Berlin', currency: 'EUR' });
    await storeConversations(app.store, shop, SHOP_CONVERSATIONS);
    await storeConversations(app.store, other, OTHER_CONVERSATIONS);
  });

  afterAll(async () => {
    await app?.stop();
  });

  describe('GET /v1/conversations/metrics', () => {
    it('computes the period metrics, the previous period and the growth rate', async () => {
      const answer = await app.call(shop, `/v1/conversations/metrics?${RANGE}`);
      expect(answer.status).toBe(200);
      expect(answer.body.dateRange).toMatchObject({
        from: '2025-03-10',
        to: '2025-03-11',
        days: 2,
        start: '2025-03-09T23:00:00.000Z',
        end: '2025-03-11T23:00:00.000Z',
        timeZone: 'Europe/Berlin',
      });
      // started 03-10: c6, c1, c2; 03-11: c3, c4 → 5 (the other tenant's c1 is not among them)
      // resolved c1, c4 = 2; escalated c2 = 1; abandoned c3 = 1
      // replies 2,000 + 4,000 + 1,000 + 3,000 = 10,000 ms over 4 → 2,500; messages 4 + 2 + 1 + 1 = 8 over 5 → 1.6
      // customers: 03-10 u5, u1, u2; 03-11 u2 (c2's escalation), u1, u3 → distinct u1, u2, u3, u5 = 4
      expect(answer.body.metrics).toEqual({
        totalConversations: 5,
        resolvedConversations: 2,
        escalatedConversations: 1,
        abandonedConversations: 1,
        resolutionRate: 0.4,
        escalationRate: 0.2,
        abandonmentRate: 0.2,
        avgResponseTimeMs: 2_500,
        avgConversationLength: 1.6,
        uniqueCustomers: 4,
      });
      // previous period 03-08 … 03-09: c0 only (c6 is 03-10 locally); growth (5 − 1) / 1 = 4
      expect(answer.body.previousPeriod.dateRange).toMatchObject({ from: '2025-03-08', to: '2025-03-09', days: 2 });
      expect(answer.body.previousPeriod.metrics).toMatchObject({ totalConversations: 1, resolvedConversations: 1, resolutionRate: 1, uniqueCustomers: 1 });
      expect(answer.body.growthRate).toBe(4);
    });

    it('leaves the comparison out when compare=false', async () => {
      const answer = await app.call(shop, `/v1/conversations/metrics?${RANGE}&compare=false`);
      expect(answer.status).toBe(200);
      expect(answer.body.previousPeriod).toBeNull();
      expect(answer.body.growthRate).toBeNull();
    });

    it("shows the other tenant only its own conversation", async () => {
      const answer = await app.call(other, `/v1/conversations/metrics?${RANGE}`);
      // 1 conversation, resolved, one reply of 50,000 ms, one message, customer u1
      expect(answer.body.metrics).toMatchObject({ totalConversations: 1, resolvedConversations: 1, avgResponseTimeMs: 50_000, uniqueCustomers: 1 });
    });

    it('answers zeros for an empty range, growth 0.0 after an empty previous period', async () => {
      const answer = await app.call(shop, '/v1/conversations/metrics?from=2025-01-01&to=2025-01-07');
      expect(answer.status).toBe(200);
      expect(answer.body.metrics).toEqual({
        totalConversations: 0,
        resolvedConversations: 0,
        escalatedConversations: 0,
        abandonedConversations: 0,
        resolutionRate: 0,
        escalationRate: 0,
        abandonmentRate: 0,
        avgResponseTimeMs: 0,
        avgConversationLength: 0,
        uniqueCustomers: 0,
      });
      expect(answer.body.growthRate).toBe(0);
    });

    it('counts growth 1.0 when the previous period was empty: 03-09 alone after 03-08', async () => {
      const answer = await app.call(shop, '/v1/conversations/metrics?from=2025-03-09&to=2025-03-09');
      expect(answer.body.metrics.totalConversations).toBe(1);
      expect(answer.body.growthRate).toBe(1);
    });
  });

  describe('GET /v1/conversations/daily', () => {
    it('lists every local day with its metrics, the late conversation on the day it happened', async () => {
      const answer = await app.call(shop, '/v1/conversations/daily?from=2025-03-09&to=2025-03-11');
      expect(answer.status).toBe(200);
      const [day9, day10, day11] = answer.body.days;
      expect(answer.body.days).toHaveLength(3);
      // 03-09: c0 started and resolved
      expect(day9).toMatchObject({ day: '2025-03-09', totalConversations: 1, resolvedConversations: 1, resolutionRate: 1, uniqueCustomers: 1 });
      // 03-10: c6, c1, c2 started; c1 resolved; 6 messages; replies 2,000 + 4,000 + 1,000 over 3; customers u5, u1, u2
      expect(day10).toMatchObject({
        day: '2025-03-10',
        totalConversations: 3,
        resolvedConversations: 1,
        escalatedConversations: 0,
        abandonedConversations: 0,
        avgConversationLength: 2,
        uniqueCustomers: 3,
      });
      expect(day10.resolutionRate).toBeCloseTo(1 / 3, 12);
      expect(day10.avgResponseTimeMs).toBeCloseTo(7_000 / 3, 9);
      // 03-11: c3 (late) and c4 started; c2 escalated (00:15 local), c3 abandoned, c4 resolved; 2 messages; reply 3,000
      expect(day11).toMatchObject({
        day: '2025-03-11',
        totalConversations: 2,
        resolvedConversations: 1,
        escalatedConversations: 1,
        abandonedConversations: 1,
        resolutionRate: 0.5,
        escalationRate: 0.5,
        abandonmentRate: 0.5,
        avgResponseTimeMs: 3_000,
        avgConversationLength: 1,
        uniqueCustomers: 3,
      });
    });

    it('fills days without conversations with zeros', async () => {
      const answer = await app.call(shop, '/v1/conversations/daily?from=2025-01-01&to=2025-01-03');
      expect(answer.body.days.map((day: { day: string; totalConversations: number }) => [day.day, day.totalConversations])).toEqual([
        ['2025-01-01', 0],
        ['2025-01-02', 0],
        ['2025-01-03', 0],
      ]);
    });
  });

  describe('GET /v1/conversations/trends', () => {
    it('groups by local day exactly as the daily table does', async () => {
      const answer = await app.call(shop, `/v1/conversations/trends?${RANGE}&granularity=day`);
      expect(answer.status).toBe(200);
      expect(answer.body.buckets).toEqual([
        { bucket: '2025-03-10', conversations: 3, resolved: 1, escalated: 0, abandoned: 0, messages: 6, avgResponseTimeMs: 7_000 / 3 },
        { bucket: '2025-03-11', conversations: 2, resolved: 1, escalated: 1, abandoned: 1, messages: 2, avgResponseTimeMs: 3_000 },
      ]);
    });

    it('groups by local hour, every hour listed', async () => {
      const answer = await app.call(shop, '/v1/conversations/trends?from=2025-03-10&to=2025-03-10&granularity=hour');
      expect(answer.body.buckets).toHaveLength(24);
      const nonEmpty = answer.body.buckets.filter((bucket: { conversations: number; messages: number }) => bucket.conversations + bucket.messages > 0);
      // c6 at 00:30 local; c1 09:00–09:10 with 4 messages, replies 2,000 and 4,000; c2 23:30 with 2 messages, reply 1,000
      // (c2's escalation at 00:15 on 03-11 is outside the day)
      expect(nonEmpty).toEqual([
        { bucket: '2025-03-10T00:00', conversations: 1, resolved: 0, escalated: 0, abandoned: 0, messages: 0, avgResponseTimeMs: 0 },
        { bucket: '2025-03-10T09:00', conversations: 1, resolved: 1, escalated: 0, abandoned: 0, messages: 4, avgResponseTimeMs: 3_000 },
        { bucket: '2025-03-10T23:00', conversations: 1, resolved: 0, escalated: 0, abandoned: 0, messages: 2, avgResponseTimeMs: 1_000 },
      ]);
    });

    it('groups by ISO week, labelled by its Monday', async () => {
      const answer = await app.call(shop, `/v1/conversations/trends?${RANGE}&granularity=week`);
      // 03-10 is a Monday; everything of both days, replies 10,000 / 4
      expect(answer.body.buckets).toEqual([
        { bucket: '2025-03-10', conversations: 5, resolved: 2, escalated: 1, abandoned: 1, messages: 8, avgResponseTimeMs: 2_500 },
      ]);
    });

    it('refuses an unknown granularity and hourly buckets over more than 31 days', async () => {
      const minute = await app.call(shop, `/v1/conversations/trends?${RANGE}&granularity=minute`);
      expect(minute.status).toBe(400);
      expect(minute.body.errors).toEqual([expect.objectContaining({ field: 'granularity', rule: 'isIn' })]);
      const longHourly = await app.call(shop, '/v1/conversations/trends?from=2025-01-01&to=2025-03-01&granularity=hour');
      expect(longHourly.status).toBe(400);
      expect(longHourly.body.errors).toEqual([expect.objectContaining({ field: 'to', rule: 'maxHourlyRangeDays' })]);
    });
  });

  describe('GET /v1/conversations/intents', () => {
    it('distributes conversations among intents', async () => {
      const answer = await app.call(shop, `/v1/conversations/intents?${RANGE}`);
      expect(answer.status).toBe(200);
      // billing: c1 (start + 4 messages = 5 events), c3 (start + 1 message = 2) → 2 conversations, 7 events
      // refund: c2 (start + 2 messages) → 1 conversation, 3 events; 3 conversations named an intent
      expect(answer.body.conversationsWithIntent).toBe(3);
      expect(answer.body.intents).toEqual([
        { intent: 'billing', conversations: 2, events: 7, share: 2 / 3 },
        { intent: 'refund', conversations: 1, events: 3, share: 1 / 3 },
      ]);
    });

    it('is empty for an empty range', async () => {
      const answer = await app.call(shop, '/v1/conversations/intents?from=2025-01-01&to=2025-01-07');
      expect(answer.body).toMatchObject({ conversationsWithIntent: 0, intents: [] });
    });
  });

  describe('GET /v1/conversations/channels', () => {
    it('compares channels of the conversations that began in the range', async () => {
      const answer = await app.call(shop, `/v1/conversations/channels?${RANGE}`);
      expect(answer.status).toBe(200);
      // web_chat: c6, c1, c2 → resolved c1, escalated c2; 0 + 4 + 2 messages; replies 7,000 / 3; 3 of 5
      // email: c3 → abandoned; 1 message; no reply; unknown: c4 → resolved; 1 message; reply 3,000
      expect(answer.body.channels).toEqual([
        {
          channel: 'web_chat',
          conversations: 3,
          resolved: 1,
          escalated: 1,
          abandoned: 0,
          resolutionRate: 1 / 3,
          escalationRate: 1 / 3,
          abandonmentRate: 0,
          avgConversationLength: 2,
          avgResponseTimeMs: 7_000 / 3,
          share: 0.6,
        },
        {
          channel: 'email',
          conversations: 1,
          resolved: 0,
          escalated: 0,
          abandoned: 1,
          resolutionRate: 0,
          escalationRate: 0,
          abandonmentRate: 1,
          avgConversationLength: 1,
          avgResponseTimeMs: 0,
          share: 0.2,
        },
        {
          channel: 'unknown',
          conversations: 1,
          resolved: 1,
          escalated: 0,
          abandoned: 0,
          resolutionRate: 1,
          escalationRate: 0,
          abandonmentRate: 0,
          avgConversationLength: 1,
          avgResponseTimeMs: 3_000,
          share: 0.2,
        },
      ]);
    });
  });

  describe('POST /v1/conversations/roi', () => {
    it("applies the spec's ROI formulas with its default costs", async () => {
      const answer = await app.call(shop, '/v1/conversations/roi', { from: '2025-03-10', to: '2025-03-11' });
      expect(answer.status).toBe(200);
      // 5 conversations began (c6, c1, c2, c3, c4); AI-resolved: c1 only (c4 was resolved by a human)
      expect(answer.body).toMatchObject({ currency: 'EUR', totalConversations: 5, aiResolvedConversations: 1 });
      // human: 5 × 8 / 60 × 25 = 16.666…; ai: 5 × 0.05 = 0.25
      expect(answer.body.humanAgentCost).toBeCloseTo(16.666667, 5);
      expect(answer.body.aiCost).toBeCloseTo(0.25, 12);
      // savings: 1 × 8 / 60 × 25 − 1 × 0.05 = 3.28333…; roi: 3.28333 / 0.25 × 100 = 1,313.333…
      expect(answer.body.savings).toBeCloseTo(3.283333, 5);
      expect(answer.body.roiPercentage).toBeCloseTo(1_313.333333, 4);
    });

    it('takes the configured costs', async () => {
      const answer = await app.call(shop, '/v1/conversations/roi', {
        from: '2025-03-10',
        to: '2025-03-11',
        humanAgentCostPerHour: 30,
        minutesPerConversation: 6,
        aiCostPerConversation: 0.1,
      });
      // human: 5 × 6 / 60 × 30 = 15; ai: 5 × 0.10 = 0.5; savings: 1 × 6 / 60 × 30 − 0.10 = 2.9; roi 2.9 / 0.5 × 100 = 580
      expect(answer.body).toMatchObject({ humanAgentCostPerHour: 30, minutesPerConversation: 6, aiCostPerConversation: 0.1 });
      expect(answer.body.humanAgentCost).toBeCloseTo(15, 10);
      expect(answer.body.aiCost).toBeCloseTo(0.5, 12);
      expect(answer.body.savings).toBeCloseTo(2.9, 10);
      expect(answer.body.roiPercentage).toBeCloseTo(580, 8);
    });

    it('answers 0 % over an empty range', async () => {
      const answer = await app.call(shop, '/v1/conversations/roi', { from: '2025-01-01', to: '2025-01-07' });
      expect(answer.body).toMatchObject({ totalConversations: 0, aiResolvedConversations: 0, humanAgentCost: 0, aiCost: 0, savings: 0, roiPercentage: 0 });
    });

    it('refuses a negative cost, naming it', async () => {
      const answer = await app.call(shop, '/v1/conversations/roi', { from: '2025-03-10', to: '2025-03-11', humanAgentCostPerHour: -5 });
      expect(answer.status).toBe(400);
      expect(answer.body.errors).toEqual([expect.objectContaining({ field: 'humanAgentCostPerHour', rule: 'min' })]);
    });
  });

  describe('bad requests and keys', () => {
    it('refuses a range that ends before it starts', async () => {
      const answer = await app.call(shop, '/v1/conversations/metrics?from=2025-03-11&to=2025-03-10');
      expect(answer.status).toBe(400);
      expect(answer.body.errors).toEqual([expect.objectContaining({ field: 'to', rule: 'isOnOrAfter' })]);
    });

    it('refuses a range longer than 731 days', async () => {
      const answer = await app.call(shop, '/v1/conversations/daily?from=2020-01-01&to=2025-01-01');
      expect(answer.status).toBe(400);
      expect(answer.body.errors).toEqual([expect.objectContaining({ field: 'to', rule: 'maxRangeDays' })]);
    });

    it('refuses a date that does not exist and a missing one', async () => {
      const answer = await app.call(shop, '/v1/conversations/daily?from=2025-02-30');
      expect(answer.status).toBe(400);
      expect(answer.body.errors).toEqual([
        expect.objectContaining({ field: 'from', rule: 'isLocalDate' }),
        expect.objectContaining({ field: 'to', rule: 'isDefined' }),
      ]);
    });

    it('refuses an unknown parameter', async () => {
      const answer = await app.call(shop, `/v1/conversations/daily?${RANGE}&tenantId=x`);
      expect(answer.status).toBe(400);
      expect(answer.body.errors).toEqual([expect.objectContaining({ field: 'tenantId', rule: 'isUnknownField' })]);
    });

    it('answers 401 without a secret key', async () => {
      expect((await app.call(null, `/v1/conversations/metrics?${RANGE}`)).status).toBe(401);
    });
  });
});

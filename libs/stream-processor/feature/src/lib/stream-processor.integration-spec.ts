import { deterministicId } from '@pulse/analytics-core';
import type { TopicName } from '@pulse/contracts';
import { DEAD_LETTER_HEADERS, type OutgoingMessage } from '@pulse/messaging';
import { ConversationMetricsRepository, EventRollupRepository, TenantRepository } from '@pulse/storage';
import { randomBytes } from 'node:crypto';
import {
  DISTRIBUTED_TARGET,
  EMBEDDED_TARGET,
  collectDeadLetters,
  startProcessor,
  type ProcessorEnvironment,
  type RunningProcessor,
} from '../testing/processor-targets';
import { NOW, UNKNOWN_TENANT, scenarioMessages, type ScenarioTenants } from '../testing/scenario-fixture';
import { waitFor } from '../testing/wait-for';

const WAIT_MS = 60_000;
const BERLIN_MARCH_12 = new Date('2025-03-11T23:00:00Z');
const NEW_YORK_MARCH_12 = new Date('2025-03-12T04:00:00Z');

describe.each([EMBEDDED_TARGET, DISTRIBUTED_TARGET])('stream processor on $name', (target) => {
  let environment: ProcessorEnvironment;
  let processor: RunningProcessor;
  let deadLetters: Awaited<ReturnType<typeof collectDeadLetters>>;
  let tenants: ScenarioTenants;

  const query = <T>(sql: string, parameters: unknown[] = []): Promise<T[]> => environment.store.dataSource.query(sql, parameters);
  const countEvents = async (tenantId: string) =>
    Number((await query<{ count: string }>(`SELECT count(*) AS count FROM events WHERE tenant_id = $1`, [tenantId]))[0].count);
  const publish = async (messages: Array<{ topic: string; message: OutgoingMessage }>) => {
    for (const { topic, message } of messages) {
      await environment.bus.publish(environment.options.topics.get(topic as TopicName)!, [message]);
    }
  };
  const waitForEvents = (tenantId: string, expected: number) =>
    waitFor(`${expected} stored events`, async () => ((await countEvents(tenantId)) === expected ? true : undefined), WAIT_MS);

  beforeAll(async () => {
    environment = await target.open();
    const repository = new TenantRepository(environment.store.dataSource);
    const suffix = randomBytes(4).toString('hex');
    const shop = await repository.create({ slug: `shop-${suffix}`, name: 'Shop', writeKeyHash: `shop-${suffix}`, timeZone: 'Europe/Berlin', currency: 'EUR' });
    const support = await repository.create({ slug: `support-${suffix}`, name: 'Support', writeKeyHash: `support-${suffix}`, timeZone: 'America/New_York', currency: 'USD' });
    tenants = { shop: shop.id, support: support.id };
    processor = await startProcessor(environment, () => NOW);
    deadLetters = await collectDeadLetters(environment);

    const { phase1, phase2 } = scenarioMessages(tenants);
    await publish(phase1);
    await waitForEvents(tenants.shop, 8);
    await waitForEvents(tenants.support, 11);
    // Phase 2 only after phase 1 is stored: the visitor identifies after browsing anonymously.
    await publish(phase2);
    await waitForEvents(tenants.shop, 11);
    await waitFor('two dead letters', async () => (deadLetters.messages.length >= 2 ? true : undefined), WAIT_MS);
  });

  afterAll(async () => {
    await deadLetters?.close();
    await processor?.close();
    await environment?.dispose();
  });

  it('stores each event once, enriched with time context in the tenant zone and the user agent', async () => {
    const rows = await query(
      `SELECT event_id, type, user_key, local_date::text AS local_date, hour_of_day, day_of_week, is_business_hours, device_type, browser, os
         FROM events WHERE tenant_id = $1 ORDER BY occurred_at, event_id`,
      [tenants.shop],
    );
    const desktop = { device_type: 'desktop', browser: 'Chrome', os: 'Windows' };
    const mobile = { device_type: 'mobile', browser: 'Safari', os: 'iOS' };
    // Berlin is UTC+1: 13:00Z is 14:00 local; 2025-03-12 is a Wednesday (3), 2025-03-10 a Monday (1).
    expect(rows).toEqual([
      { event_id: 'late-1', type: 'page_view', user_key: 'alice', local_date: '2025-03-10', hour_of_day: 11, day_of_week: 1, is_business_hours: true, ...desktop },
      { event_id: 'a1', type: 'page_view', user_key: 'alice', local_date: '2025-03-12', hour_of_day: 14, day_of_week: 3, is_business_hours: true, ...desktop },
      { event_id: 'a2', type: 'product_view', user_key: 'alice', local_date: '2025-03-12', hour_of_day: 14, day_of_week: 3, is_business_hours: true, ...desktop },
      { event_id: 'a3', type: 'add_to_cart', user_key: 'alice', local_date: '2025-03-12', hour_of_day: 14, day_of_week: 3, is_business_hours: true, ...desktop },
      { event_id: 'a4', type: 'purchase', user_key: 'alice', local_date: '2025-03-12', hour_of_day: 14, day_of_week: 3, is_business_hours: true, ...desktop },
      { event_id: 'a5', type: 'page_view', user_key: 'alice', local_date: '2025-03-12', hour_of_day: 14, day_of_week: 3, is_business_hours: true, ...desktop },
      { event_id: 'a6', type: 'purchase', user_key: 'alice', local_date: '2025-03-12', hour_of_day: 15, day_of_week: 3, is_business_hours: true, ...desktop },
      { event_id: 'v1', type: 'page_view', user_key: 'anon:anon-v', local_date: '2025-03-12', hour_of_day: 15, day_of_week: 3, is_business_hours: true, ...mobile },
      { event_id: 'v2', type: 'product_view', user_key: 'anon:anon-v', local_date: '2025-03-12', hour_of_day: 15, day_of_week: 3, is_business_hours: true, ...mobile },
      { event_id: 'v3', type: 'identify', user_key: 'victor', local_date: '2025-03-12', hour_of_day: 15, day_of_week: 3, is_business_hours: true, ...mobile },
      { event_id: 'v4', type: 'purchase', user_key: 'victor', local_date: '2025-03-12', hour_of_day: 15, day_of_week: 3, is_business_hours: true, ...mobile },
    ]);
  });

  it('splits sessions at a 31-minute gap, gives a late event its own session and keeps the session across identify', async () => {
    const rows = await query<{ event_id: string; session_id: string }>(
      `SELECT event_id, session_id FROM events WHERE tenant_id = $1 ORDER BY event_id`,
      [tenants.shop],
    );
    const sessionOf = Object.fromEntries(rows.map((row) => [row.event_id, row.session_id]));
    const session = (at: string, userKey: string, eventId: string) => deterministicId(Date.parse(at), tenants.shop, userKey, eventId);
    const first = session('2025-03-12T13:00:00Z', 'alice', 'a1');
    const second = session('2025-03-12T13:56:00Z', 'alice', 'a5');
    const late = session('2025-03-10T10:00:00Z', 'alice', 'late-1');
    const visit = session('2025-03-12T14:40:00Z', 'anon:anon-v', 'v1');

    expect(sessionOf).toEqual({
      a1: first,
      a2: first,
      a3: first,
      a4: first,
      a5: second,
      a6: second,
      'late-1': late,
      v1: visit,
      v2: visit,
      v3: visit,
      v4: visit,
    });
  });

  it('stores the identity link from the anonymous id to the user who identified', async () => {
    expect(await query(`SELECT from_id, to_id, source_event_id FROM identity_links WHERE tenant_id = $1`, [tenants.shop])).toEqual([
      { from_id: 'anon-v', to_id: 'victor', source_event_id: 'v3' },
    ]);
  });

  it("rolls up the shop's day by event type: counts, exact unique users and revenue", async () => {
    const rollups = await new EventRollupRepository(environment.store.dataSource).find(tenants.shop, {
      granularity: 'day',
      from: BERLIN_MARCH_12,
      to: new Date('2025-03-12T23:00:00Z'),
    });

    expect(rollups.map(({ bucketLabel, eventType, eventCount, uniqueUsers }) => ({ bucketLabel, eventType, eventCount, uniqueUsers }))).toEqual([
      // All types: alice's 6 events, anon:anon-v's 2, victor's 2; three keys.
      { bucketLabel: '2025-03-12', eventType: '*', eventCount: 10, uniqueUsers: 3 },
      { bucketLabel: '2025-03-12', eventType: 'add_to_cart', eventCount: 1, uniqueUsers: 1 },
      { bucketLabel: '2025-03-12', eventType: 'identify', eventCount: 1, uniqueUsers: 1 },
      // anon:anon-v browsed before identifying, victor after: two keys, counted apart (no retroactive merge).
      { bucketLabel: '2025-03-12', eventType: 'page_view', eventCount: 3, uniqueUsers: 2 },
      { bucketLabel: '2025-03-12', eventType: 'product_view', eventCount: 2, uniqueUsers: 2 },
      { bucketLabel: '2025-03-12', eventType: 'purchase', eventCount: 3, uniqueUsers: 2 },
    ]);
    const purchase = rollups.find((rollup) => rollup.eventType === 'purchase')!;
    expect(purchase.metrics['revenue']).toMatchObject({ count: 3, sum: 230, min: 30, max: 120.5 });
  });

  it('rolls up hours and device types, and puts the two-day-old event in its own day', async () => {
    const rollups = new EventRollupRepository(environment.store.dataSource);
    const hours = await rollups.find(tenants.shop, { granularity: 'hour', from: BERLIN_MARCH_12, to: new Date(NOW), eventTypes: ['purchase'] });
    const devices = await rollups.find(tenants.shop, {
      granularity: 'day',
      from: BERLIN_MARCH_12,
      to: new Date(NOW),
      eventTypes: ['purchase'],
      dimensions: ['device_type'],
    });
    const lateDay = await rollups.find(tenants.shop, { granularity: 'day', from: new Date('2025-03-09T23:00:00Z'), to: BERLIN_MARCH_12 });

    expect(hours.map(({ bucketLabel, eventCount, uniqueUsers, metrics }) => [bucketLabel, eventCount, uniqueUsers, metrics['revenue'].sum])).toEqual([
      ['2025-03-12T14:00+01:00', 1, 1, 120.5],
      ['2025-03-12T15:00+01:00', 2, 2, 109.5],
    ]);
    expect(devices.map(({ dimensions, eventCount }) => [dimensions, eventCount])).toEqual([
      [{ device_type: 'desktop' }, 2],
      [{ device_type: 'mobile' }, 1],
    ]);
    expect(lateDay.map(({ bucketLabel, eventType, eventCount, uniqueUsers }) => [bucketLabel, eventType, eventCount, uniqueUsers])).toEqual([
      ['2025-03-10', '*', 1, 1],
      ['2025-03-10', 'page_view', 1, 1],
    ]);
  });

  it("keeps the shop's all-types rollups per week and month, and each person's first event, lowered by the late one", async () => {
    const rollups = new EventRollupRepository(environment.store.dataSource);
    const march = { from: new Date('2025-02-28T23:00:00Z'), to: new Date('2025-03-31T22:00:00Z'), eventTypes: ['*'] };
    const weeks = await rollups.find(tenants.shop, { ...march, granularity: 'week' });
    const months = await rollups.find(tenants.shop, { ...march, granularity: 'month' });
    // Monday 2025-03-10 is the week of both the late event and the 12th.
    expect(weeks.map(({ bucketLabel, eventCount, uniqueUsers }) => [bucketLabel, eventCount, uniqueUsers])).toEqual([['2025-03-10', 11, 3]]);
    expect(months.map(({ bucketLabel, eventCount, uniqueUsers }) => [bucketLabel, eventCount, uniqueUsers])).toEqual([['2025-03', 11, 3]]);

    const firstSeen = await query<{ event_type: string; user_key: string; first_at: Date }>(
      `SELECT event_type, user_key, first_at FROM person_first_seen WHERE tenant_id = $1 AND event_type IN ('*', 'page_view') ORDER BY event_type, user_key`,
      [tenants.shop],
    );
    expect(firstSeen.map((row) => [row.event_type, row.user_key, new Date(row.first_at).toISOString()])).toEqual([
      ['*', 'alice', '2025-03-10T10:00:00.000Z'],
      ['*', 'anon:anon-v', '2025-03-12T14:40:00.000Z'],
      ['*', 'victor', '2025-03-12T14:50:00.000Z'],
      ['page_view', 'alice', '2025-03-10T10:00:00.000Z'],
      ['page_view', 'anon:anon-v', '2025-03-12T14:40:00.000Z'],
    ]);
  });

  it("keeps each person's active local days, the late event's day OR-ed in by the second batch", async () => {
    const rows = await query<{ user_key: string; year: number; w1: string; others: string }>(
      `SELECT user_key, year, w1::text AS w1, (w0 | w2 | w3 | w4 | w5)::text AS others FROM person_active_days WHERE tenant_id = $1 ORDER BY user_key`,
      [tenants.shop],
    );
    // Berlin 2025: 10 March is day index 68 (word 1, bit 4), 12 March is 70 (word 1, bit 6).
    expect(rows.map((row) => [row.user_key, row.year, row.w1, row.others])).toEqual([
      ['alice', 2025, String(16 + 64), '0'],
      ['anon:anon-v', 2025, '64', '0'],
      ['victor', 2025, '64', '0'],
    ]);
  });

  it('rolls up conversation events by channel with response-time summaries, and machine events without users', async () => {
    const rollups = new EventRollupRepository(environment.store.dataSource);
    const day = { granularity: 'day' as const, from: NEW_YORK_MARCH_12, to: new Date('2025-03-13T04:00:00Z') };
    const totals = await rollups.find(tenants.support, day);
    const byChannel = await rollups.find(tenants.support, { ...day, eventTypes: ['message_received'], dimensions: ['channel'] });

    expect(totals.map(({ eventType, eventCount, uniqueUsers }) => [eventType, eventCount, uniqueUsers])).toEqual([
      // All types: the machine event is counted, nobody listed for it.
      ['*', 11, 2],
      ['conversation_escalated', 1, 1],
      ['conversation_resolved', 1, 1],
      ['conversation_started', 2, 2],
      ['message_received', 3, 2],
      ['message_sent', 3, 2],
      ['model_usage', 1, 0],
    ]);
    expect(totals.find((rollup) => rollup.eventType === 'message_received')!.metrics['response_time_ms']).toMatchObject({
      count: 3,
      sum: 4800,
      min: 800,
      max: 2500,
    });
    expect(totals.find((rollup) => rollup.eventType === 'model_usage')!.metrics['tokens_used']).toMatchObject({ count: 1, sum: 1200 });
    expect(byChannel.map(({ dimensions, eventCount }) => [dimensions, eventCount])).toEqual([
      [{ channel: 'web_chat' }, 2],
      [{ channel: 'whatsapp' }, 1],
    ]);
  });

  it('feeds the daily conversation metrics and the state of each conversation', async () => {
    const metrics = new ConversationMetricsRepository(environment.store.dataSource);

    expect(await metrics.findDaily(tenants.support, '2025-03-01', '2025-03-31')).toEqual([
      {
        day: '2025-03-12',
        totalConversations: 2,
        resolvedConversations: 1,
        escalatedConversations: 1,
        abandonedConversations: 0,
        responseTimeSumMs: 4800,
        responseTimeCount: 3,
        averageResponseTimeMs: 1600,
        totalMessages: 6,
        uniqueCustomers: 2,
      },
    ]);
    expect(
      await query(`SELECT conversation_id, status, user_key, channel, message_count FROM conversation_states WHERE tenant_id = $1 ORDER BY conversation_id`, [
        tenants.support,
      ]),
    ).toEqual([
      { conversation_id: 'c1', status: 'resolved', user_key: 'carl', channel: 'web_chat', message_count: 4 },
      { conversation_id: 'c2', status: 'escalated', user_key: 'dana', channel: 'whatsapp', message_count: 2 },
    ]);
  });

  it('dead-letters the poison message and the unknown tenant with their reasons and original bytes', () => {
    const letters = deadLetters.messages.map((message) => ({
      key: message.key,
      topic: message.headers[DEAD_LETTER_HEADERS.originalTopic],
      error: message.headers[DEAD_LETTER_HEADERS.error],
      value: message.value.toString(),
    }));

    expect(letters).toEqual(
      expect.arrayContaining([
        {
          key: 'poison',
          topic: environment.options.topics.get('pulse.events.raw.v1'),
          error: expect.stringContaining('not valid UTF-8 JSON'),
          value: '{"schemaVersion": 1, "tenantId": ',
        },
        {
          key: `${UNKNOWN_TENANT}:nobody`,
          topic: environment.options.topics.get('pulse.events.raw.v1'),
          error: `unknown tenant ${UNKNOWN_TENANT}`,
          value: expect.stringContaining('"eventId":"x1"'),
        },
      ]),
    );
    expect(letters).toHaveLength(2);
  });

  it('keeps the live state: active users and sessions, today in the tenant zone, orders, revenue, conversions', async () => {
    const shop = await processor.reader.overview({ id: tenants.shop, timeZone: 'Europe/Berlin', currency: 'EUR' });
    const support = await processor.reader.overview({ id: tenants.support, timeZone: 'America/New_York', currency: 'USD' });

    expect(shop).toEqual({
      timestamp: '2025-03-12T15:00:00.000Z',
      timeZone: 'Europe/Berlin',
      // Last 5 minutes: victor (14:56). Last 30: victor and anon:anon-v (14:45); alice was last seen at 14:20.
      activeUsers: { last5Minutes: 1, last30Minutes: 2 },
      activeSessions: { last5Minutes: 1, last30Minutes: 1 },
      eventsToday: 10,
      today: '2025-03-12',
      visitors: 3,
      buyers: 2,
      orders: 3,
      revenue: 230,
      currency: 'EUR',
      conversionRate: 2 / 3,
      averageOrderValue: 76.67,
    });
    expect(support).toMatchObject({
      activeUsers: { last5Minutes: 0, last30Minutes: 1 },
      activeSessions: { last5Minutes: 0, last30Minutes: 1 },
      eventsToday: 11,
      visitors: 2,
      orders: 0,
    });
  });

  it('changes nothing when the whole stream is delivered again', async () => {
    const snapshot = () =>
      Promise.all([
        query(`SELECT tenant_id, event_id, session_id, user_key FROM events ORDER BY tenant_id, event_id`),
        query(`SELECT id, event_count, unique_users FROM event_rollups ORDER BY id`),
        query(`SELECT rollup_id, metric, value_count, value_sum FROM event_rollup_metrics ORDER BY rollup_id, metric`),
        query(`SELECT * FROM person_first_seen ORDER BY tenant_id, event_type, user_key`),
        query(`SELECT * FROM person_active_days ORDER BY tenant_id, year, user_key`),
        query(`SELECT * FROM conversation_daily_metrics ORDER BY tenant_id, day`).then((rows) =>
          rows.map((row) => ({ ...(row as Record<string, unknown>), updated_at: undefined })),
        ),
      ]);
    const before = await snapshot();
    const { phase1, phase2 } = scenarioMessages(tenants);

    await publish([...phase1, ...phase2]);
    await waitFor('four dead letters', async () => (deadLetters.messages.length >= 4 ? true : undefined), WAIT_MS);

    expect(await snapshot()).toEqual(before);
  });
});

import { decodeMinuteAggregate, TOPICS, type MinuteAggregate } from '@pulse/contracts';
import type { Subscription } from '@pulse/messaging';
import { TenantRepository } from '@pulse/storage';
import { randomBytes } from 'node:crypto';
import {
  DISTRIBUTED_TARGET,
  EMBEDDED_TARGET,
  startProcessor,
  type ProcessorEnvironment,
  type RunningProcessor,
} from '../../testing/processor-targets';
import { waitFor } from '../../testing/wait-for';
import { ProcessorMetrics } from '../processor-metrics';
import { InputProgress } from './input-progress';
import { MinuteAggregatePublisher } from './minute-aggregate-publisher';

const WAIT_MS = 60_000;
const MINUTE = Date.parse('2026-03-10T10:07:00Z');
const LATENESS_MS = 15_000;

function rawEvent(
  tenantId: string,
  eventId: string,
  type: string,
  secondsIntoMinute: number,
  userId: string,
  properties: Record<string, unknown> = {},
) {
  const timestamp = new Date(MINUTE + secondsIntoMinute * 1000).toISOString();
  return {
    key: `${tenantId}:${userId}`,
    value: JSON.stringify({
      schemaVersion: 1,
      tenantId,
      receivedAt: timestamp,
      source: 'http',
      event: { eventId, type, timestamp, userId, properties },
    }),
  };
}

describe.each([EMBEDDED_TARGET, DISTRIBUTED_TARGET])('minute aggregates on $name', (target) => {
  let environment: ProcessorEnvironment;
  let processor: RunningProcessor;
  let subscription: Subscription;
  let shop: string;
  let other: string;
  let clock = MINUTE;
  const published: MinuteAggregate[] = [];

  const aggregatesOf = (tenantId: string) => published.filter((aggregate) => aggregate.tenantId === tenantId);

  beforeAll(async () => {
    environment = await target.open();
    const tenants = new TenantRepository(environment.store.dataSource);
    const suffix = randomBytes(4).toString('hex');
    shop = (await tenants.create({ slug: `agg-shop-${suffix}`, name: 'Shop', writeKeyHash: `agg-shop-${suffix}`, currency: 'EUR' })).id;
    other = (await tenants.create({ slug: `agg-other-${suffix}`, name: 'Other', writeKeyHash: `agg-other-${suffix}` })).id;
    processor = await startProcessor(environment, () => clock);
    await environment.bus.ensureTopics([environment.options.aggregates.topic]);
    subscription = await environment.bus.subscribe({
      groupId: `${environment.options.groupId}-aggregates`,
      topics: [environment.options.aggregates.topic],
      handleBatch: async (messages) => {
        for (const message of messages) {
          const decoded = decodeMinuteAggregate(message.value);
          if (decoded.ok) published.push(decoded.aggregate);
        }
      },
    });
    const rawTopic = environment.options.topics.get(TOPICS.rawEvents) ?? '';
    await environment.bus.publish(rawTopic, [
      rawEvent(shop, 'a1', 'page_view', 1, 'alice'),
      rawEvent(shop, 'a2', 'purchase', 20, 'alice', { order_id: 'o1', revenue: 42.5, currency: 'EUR' }),
      rawEvent(shop, 'b1', 'page_view', 59, 'bob'),
      rawEvent(other, 'c1', 'page_view', 30, 'carol'),
    ]);
    await waitFor(
      'the four events stored',
      async () => {
        const [{ count }] = await environment.store.dataSource.query(`SELECT count(*)::int AS count FROM events WHERE tenant_id = ANY($1::uuid[])`, [
          [shop, other],
        ]);
        return count === 4 ? true : undefined;
      },
      WAIT_MS,
    );
  });

  afterAll(async () => {
    await subscription?.close();
    await processor?.close();
    await environment?.dispose();
  });

  it('publishes nothing for a minute until the clock is the lateness past its end', async () => {
    clock = MINUTE + 60_000 + LATENESS_MS - 1;
    await processor.module.get(MinuteAggregatePublisher).tick();
    // 10:06 closes at this clock; neither tenant had an event before its end, so it has no aggregate either.
    expect(aggregatesOf(shop).filter((aggregate) => aggregate.minuteStart === new Date(MINUTE).toISOString())).toEqual([]);
  });

  it('publishes one aggregate per tenant once the minute closes, keyed by tenant, with the minute’s figures', async () => {
    clock = MINUTE + 60_000 + LATENESS_MS;
    await processor.module.get(MinuteAggregatePublisher).tick();
    await waitFor(
      'both tenants’ aggregates',
      async () => (aggregatesOf(shop).length === 1 && aggregatesOf(other).length === 1 ? true : undefined),
      WAIT_MS,
    );
    expect(aggregatesOf(shop)).toEqual([
      {
        schemaVersion: 1,
        tenantId: shop,
        minuteStart: '2026-03-10T10:07:00.000Z',
        closedAt: '2026-03-10T10:08:15.000Z',
        events: 3,
        eventsByType: { page_view: 2, purchase: 1 },
        activeUsers: 2,
        orders: 1,
        revenue: 42.5,
        currency: 'EUR',
        conversations: 0,
        requests: 0,
        errors: 0,
        errorRate: null,
        latencyP95Ms: null,
      },
    ]);
    expect(aggregatesOf(other)[0]).toMatchObject({ events: 1, activeUsers: 1, currency: 'USD' });
  });

  it('closes a minute once across replicas: a second closer on the same cache publishes nothing for it', async () => {
    const replica = new MinuteAggregatePublisher(
      environment.store.dataSource,
      environment.bus,
      environment.cache,
      environment.options,
      () => clock,
      processor.module.get(ProcessorMetrics),
      processor.module.get(InputProgress),
    );
    await replica.tick();
    // The next minute, closed by the first replica, proves the bus delivered everything before it.
    clock += 60_000;
    await processor.module.get(MinuteAggregatePublisher).tick();
    await waitFor('the next minute’s aggregate', async () => (aggregatesOf(shop).length === 2 ? true : undefined), WAIT_MS);
    expect(aggregatesOf(shop).map((aggregate) => [aggregate.minuteStart, aggregate.events])).toEqual([
      ['2026-03-10T10:07:00.000Z', 3],
      ['2026-03-10T10:08:00.000Z', 0],
    ]);
  });

  it('closes no minute while its group lags behind its topics, and the minute with all its events once the group read them', async () => {
    // Another processor group over the same topics that has read nothing yet: however late the clock, it cannot know the minute is complete.
    const behind = { ...environment.options, groupId: `${environment.options.groupId}-behind` };
    const input = new InputProgress(environment.bus, environment.cache, behind);
    const metrics = processor.module.get(ProcessorMetrics);
    const lateClock = MINUTE + 60_000 + LATENESS_MS + 1;
    const closer = new MinuteAggregatePublisher(
      environment.store.dataSource,
      environment.bus,
      environment.cache,
      behind,
      () => lateClock,
      metrics,
      input,
    );
    const closedBefore = (await metrics.minutesClosed.get()).values[0]?.value ?? 0;
    await closer.tick();
    expect((await metrics.minutesClosed.get()).values[0]?.value ?? 0).toBe(closedBefore);

    const reader = await environment.bus.subscribe({
      groupId: behind.groupId,
      topics: [...behind.topics.values()],
      handleBatch: async (messages) => input.recordStored(messages),
    });
    try {
      await waitFor('the group caught up', async () => ((await input.watermark(lateClock)) === lateClock ? true : undefined), WAIT_MS);
    } finally {
      await reader.close();
    }
    await closer.tick();
    const closedAt = new Date(lateClock).toISOString();
    await waitFor(
      'the minute closed by the group that caught up',
      async () => aggregatesOf(shop).find((aggregate) => aggregate.closedAt === closedAt),
      WAIT_MS,
    );
    expect(aggregatesOf(shop).find((aggregate) => aggregate.closedAt === closedAt)).toMatchObject({
      minuteStart: '2026-03-10T10:07:00.000Z',
      events: 3,
    });
  });
});

import { MemoryCacheStore, type CacheStore } from '@pulse/cache';
import { ServiceMetrics } from '@pulse/observability';
import { LiveStateReader, LiveStateWriter } from '@pulse/realtime';
import type { DataSource } from 'typeorm';
import { ProcessorMetrics } from '../processor-metrics';
import { DEFAULT_STREAM_PROCESSOR_OPTIONS } from '../stream-processor-options';
import { LiveStateRecovery } from './live-state-recovery';

const NOW = Date.parse('2025-03-12T15:00:00.000Z');
const TENANT = { id: 'tenant-shop', slug: 'shop', timeZone: 'Europe/Berlin', currency: 'EUR' };
const minutesAgo = (minutes: number) => new Date(NOW - minutes * 60_000);

/** What PostgreSQL holds for the tenant: three events of today, one of them an order of 59.90 EUR. */
const STORED = [
  { type: 'page_view', occurred_at: minutesAgo(20), local_date: '2025-03-12', user_key: 'bob', session_id: 's-bob', properties: {} },
  { type: 'page_view', occurred_at: minutesAgo(3), local_date: '2025-03-12', user_key: 'alice', session_id: 's-alice', properties: {} },
  {
    type: 'purchase',
    occurred_at: minutesAgo(2),
    local_date: '2025-03-12',
    user_key: 'alice',
    session_id: 's-alice',
    properties: { order_id: 'o-1', revenue: 59.9, currency: 'EUR' },
  },
];

interface Harness {
  recovery: LiveStateRecovery;
  reader: LiveStateReader;
  writer: LiveStateWriter;
  cache: CacheStore;
  metrics: ServiceMetrics;
  /** While true, the cache's health check fails (Redis unreachable). */
  outage: { down: boolean };
  /** Resolves the stored events' read, when `blockReads` was set. */
  releaseReads: () => void;
}

function harness(options: { blockReads?: boolean } = {}): Harness {
  const memory = new MemoryCacheStore({ now: () => NOW });
  const outage = { down: false };
  const health = {
    name: 'cache',
    check: async () => {
      if (outage.down) throw new Error('Redis is not connected (reconnecting)');
    },
  };
  const cache = new Proxy(memory, {
    get: (target, property) => {
      if (property === 'health') return health;
      const value = Reflect.get(target, property) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  }) as CacheStore;
  let releaseReads: () => void = () => undefined;
  const readsReleased = options.blockReads ? new Promise<void>((resolve) => (releaseReads = resolve)) : Promise.resolve();
  // The two reads a rebuild makes: the tenants (TenantRepository.list) and each one's recent events (RecentEventsQuery).
  const dataSource = {
    getRepository: () => ({ find: async () => [TENANT] }),
    query: async (_sql: string, [tenantId]: [string]) => {
      await readsReleased;
      return tenantId === TENANT.id ? STORED : [];
    },
  } as unknown as DataSource;
  const writer = new LiveStateWriter(cache, { now: () => NOW });
  const metrics = new ServiceMetrics('stream-processor');
  const recovery = new LiveStateRecovery(cache, dataSource, writer, new ProcessorMetrics(metrics), DEFAULT_STREAM_PROCESSOR_OPTIONS, () => NOW);
  return { recovery, reader: new LiveStateReader(cache, { now: () => NOW }), writer, cache, metrics, outage, releaseReads: () => releaseReads() };
}

/** A live state that missed writes: one of the three stored events. */
async function recordOnlyTheFirst(writer: LiveStateWriter): Promise<void> {
  await writer.record(TENANT.id, [{ occurredAt: minutesAgo(20), localDate: '2025-03-12', userKey: 'bob', sessionId: 's-bob' }]);
}

const REBUILT = {
  eventsToday: 3,
  orders: 1,
  revenue: 59.9,
  visitors: 2,
  buyers: 1,
  activeUsers: { last5Minutes: 1, last30Minutes: 2 },
  activeSessions: { last5Minutes: 1, last30Minutes: 2 },
};

describe('LiveStateRecovery', () => {
  it('rebuilds the live state from the stored events on the first check after the cache came back', async () => {
    const { recovery, reader, writer, outage, metrics } = harness();
    await recordOnlyTheFirst(writer);

    outage.down = true;
    await recovery.tick();
    expect((await reader.overview(TENANT)).eventsToday).toBe(1);

    outage.down = false;
    await recovery.tick();
    expect(await reader.overview(TENANT)).toMatchObject(REBUILT);
    expect(await metrics.registry.metrics()).toContain('pulse_processor_live_state_rebuilds_total{service="stream-processor"} 1');

    // Once: the next check finds nothing to do.
    await writer.record(TENANT.id, [{ occurredAt: minutesAgo(1), localDate: '2025-03-12', userKey: 'carol', sessionId: 's-carol' }]);
    await recovery.tick();
    expect((await reader.overview(TENANT)).eventsToday).toBe(4);
  });

  it('leaves the live state alone while the cache stayed up and every write succeeded', async () => {
    const { recovery, reader, writer } = harness();
    await recordOnlyTheFirst(writer);

    await recovery.tick();

    expect((await reader.overview(TENANT)).eventsToday).toBe(1);
  });

  it('rebuilds after a failed live-state write, even when no check saw the cache down', async () => {
    const { recovery, reader, writer } = harness();
    await recordOnlyTheFirst(writer);

    recovery.markStale();
    await recovery.tick();

    expect(await reader.overview(TENANT)).toMatchObject(REBUILT);
  });

  it('leaves the rebuild to the replica that claimed it first', async () => {
    const { recovery, reader, writer, cache } = harness();
    await recordOnlyTheFirst(writer);
    await cache.incrBy('pulse:live:rebuild-claim', 1);

    recovery.markStale();
    await recovery.tick();
    await recovery.tick();

    expect((await reader.overview(TENANT)).eventsToday).toBe(1);
  });

  it('holds batches back while it rebuilds, so none is counted twice or lost', async () => {
    const { recovery, reader, writer, releaseReads } = harness({ blockReads: true });
    recovery.markStale();
    const rebuilding = recovery.tick();
    await new Promise((resolve) => setImmediate(resolve));

    const order: string[] = [];
    const batch = recovery.duringBatch(async () => {
      order.push('batch');
      await writer.record(TENANT.id, [{ occurredAt: minutesAgo(1), localDate: '2025-03-12', userKey: 'carol', sessionId: 's-carol' }]);
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual([]);

    releaseReads();
    await Promise.all([rebuilding, batch]);

    // The three stored events from the rebuild, and the batch's own event written after it (not deleted by it).
    expect(order).toEqual(['batch']);
    expect((await reader.overview(TENANT)).eventsToday).toBe(4);
  });
});

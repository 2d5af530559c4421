import type { CacheStore } from '@pulse/cache';
import { LiveStateReader, type LiveStateTenant } from '../lib/live-state-reader';
import { LiveStateWriter, type LiveStateEvent } from '../lib/live-state-writer';

/** 2025-03-12 15:00 UTC = 16:00 in Berlin, a Wednesday. Every time below is relative to it. */
export const NOW = Date.parse('2025-03-12T15:00:00.000Z');
const minutesAgo = (minutes: number) => new Date(NOW - minutes * 60_000);

export interface LiveStateTarget {
  cache: CacheStore;
  /** Unique per run, so runs against a shared Redis never see each other's keys. */
  keyPrefix: string;
  dispose(): Promise<void>;
}

function visit(userKey: string | null, sessionId: string | null, at: Date, localDate = '2025-03-12'): LiveStateEvent {
  return { occurredAt: at, localDate, userKey, sessionId };
}

function purchase(userKey: string, at: Date, revenue: number | null, localDate = '2025-03-12'): LiveStateEvent {
  return { occurredAt: at, localDate, userKey, sessionId: `s-${userKey}`, order: { revenue } };
}

/** One behavioural suite for the live state, run on the memory cache (unit) and on Redis (integration). */
export function describeLiveState(name: string, open: () => Promise<LiveStateTarget>): void {
  describe(`live state on ${name}`, () => {
    let target: LiveStateTarget;
    let writer: LiveStateWriter;
    let reader: LiveStateReader;
    let tenantCounter = 0;
    let tenant: LiveStateTenant;

    beforeAll(async () => {
      target = await open();
      writer = new LiveStateWriter(target.cache, { keyPrefix: target.keyPrefix, now: () => NOW });
      reader = new LiveStateReader(target.cache, { keyPrefix: target.keyPrefix, now: () => NOW });
    });

    afterAll(async () => {
      await target?.dispose();
    });

    beforeEach(() => {
      tenantCounter += 1;
      tenant = { id: `tenant-${tenantCounter}`, timeZone: 'Europe/Berlin', currency: 'EUR' };
    });

    it('counts each user once per window, by their most recent event', async () => {
      await writer.record(tenant.id, [
        visit('alice', 's1', minutesAgo(20)),
        visit('alice', 's1', minutesAgo(2)),
        visit('bob', 's2', minutesAgo(10)),
        visit('carol', 's3', minutesAgo(45)),
      ]);

      expect(await reader.activeUsers(tenant)).toEqual({ last5Minutes: 1, last30Minutes: 2 });
    });

    it('keeps a user active by their newest event even when an older one arrives later', async () => {
      await writer.record(tenant.id, [visit('alice', 's1', minutesAgo(1))]);
      // Processed later (another partition, a retry) but 20 minutes old: must not push alice out of "last 5".
      await writer.record(tenant.id, [visit('alice', 's1', minutesAgo(20))]);

      expect(await reader.activeUsers(tenant)).toEqual({ last5Minutes: 1, last30Minutes: 1 });
      expect(await reader.sessions(tenant)).toMatchObject({ last5Minutes: 1 });
    });

    it('treats a session as open until 30 minutes pass without an event', async () => {
      await writer.record(tenant.id, [
        visit('alice', 's1', minutesAgo(1)),
        visit('bob', 's2', minutesAgo(29)),
        visit('carol', 's3', minutesAgo(31)),
      ]);

      expect(await reader.sessions(tenant)).toEqual({ last5Minutes: 1, last30Minutes: 2 });
    });

    it("adds up today's events, orders, revenue, visitors and buyers across calls", async () => {
      await writer.record(tenant.id, [
        visit('alice', 's1', minutesAgo(50)),
        visit('bob', 's2', minutesAgo(40)),
        purchase('alice', minutesAgo(30), 120.5),
      ]);
      await writer.record(tenant.id, [visit('carol', 's3', minutesAgo(5)), purchase('bob', minutesAgo(4), 79.5)]);

      expect(await reader.conversions(tenant)).toEqual({
        today: '2025-03-12',
        visitors: 3,
        buyers: 2,
        orders: 2,
        revenue: 200,
        currency: 'EUR',
        conversionRate: 2 / 3,
        averageOrderValue: 100,
      });
    });

    it('rebuilds from the stored events: an erased visitor leaves the sets, the counters and the distinct counts', async () => {
      const kept = [visit('alice', 's1', minutesAgo(50)), purchase('alice', minutesAgo(3), 20), visit('carol', 's3', minutesAgo(2), '2025-03-12')];
      await writer.record(tenant.id, [...kept, visit('bob', 's2', minutesAgo(1)), purchase('bob', minutesAgo(1), 79.5)]);
      await writer.rebuild(tenant.id, { localDates: ['2025-03-10', '2025-03-11', '2025-03-12'], events: kept });

      expect(await reader.activeUsers(tenant)).toEqual({ last5Minutes: 2, last30Minutes: 2 });
      expect(await reader.sessions(tenant)).toEqual({ last5Minutes: 2, last30Minutes: 2 });
      expect(await reader.conversions(tenant)).toMatchObject({ visitors: 2, buyers: 1, orders: 1, revenue: 20 });
    });

    it('counts an order in another currency without adding its revenue', async () => {
      await writer.record(tenant.id, [purchase('alice', minutesAgo(3), 50), purchase('bob', minutesAgo(2), null)]);

      expect(await reader.conversions(tenant)).toMatchObject({ orders: 2, revenue: 50, averageOrderValue: 25 });
    });

    it("reports the tenant's local day: yesterday's events are not today's", async () => {
      await writer.record(tenant.id, [
        visit('alice', null, new Date('2025-03-11T22:30:00Z'), '2025-03-11'),
        visit('bob', null, new Date('2025-03-11T23:30:00Z'), '2025-03-12'),
      ]);

      const overview = await reader.overview(tenant);

      expect(overview).toMatchObject({ today: '2025-03-12', eventsToday: 1, visitors: 1 });
    });

    it('ignores events older than two days for the counters and old events for the windows', async () => {
      await writer.record(tenant.id, [visit('alice', 's1', new Date(NOW - 3 * 86_400_000), '2025-03-09')]);

      const overview = await reader.overview(tenant);

      expect(overview).toMatchObject({
        activeUsers: { last5Minutes: 0, last30Minutes: 0 },
        activeSessions: { last5Minutes: 0, last30Minutes: 0 },
        eventsToday: 0,
      });
    });

    it('does not let a clock running ahead keep a user active longer', async () => {
      await writer.record(tenant.id, [visit('alice', 's1', new Date(NOW + 3_600_000))]);
      const later = new LiveStateReader(target.cache, { keyPrefix: target.keyPrefix, now: () => NOW + 6 * 60_000 });

      expect(await later.activeUsers(tenant)).toEqual({ last5Minutes: 0, last30Minutes: 1 });
    });

    it('keeps tenants apart', async () => {
      const other = { ...tenant, id: `${tenant.id}-other` };
      await writer.record(tenant.id, [purchase('alice', minutesAgo(1), 10)]);

      expect(await reader.overview(other)).toEqual({
        timestamp: '2025-03-12T15:00:00.000Z',
        timeZone: 'Europe/Berlin',
        activeUsers: { last5Minutes: 0, last30Minutes: 0 },
        activeSessions: { last5Minutes: 0, last30Minutes: 0 },
        eventsToday: 0,
        today: '2025-03-12',
        visitors: 0,
        buyers: 0,
        orders: 0,
        revenue: 0,
        currency: 'EUR',
        conversionRate: 0,
        averageOrderValue: 0,
      });
    });
  });
}

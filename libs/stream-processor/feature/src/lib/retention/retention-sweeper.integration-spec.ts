import { TenantRepository, TenantRetentionRepository, type Store } from '@pulse/storage';
import { openFreshPostgresStore, storeQueryEvents, type OpenedStore, type QueryFixtureEvent } from '@pulse/storage/testing';
import { RetentionSweeper } from './retention-sweeper';
import type { RetentionSweepOptions } from './retention-sweep-options';

const NOW = new Date('2026-12-07T12:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Page views `ageMs` before NOW, one user each. */
function viewsAt(prefix: string, ages: number[]): QueryFixtureEvent[] {
  return ages.map((age, index) => ({ id: `${prefix}-${index}`, type: 'page_view', at: new Date(NOW.getTime() - age).toISOString(), user: `${prefix}-u${index}`, device: 'desktop' }));
}

describe('retention sweep on PostgreSQL', () => {
  let opened: OpenedStore;
  let store: Store;
  let kept: { id: string };
  let swept: { id: string };

  const sweeper = (overrides: Partial<RetentionSweepOptions> = {}) =>
    new RetentionSweeper(store.dataSource, { intervalMs: HOUR, pollMs: HOUR, batchSize: 100, now: () => NOW, ...overrides });
  const count = async (sql: string, tenantId: string) => Number((await store.dataSource.query(sql, [tenantId]))[0].n);
  const events = (tenantId: string) => count(`SELECT count(*) AS n FROM events WHERE tenant_id = $1`, tenantId);
  const rollups = (tenantId: string, granularity: string) =>
    count(`SELECT count(*) AS n FROM event_rollups WHERE tenant_id = $1 AND granularity = '${granularity}'`, tenantId);
  const orphans = () =>
    store.dataSource.query(
      `SELECT (SELECT count(*) FROM event_rollup_users u WHERE NOT EXISTS (SELECT 1 FROM event_rollups r WHERE r.id = u.rollup_id))::int AS users,
              (SELECT count(*) FROM event_rollup_metrics m WHERE NOT EXISTS (SELECT 1 FROM event_rollups r WHERE r.id = m.rollup_id))::int AS metrics`,
    );

  beforeAll(async () => {
    opened = await openFreshPostgresStore({ prefix: 'pulse_retention_it' });
    store = opened.store;
    const tenants = new TenantRepository(store.dataSource);
    for (const slug of ['kept', 'swept']) {
      const tenant = await tenants.create({ slug, name: slug, writeKeyHash: `hash-${slug}`, timeZone: 'UTC', currency: 'EUR' });
      if (slug === 'kept') kept = tenant;
      else swept = tenant;
    }
    // 250 events 40 days old (past a 30-day raw window: three batches of 100), 5 events 10 days old, 3 from the last hour.
    const ages = [...Array.from({ length: 250 }, (_, index) => 40 * DAY + index * 60_000), ...[1, 2, 3, 4, 5].map((day) => 10 * DAY + day * HOUR), ...[1, 2, 3].map((minute) => minute * 60_000)];
    for (const tenant of [kept, swept]) await storeQueryEvents(store.dataSource, { id: tenant.id, timeZone: 'UTC', currency: 'EUR' }, viewsAt(tenant.id.slice(0, 8), ages));
    // The swept tenant keeps raw events 30 days, minute rollups 2 days, hour rollups 20 days; day rollups forever.
    await new TenantRetentionRepository(store.dataSource).replace(swept.id, {
      rawEventsDays: 30,
      rollupDays: { minute: 2, hour: 20, day: null, week: null, month: null },
    });
  }, 120_000);

  afterAll(() => opened?.dispose());

  it('removes what each window has expired, in batches, and nothing of a tenant without windows', async () => {
    const before = { events: await events(swept.id), minute: await rollups(swept.id, 'minute'), hour: await rollups(swept.id, 'hour'), day: await rollups(swept.id, 'day') };
    expect(before.events).toBe(258);

    const record = await sweeper().sweepOnce();
    expect(record).toMatchObject({ eventsDeleted: 250, tenants: 1 });
    expect(await events(swept.id)).toBe(8);
    // Minute buckets older than 2 days and hour buckets older than 20 days are gone; their user lists and metrics with them.
    const oldMinute = await count(
      `SELECT count(*) AS n FROM event_rollups WHERE tenant_id = $1 AND granularity = 'minute' AND bucket_start < '2026-12-05T12:00:00Z'`,
      swept.id,
    );
    const oldHour = await count(
      `SELECT count(*) AS n FROM event_rollups WHERE tenant_id = $1 AND granularity = 'hour' AND bucket_start < '2026-11-17T12:00:00Z'`,
      swept.id,
    );
    expect([oldMinute, oldHour]).toEqual([0, 0]);
    const after = { minute: await rollups(swept.id, 'minute'), hour: await rollups(swept.id, 'hour'), day: await rollups(swept.id, 'day') };
    // What remains: the last hour's minutes (3 views, one bucket each, plus '*' rows are hours and days only);
    // the hours of the 10-day-old and recent views; every day bucket (no window).
    expect(after.day).toBe(before.day);
    expect(after.minute).toBeLessThan(before.minute);
    expect(after.hour).toBeLessThan(before.hour);
    expect(record?.rollupsDeleted).toBe(before.minute - after.minute + before.hour - after.hour);
    expect(await orphans()).toEqual([{ users: 0, metrics: 0 }]);
    // The tenant without windows keeps everything.
    expect(await events(kept.id)).toBe(258);
  });

  it('runs once per interval across replicas', async () => {
    // Right after the first sweep, within the hour: every replica skips.
    expect(await sweeper().sweepOnce()).toBeNull();
    // Two replicas whose interval has passed try at once: exactly one sweeps.
    const later = new Date(NOW.getTime() + 2 * HOUR);
    const results = await Promise.all([sweeper({ now: () => later }).sweepOnce(), sweeper({ now: () => later }).sweepOnce()]);
    expect(results.filter((result) => result !== null)).toHaveLength(1);
    const sweeps = await store.dataSource.query(`SELECT count(*)::int AS n FROM retention_sweeps`);
    expect(sweeps[0].n).toBe(2);
  });
});

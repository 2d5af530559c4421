import type { DataSource } from 'typeorm';
import { STORE_TARGETS, type OpenedStore } from '../../testing/store-targets';
import { backfillFromZoneTenants, seededRandom, type BehaviourTestEvent } from '../analytics/behaviour/behaviour-test-events';
import { AddPersonActiveDays1764115200800 } from '../migrations/1764115200800-add-person-active-days';
import { PersonActiveDaysRepository } from '../repositories/person-active-days.repository';
import { planActiveDays } from './active-days-planning';

// DST (Berlin), an offset far ahead of UTC across New Year (Auckland, +13:00), a skipped midnight
// (Santiago, 2026-09-06) and a repeated midnight hour (Havana, 2026-11-01); 2028 is a leap year.
const ZONES = ['Europe/Berlin', 'Pacific/Auckland', 'America/Santiago', 'America/Havana'];
const AWKWARD_INSTANTS = [
  '2026-03-29T00:59:59.999Z', '2026-03-29T01:00:00Z', '2026-10-25T00:30:00Z', '2026-10-25T01:30:00Z',
  '2026-09-06T03:59:00Z', '2026-09-06T04:00:00Z', '2026-11-01T03:59:00Z', '2026-11-01T04:30:00Z',
  '2026-12-31T10:59:00Z', '2026-12-31T11:00:00Z', '2026-12-31T23:30:00Z', '2027-01-01T00:30:00Z',
  '2028-12-31T12:00:00Z', '2028-12-31T23:59:00Z', '2029-01-01T00:00:00Z',
].map((iso) => Date.parse(iso));

function eventsOf(tenantId: string, seed: number): BehaviourTestEvent[] {
  const random = seededRandom(seed);
  const start = Date.parse('2026-03-01T00:00:00Z');
  const instants = [...AWKWARD_INSTANTS, ...Array.from({ length: 600 }, () => start + Math.floor(random() * 400 * 86_400_000))];
  return instants.map((occurredAt, index) => ({
    tenantId,
    eventId: `e${index}`,
    type: ['open', 'buy'][index % 2],
    occurredAt,
    // Every tenth event is a machine event: no person, no bit.
    userKey: index % 10 === 9 ? null : `user-${Math.floor(random() * 40)}`,
  }));
}

/** `year user w0 … w5`, one line per row, sorted: how both sides are compared. */
async function storedLines(dataSource: DataSource, tenantId: string): Promise<string[]> {
  const rows: Array<Record<string, string | number>> = await dataSource.query(
    `SELECT "year", "user_key", "w0", "w1", "w2", "w3", "w4", "w5" FROM "person_active_days" WHERE "tenant_id" = $1`,
    [tenantId],
  );
  return rows.map((row) => [row['year'], row['user_key'], row['w0'], row['w1'], row['w2'], row['w3'], row['w4'], row['w5']].join(' ')).sort();
}

describe.each(STORE_TARGETS)('person active days on $name', (target) => {
  let opened: OpenedStore;
  let dataSource: DataSource;
  let tenants: Array<{ id: string; timeZone: string }> = [];
  let events = new Map<string, BehaviourTestEvent[]>();

  beforeAll(async () => {
    opened = await target.open();
    dataSource = opened.store.dataSource;
    ({ tenants, events } = await backfillFromZoneTenants(dataSource, {
      zones: ZONES,
      slugPrefix: 'active-days',
      eventsOf: (tenantId, index) => eventsOf(tenantId, 70 + index),
      migration: new AddPersonActiveDays1764115200800(),
    }));
  });

  afterAll(async () => {
    await opened?.dispose();
  });

  it('backfills the rows the processor would have written, local days cut in each tenant zone', async () => {
    for (const tenant of tenants) {
      const planned = planActiveDays(
        tenant,
        (events.get(tenant.id) ?? []).map((event) => ({ occurredAt: new Date(event.occurredAt), userKey: event.userKey ?? null })),
      ).map((row) => [row.year, row.userKey, ...row.words].join(' '));
      expect(planned.length).toBeGreaterThan(60);
      expect(await storedLines(dataSource, tenant.id)).toEqual(planned.sort());
    }
  });

  it('ORs new days into stored rows and leaves a row without a new day untouched (no dead tuple)', async () => {
    const tenant = { id: tenants[0].id, timeZone: tenants[0].timeZone };
    const repository = new PersonActiveDaysRepository(dataSource);
    const xminOf = async (userKey: string): Promise<string> =>
      (await dataSource.query(`SELECT "xmin"::text AS "x" FROM "person_active_days" WHERE "tenant_id" = $1 AND "year" = 2030 AND "user_key" = $2`, [tenant.id, userKey]))[0].x;
    // Berlin: 1 January 2030 (index 0) and 5 March 2030 (index 63, the sign bit).
    await repository.recordActiveDays(planActiveDays(tenant, [{ occurredAt: new Date('2030-03-05T12:00:00Z'), userKey: 'late' }]));
    await repository.recordActiveDays(planActiveDays(tenant, [{ occurredAt: new Date('2030-01-01T12:00:00Z'), userKey: 'late' }]));
    const [row] = await dataSource.query(`SELECT "w0"::text AS "w0" FROM "person_active_days" WHERE "tenant_id" = $1 AND "year" = 2030`, [tenant.id]);
    expect(row.w0).toBe('-9223372036854775807');
    const before = await xminOf('late');
    await repository.recordActiveDays(planActiveDays(tenant, [{ occurredAt: new Date('2030-01-01T18:00:00Z'), userKey: 'late' }]));
    expect(await xminOf('late')).toBe(before);
  });
});

import { ALL_EVENT_TYPES } from '@pulse/analytics-core';
import type { DataSource } from 'typeorm';
import { STORE_TARGETS, type OpenedStore } from '../../testing/store-targets';
import { backfillFromZoneTenants, seededRandom, type BehaviourTestEvent } from '../analytics/behaviour/behaviour-test-events';
import { AddAllTypesRollupsAndFirstSeen1764115200700 } from '../migrations/1764115200700-add-all-types-rollups-and-first-seen';
import { rollupRowId } from '../repositories/event-rollup.repository';
import { planFirstSeen } from './first-seen-planning';
import { planRollups } from './rollup-planning';

// Zones with the awkward cases: DST (Berlin), a +05:45 offset (Kathmandu), a skipped midnight
// (Santiago, 2026-09-06) and a repeated midnight hour (Havana, 2026-11-01 01:00 → 00:00).
const ZONES = ['Europe/Berlin', 'Asia/Kathmandu', 'America/Santiago', 'America/Havana'];
const AWKWARD_INSTANTS = [
  '2026-03-29T00:59:59.999Z', '2026-03-29T01:00:00Z', '2026-10-25T00:30:00Z', '2026-10-25T01:30:00Z',
  '2026-09-06T03:59:00Z', '2026-09-06T04:00:00Z', '2026-04-05T02:30:00Z', '2026-04-05T03:30:00Z',
  '2026-11-01T03:59:00Z', '2026-11-01T04:30:00Z', '2026-11-01T05:30:00Z', '2026-11-01T06:10:00Z',
  '2026-12-31T23:30:00Z', '2027-01-01T00:30:00Z', '2026-03-31T18:20:00Z', '2026-06-30T18:10:00Z',
].map((iso) => Date.parse(iso));

function eventsOf(tenantId: string, seed: number): BehaviourTestEvent[] {
  const random = seededRandom(seed);
  const start = Date.parse('2026-03-01T00:00:00Z');
  const instants = [...AWKWARD_INSTANTS, ...Array.from({ length: 600 }, () => start + Math.floor(random() * 320 * 86_400_000))];
  return instants.map((occurredAt, index) => ({
    tenantId,
    eventId: `e${index}`,
    type: ['open', 'buy', 'signup'][index % 3],
    // Every tenth event is a machine event: counted, no user.
    occurredAt,
    userKey: index % 10 === 9 ? null : `user-${Math.floor(random() * 60)}`,
  }));
}

interface RollupRow {
  id: string;
  granularity: string;
  bucketStart: string;
  label: string;
  count: number;
  uniqueUsers: number;
  users: string[];
}

describe.each(STORE_TARGETS)('all-types backfill migration on $name', (target) => {
  let opened: OpenedStore;
  let dataSource: DataSource;
  let tenants: Array<{ id: string; timeZone: string; currency: string }> = [];
  let events = new Map<string, BehaviourTestEvent[]>();

  beforeAll(async () => {
    opened = await target.open();
    dataSource = opened.store.dataSource;
    ({ tenants, events } = await backfillFromZoneTenants(dataSource, {
      zones: ZONES,
      slugPrefix: 'backfill',
      eventsOf: (tenantId, index) => eventsOf(tenantId, 40 + index),
      migration: new AddAllTypesRollupsAndFirstSeen1764115200700(),
    }));
  });

  afterAll(async () => {
    await opened?.dispose();
  });

  it('writes the all-types rollups the processor would have written, ids and labels included', async () => {
    for (const tenant of tenants) {
      const planned = planRollups(
        tenant,
        events.get(tenant.id)!.map((event) => ({ ...event, occurredAt: new Date(event.occurredAt), category: 'custom', userKey: event.userKey ?? null, deviceType: null, properties: {} })),
      )
        .filter((delta) => delta.eventType === ALL_EVENT_TYPES)
        .map((delta): RollupRow => ({
          id: rollupRowId(delta.tenantId, delta.granularity, delta.bucketStart, delta.eventType, delta.dimensions),
          granularity: delta.granularity,
          bucketStart: delta.bucketStart.toISOString(),
          label: delta.bucketLabel,
          count: delta.count,
          uniqueUsers: delta.userKeys.length,
          users: [...delta.userKeys].sort(),
        }));
      const stored = await storedAllTypesRollups(dataSource, tenant.id);
      expect(planned.length).toBeGreaterThan(300);
      expect(byId(stored)).toEqual(byId(planned));
    }
  });

  it('writes each person\'s first event per type and over all types', async () => {
    for (const tenant of tenants) {
      const planned = planFirstSeen(events.get(tenant.id)!.map((event) => ({ ...event, occurredAt: new Date(event.occurredAt), userKey: event.userKey ?? null })))
        .map((row) => [row.eventType, row.userKey, row.firstAt.toISOString()].join(' '))
        .sort();
      const rows: Array<{ event_type: string; user_key: string; first_at: Date }> = await dataSource.query(
        `SELECT "event_type", "user_key", "first_at" FROM "person_first_seen" WHERE "tenant_id" = $1`,
        [tenant.id],
      );
      expect(rows.map((row) => [row.event_type, row.user_key, new Date(row.first_at).toISOString()].join(' ')).sort()).toEqual(planned);
    }
  });
});

async function storedAllTypesRollups(dataSource: DataSource, tenantId: string): Promise<RollupRow[]> {
  const rows: Array<{ id: string; granularity: string; bucket_start: Date; bucket_label: string; event_count: string; unique_users: number; dimension_set: string; dimensions: object; users: string[] | null }> =
    await dataSource.query(
      `SELECT r."id", r."granularity", r."bucket_start", r."bucket_label", r."event_count", r."unique_users", r."dimension_set", r."dimensions",
              (SELECT array_agg(u."user_key") FROM "event_rollup_users" u WHERE u."rollup_id" = r."id") AS "users"
         FROM "event_rollups" r WHERE r."tenant_id" = $1 AND r."event_type" = '*'`,
      [tenantId],
    );
  for (const row of rows) {
    expect(row.dimension_set).toBe('');
    expect(row.dimensions).toEqual({});
  }
  return rows.map((row) => ({
    id: row.id,
    granularity: row.granularity,
    bucketStart: new Date(row.bucket_start).toISOString(),
    label: row.bucket_label,
    count: Number(row.event_count),
    uniqueUsers: row.unique_users,
    users: [...(row.users ?? [])].sort(),
  }));
}

function byId(rows: readonly RollupRow[]): RollupRow[] {
  return [...rows].sort((a, b) => (a.id < b.id ? -1 : 1));
}

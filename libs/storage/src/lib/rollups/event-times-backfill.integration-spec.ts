import type { DataSource } from 'typeorm';
import { reapplyMigrationsFrom } from '../../testing/reapply-migrations';
import { STORE_TARGETS, type OpenedStore } from '../../testing/store-targets';
import { insertProcessedBehaviourEvents, seededRandom, type BehaviourTestEvent } from '../analytics/behaviour/behaviour-test-events';
import { AddEventTimeChunks1764115200900 } from '../migrations/1764115200900-add-event-time-chunks';
import { EVENT_TIME_CHUNK_RECORDS, EVENT_TIME_RECORD_BYTES, utcDayStartMs } from './event-times-planning';

const TENANT = '5f0c7f1e-2b9a-4c55-9d1e-8f0a6b3c2d10';
const OTHER_TENANT = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';
const DAY = 86_400_000;

/** Around two UTC midnights, one busy type/day that fills more than one chunk, and machine events (no person). */
function eventsOf(tenantId: string, seed: number, count: number): BehaviourTestEvent[] {
  const random = seededRandom(seed);
  const start = Date.parse('2026-03-01T22:00:00Z');
  return Array.from({ length: count }, (_event, index) => ({
    tenantId,
    eventId: `e${index}`,
    type: index % 4 === 0 ? 'buy' : 'view',
    occurredAt: start + Math.floor(random() * 1.2 * DAY),
    userKey: index % 17 === 0 ? null : `user-${Math.floor(random() * 90)}`,
  }));
}

/** `type day person ms-of-day`, one line per stored record, sorted: independent of person ids and chunk boundaries. */
async function storedRecords(dataSource: DataSource, tenantId: string): Promise<string[]> {
  const keys = new Map<number, string>(
    (await dataSource.query(`SELECT "person_id", "user_key" FROM "person_ids" WHERE "tenant_id" = $1`, [tenantId])).map(
      (row: { person_id: number; user_key: string }) => [Number(row.person_id), row.user_key],
    ),
  );
  const chunks: Array<{ event_type: string; day: string; data: Uint8Array }> = await dataSource.query(
    `SELECT "event_type", "day"::text AS "day", "data" FROM "event_time_chunks" WHERE "tenant_id" = $1`,
    [tenantId],
  );
  const lines: string[] = [];
  for (const chunk of chunks) {
    const view = new DataView(chunk.data.buffer, chunk.data.byteOffset, chunk.data.byteLength);
    for (let offset = 0; offset < chunk.data.byteLength; offset += EVENT_TIME_RECORD_BYTES) {
      lines.push([chunk.event_type, chunk.day, keys.get(view.getInt32(offset)), view.getInt32(offset + 4)].join(' '));
    }
  }
  return lines.sort();
}

function expectedRecords(events: readonly BehaviourTestEvent[]): string[] {
  return events
    .filter((event) => event.userKey)
    .map((event) => {
      const at = new Date(event.occurredAt).getTime();
      const day = new Date(Math.floor(at / DAY) * DAY).toISOString().slice(0, 10);
      return [event.type, day, event.userKey, at - utcDayStartMs(day)].join(' ');
    })
    .sort();
}

describe.each(STORE_TARGETS)('event-time chunks on $name', (target) => {
  let opened: OpenedStore;
  let dataSource: DataSource;
  const events = eventsOf(TENANT, 5, 6_000);
  const others = eventsOf(OTHER_TENANT, 6, 300);

  beforeAll(async () => {
    opened = await target.open();
    dataSource = opened.store.dataSource;
    for (const id of [TENANT, OTHER_TENANT]) {
      await dataSource.query(`INSERT INTO "tenants" ("id", "slug", "name", "write_key_hash", "time_zone") VALUES ($1::uuid, $2, $2, $2, 'UTC')`, [id, `chunks-${id.slice(0, 8)}`]);
    }
    const tenant = (id: string) => ({ id, timeZone: 'UTC', currency: 'EUR' });
    // As the processor stores them: batches of 500, so the busy day's chunks fill up and the next ones start.
    const batches = Array.from({ length: 12 }, (_batch, index) => events.slice(index * 500, (index + 1) * 500));
    await insertProcessedBehaviourEvents(dataSource, tenant(TENANT), batches);
    await insertProcessedBehaviourEvents(dataSource, tenant(OTHER_TENANT), [others]);
  });

  afterAll(async () => {
    await opened?.dispose();
  });

  it('holds every personal event once, as the processor appended it, per tenant', async () => {
    const expected = expectedRecords(events);
    expect(expected.length).toBeGreaterThan(5_000);
    expect(await storedRecords(dataSource, TENANT)).toEqual(expected);
    expect(await storedRecords(dataSource, OTHER_TENANT)).toEqual(expectedRecords(others));
  });

  it('starts a new chunk once the last one is full, so none grows past one batch over its size', async () => {
    const chunks: Array<{ chunk: number; bytes: number }> = await dataSource.query(
      `SELECT "chunk", length("data") AS "bytes" FROM "event_time_chunks" WHERE "tenant_id" = $1 AND "event_type" = 'view' AND "day" = '2026-03-02' ORDER BY "chunk"`,
      [TENANT],
    );
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.map((chunk) => Number(chunk.chunk))).toEqual(chunks.map((_chunk, index) => index));
    for (const chunk of chunks) expect(chunk.bytes).toBeLessThan((EVENT_TIME_CHUNK_RECORDS + 500) * EVENT_TIME_RECORD_BYTES);
  });

  it('backfills the same records from stored events, in full chunks', async () => {
    await reapplyMigrationsFrom(dataSource, new AddEventTimeChunks1764115200900());
    expect(await storedRecords(dataSource, TENANT)).toEqual(expectedRecords(events));
    expect(await storedRecords(dataSource, OTHER_TENANT)).toEqual(expectedRecords(others));
    const [busiest] = await dataSource.query(
      `SELECT max(length("data")) AS "bytes" FROM "event_time_chunks" WHERE "tenant_id" = $1`,
      [TENANT],
    );
    expect(Number(busiest.bytes)).toBe(EVENT_TIME_CHUNK_RECORDS * EVENT_TIME_RECORD_BYTES);
  });
});

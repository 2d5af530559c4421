import type { BehaviourEvent } from '@pulse/analytics-core';
import type { DataSource } from 'typeorm';
import { reapplyMigrationsFrom } from '../../../testing/reapply-migrations';
import { AddEventTimeChunks1764115200900 } from '../../migrations/1764115200900-add-event-time-chunks';
import type { SqlExecutor } from '../../repositories/sql-executor';
import { recordEventSummaries } from '../../rollups/event-summaries';

/**
 * Test support for the behaviour queries' integration suites: events written with the columns the
 * stream processor fills (user_key, device_type), which the ordinary insert path leaves out.
 */
export interface BehaviourTestEvent {
  tenantId: string;
  eventId: string;
  type: string;
  occurredAt: Date | number;
  userId?: string | null;
  anonymousId?: string | null;
  userKey?: string | null;
  sessionId?: string | null;
  properties?: Record<string, unknown>;
  context?: Record<string, unknown>;
  deviceType?: string | null;
}

export async function insertBehaviourEvents(sql: SqlExecutor, events: readonly BehaviourTestEvent[]): Promise<void> {
  for (let start = 0; start < events.length; start += 2_000) {
    const chunk = events.slice(start, start + 2_000);
    await sql.query(
      `INSERT INTO "events" ("tenant_id", "event_id", "type", "category", "occurred_at", "received_at", "user_id", "anonymous_id",
                             "user_key", "session_id", "properties", "context", "device_type")
       SELECT t, id, ty, 'test', at, at, u, a, k, s, p::jsonb, c::jsonb, d
         FROM unnest($1::uuid[], $2::varchar[], $3::varchar[], $4::timestamptz[], $5::varchar[], $6::varchar[], $7::varchar[],
                     $8::varchar[], $9::text[], $10::text[], $11::varchar[]) AS i(t, id, ty, at, u, a, k, s, p, c, d)`,
      [
        chunk.map((event) => event.tenantId),
        chunk.map((event) => event.eventId),
        chunk.map((event) => event.type),
        chunk.map((event) => new Date(event.occurredAt).toISOString()),
        chunk.map((event) => event.userId ?? null),
        chunk.map((event) => event.anonymousId ?? null),
        chunk.map((event) => event.userKey ?? null),
        chunk.map((event) => event.sessionId ?? null),
        chunk.map((event) => JSON.stringify(event.properties ?? {})),
        chunk.map((event) => JSON.stringify(event.context ?? {})),
        chunk.map((event) => event.deviceType ?? null),
      ],
    );
  }
}

/**
 * The events as rows stored before the event-time chunks existed, then the migration that backfills the
 * chunks from them: what funnels without filters read (rollups and the other summaries are not written).
 */
export async function insertBehaviourEventsWithEventTimes(dataSource: DataSource, events: readonly BehaviourTestEvent[]): Promise<void> {
  await insertBehaviourEvents(dataSource, events);
  await reapplyMigrationsFrom(dataSource, new AddEventTimeChunks1764115200900());
}

/**
 * One tenant per time zone (slugs `<slugPrefix>-<index>`) with its events stored, then `migration` and the ones
 * after it undone and applied again: a deployment that had these events before the migration, whose backfill
 * the specs then compare with what the processor would have written.
 */
export async function backfillFromZoneTenants(
  dataSource: DataSource,
  setup: { zones: readonly string[]; slugPrefix: string; eventsOf: (tenantId: string, index: number) => BehaviourTestEvent[]; migration: { name: string } },
): Promise<{ tenants: Array<{ id: string; timeZone: string; currency: string }>; events: Map<string, BehaviourTestEvent[]> }> {
  const tenants: Array<{ id: string; timeZone: string; currency: string }> = [];
  const events = new Map<string, BehaviourTestEvent[]>();
  for (const [index, timeZone] of setup.zones.entries()) {
    const [row] = await dataSource.query(
      `INSERT INTO "tenants" ("slug", "name", "write_key_hash", "time_zone") VALUES ($1, $1, $1, $2) RETURNING "id"`,
      [`${setup.slugPrefix}-${index}`, timeZone],
    );
    tenants.push({ id: row.id, timeZone, currency: 'EUR' });
    events.set(row.id, setup.eventsOf(row.id, index));
    await insertBehaviourEvents(dataSource, events.get(row.id) ?? []);
  }
  await reapplyMigrationsFrom(dataSource, setup.migration);
  return { tenants, events };
}

/**
 * What the stream processor writes for the events, batch by batch (each batch's events are new): the
 * rows, the rollups and the first-seen rows, with the processor's own planning code. Events need a
 * user key or none of user id and anonymous id, as processor rows do.
 */
export async function insertProcessedBehaviourEvents(
  sql: SqlExecutor,
  tenant: { id: string; timeZone: string; currency: string },
  batches: ReadonlyArray<readonly BehaviourTestEvent[]>,
): Promise<void> {
  for (const batch of batches) {
    await insertBehaviourEvents(sql, batch);
    const sources = batch.map((event) => ({
      tenantId: event.tenantId,
      type: event.type,
      category: 'custom',
      occurredAt: new Date(event.occurredAt),
      userKey: event.userKey ?? null,
      deviceType: event.deviceType ?? null,
      properties: event.properties ?? {},
    }));
    await recordEventSummaries(sql, [{ tenant, events: sources }]);
  }
}

/** The same events as analytics-core sees them (person key as the SQL computes it). */
export function asBehaviourEvents(events: readonly BehaviourTestEvent[]): BehaviourEvent[] {
  return events.map((event) => ({
    eventId: event.eventId,
    personKey: event.userKey ?? event.userId ?? `anon:${event.anonymousId}`,
    type: event.type,
    occurredAt: new Date(event.occurredAt).getTime(),
    properties: event.properties ?? {},
    sessionId: event.sessionId ?? null,
  }));
}

// Re-exported for the specs that build their data next to these helpers.
export { seededRandom } from '@pulse/analytics-core';

/** Rounds every number in a JSON-like value, so results computed in two places compare despite float noise. */
export function roundNumbers<T>(value: T, digits = 6): T {
  return JSON.parse(JSON.stringify(value, (_key, inner) => (typeof inner === 'number' ? Number(inner.toFixed(digits)) : inner)));
}

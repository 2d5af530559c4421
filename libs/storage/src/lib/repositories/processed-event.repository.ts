import type { NewEvent } from './new-event';
import type { SqlExecutor } from './sql-executor';

/** A raw event with the stream processor's enrichment, as it goes into the `events` table. */
export interface ProcessedEvent extends NewEvent {
  userKey: string | null;
  /** Tenant-local date, YYYY-MM-DD. */
  localDate: string;
  hourOfDay: number;
  dayOfWeek: number;
  isBusinessHours: boolean;
  deviceType: string | null;
  browser: string | null;
  os: string | null;
  /** Rules broken under the lenient policy (null when clean) and the values set aside for them. */
  violations?: ReadonlyArray<{ field: string; rule: string; message: string }> | null;
  invalidValues?: Record<string, unknown> | null;
}

/** The identity of a stored event, as one string: tenant id and event id cannot contain a NUL. */
export function eventKey(tenantId: string, eventId: string): string {
  return `${tenantId}\u0000${eventId}`;
}

/**
 * The stream processor's writes to `events`, inside the caller's transaction. One statement per call,
 * whatever the batch size: columns travel as arrays (`unnest`), so the SQL text and the parameter
 * count do not grow with the batch.
 */
export class ProcessedEventRepository {
  constructor(private readonly sql: SqlExecutor) {}

  /** The keys (see `eventKey`) of the given events that are already stored. */
  async findStored(events: ReadonlyArray<{ tenantId: string; eventId: string }>): Promise<Set<string>> {
    if (events.length === 0) return new Set();
    const rows: Array<{ tenant_id: string; event_id: string }> = await this.sql.query(
      `SELECT "tenant_id", "event_id" FROM "events"
        WHERE ("tenant_id", "event_id") IN (SELECT * FROM unnest($1::uuid[], $2::varchar[]))`,
      [events.map((event) => event.tenantId), events.map((event) => event.eventId)],
    );
    return new Set(rows.map((row) => eventKey(row.tenant_id, row.event_id)));
  }

  /**
   * Inserts the events that are not stored yet and returns the keys of those it inserted. An event
   * stored meanwhile by someone else (same tenant and id) is skipped, not overwritten.
   */
  async insertNew(events: readonly ProcessedEvent[]): Promise<Set<string>> {
    if (events.length === 0) return new Set();
    const rows: Array<{ tenant_id: string; event_id: string }> = await this.sql.query(
      `INSERT INTO "events" ("tenant_id", "event_id", "type", "category", "occurred_at", "received_at", "user_id",
          "anonymous_id", "session_id", "properties", "context", "user_key", "local_date", "hour_of_day", "day_of_week",
          "is_business_hours", "device_type", "browser", "os", "violations", "invalid_values")
        SELECT t, e, ty, c, o, r, u, a, s, p::jsonb, x::jsonb, k, d, h, w, b, dt, br, os, v::jsonb, iv::jsonb
          FROM unnest($1::uuid[], $2::varchar[], $3::varchar[], $4::varchar[], $5::timestamptz[], $6::timestamptz[],
                      $7::varchar[], $8::varchar[], $9::varchar[], $10::text[], $11::text[], $12::varchar[], $13::date[],
                      $14::smallint[], $15::smallint[], $16::boolean[], $17::varchar[], $18::varchar[], $19::varchar[],
                      $20::text[], $21::text[])
            AS input(t, e, ty, c, o, r, u, a, s, p, x, k, d, h, w, b, dt, br, os, v, iv)
        ON CONFLICT ("tenant_id", "event_id") DO NOTHING
        RETURNING "tenant_id", "event_id"`,
      [
        events.map((event) => event.tenantId),
        events.map((event) => event.eventId),
        events.map((event) => event.type),
        events.map((event) => event.category),
        events.map((event) => event.occurredAt.toISOString()),
        events.map((event) => event.receivedAt.toISOString()),
        events.map((event) => event.userId ?? null),
        events.map((event) => event.anonymousId ?? null),
        events.map((event) => event.sessionId ?? null),
        // Stringified here: pg would turn a JS array inside the JSON into a PostgreSQL array.
        events.map((event) => JSON.stringify(event.properties ?? {})),
        events.map((event) => JSON.stringify(event.context ?? {})),
        events.map((event) => event.userKey),
        events.map((event) => event.localDate),
        events.map((event) => event.hourOfDay),
        events.map((event) => event.dayOfWeek),
        events.map((event) => event.isBusinessHours),
        events.map((event) => event.deviceType),
        events.map((event) => event.browser),
        events.map((event) => event.os),
        events.map((event) => (event.violations?.length ? JSON.stringify(event.violations) : null)),
        events.map((event) => (event.invalidValues ? JSON.stringify(event.invalidValues) : null)),
      ],
    );
    return new Set(rows.map((row) => eventKey(row.tenant_id, row.event_id)));
  }
}

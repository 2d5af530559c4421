import type { SqlExecutor } from '../repositories/sql-executor';

/** Where a rejected event was refused: at the HTTP edge, or by the stream processor (its dead-letter path). */
export type QuarantineStage = 'ingestion' | 'processor';

export interface NewQuarantinedEvent {
  tenantId: string;
  receivedAt: Date;
  stage: QuarantineStage;
  /** The route or SDK it came through (`segment /v1/batch`, `posthog /e`, `kafka conversation.events.v1`…). */
  source: string;
  /** The id it was (or will be, on replay) stored under; absent when none could be read. */
  eventId?: string | null;
  eventType?: string | null;
  /** A short, tenant-independent category (`invalid`, `timestamp_out_of_window`, `too_large`, `unstorable`…). */
  reason: string;
  errors: ReadonlyArray<{ field: string; rule: string; message: string }>;
  /** The payload as received: parsed JSON when it was JSON, else its text. */
  payload: unknown;
}

export interface QuarantinedEvent extends NewQuarantinedEvent {
  id: string;
  quarantinedAt: Date;
  replayedAt: Date | null;
  replayError: string | null;
}

export interface QuarantineBounds {
  /** Most events kept per tenant; the oldest go first. */
  maxEventsPerTenant: number;
  /** Events older than this are dropped. */
  maxAgeMs: number;
}

export type QuarantineStatus = 'pending' | 'replayed' | 'all';

/** The tenant-readable quarantine of rejected events (`quarantined_events`). */
export class QuarantineRepository {
  constructor(private readonly sql: SqlExecutor) {}

  async insert(events: readonly NewQuarantinedEvent[]): Promise<void> {
    if (events.length === 0) return;
    const isJson = (event: NewQuarantinedEvent) => typeof event.payload !== 'string';
    await this.sql.query(
      `INSERT INTO "quarantined_events"
         ("tenant_id", "received_at", "stage", "source", "event_id", "event_type", "reason", "errors", "payload", "payload_text")
       SELECT t, r, st, so, e, ty, re, er::jsonb, p::jsonb, pt
         FROM unnest($1::uuid[], $2::timestamptz[], $3::varchar[], $4::varchar[], $5::varchar[], $6::varchar[],
                     $7::varchar[], $8::text[], $9::text[], $10::text[]) AS input(t, r, st, so, e, ty, re, er, p, pt)`,
      [
        events.map((event) => event.tenantId),
        events.map((event) => event.receivedAt.toISOString()),
        events.map((event) => event.stage),
        events.map((event) => event.source.slice(0, 64)),
        events.map((event) => event.eventId?.slice(0, 128) ?? null),
        events.map((event) => event.eventType?.slice(0, 200) ?? null),
        events.map((event) => event.reason.slice(0, 32)),
        events.map((event) => JSON.stringify(event.errors)),
        // Stringified here: pg would turn a JS array inside the JSON into a PostgreSQL array.
        events.map((event) => (isJson(event) ? JSON.stringify(event.payload) : null)),
        events.map((event) => (isJson(event) ? null : (event.payload as string))),
      ],
    );
  }

  /** Drops the tenant's events beyond the bounds, oldest first, and returns how many went. */
  async prune(tenantId: string, bounds: QuarantineBounds, now: Date): Promise<number> {
    const rows: Array<{ dropped: string }> = await this.sql.query(
      `WITH "cutoff" AS (
         SELECT "id" FROM "quarantined_events" WHERE "tenant_id" = $1 ORDER BY "id" DESC OFFSET $2 LIMIT 1
       ), "dropped" AS (
         DELETE FROM "quarantined_events"
          WHERE "tenant_id" = $1
            AND ("quarantined_at" < $3::timestamptz OR "id" <= COALESCE((SELECT "id" FROM "cutoff"), 0))
         RETURNING 1
       )
       SELECT count(*)::text AS "dropped" FROM "dropped"`,
      [tenantId, bounds.maxEventsPerTenant, new Date(now.getTime() - bounds.maxAgeMs).toISOString()],
    );
    return Number(rows[0]?.dropped ?? 0);
  }

  /** A page of the tenant's quarantine, newest first; `beforeId` continues a previous page. */
  async list(
    tenantId: string,
    options: { status: QuarantineStatus; limit: number; beforeId?: string },
  ): Promise<QuarantinedEvent[]> {
    const rows: QuarantineRow[] = await this.sql.query(
      `SELECT ${COLUMNS} FROM "quarantined_events"
        WHERE "tenant_id" = $1
          AND ($2::bigint IS NULL OR "id" < $2::bigint)
          AND ($3 = 'all' OR ($3 = 'pending') = ("replayed_at" IS NULL))
        ORDER BY "id" DESC LIMIT $4`,
      [tenantId, options.beforeId ?? null, options.status, options.limit],
    );
    return rows.map(toQuarantinedEvent);
  }

  /** The tenant's events with these ids (others' ids are ignored), oldest first. */
  async findByIds(tenantId: string, ids: readonly string[]): Promise<QuarantinedEvent[]> {
    if (ids.length === 0) return [];
    const rows: QuarantineRow[] = await this.sql.query(
      `SELECT ${COLUMNS} FROM "quarantined_events" WHERE "tenant_id" = $1 AND "id" = ANY($2::bigint[]) ORDER BY "id"`,
      [tenantId, ids],
    );
    return rows.map(toQuarantinedEvent);
  }

  /** The tenant's events not replayed yet, oldest first, at most `limit`. */
  async pending(tenantId: string, limit: number, afterId?: string): Promise<QuarantinedEvent[]> {
    const rows: QuarantineRow[] = await this.sql.query(
      `SELECT ${COLUMNS} FROM "quarantined_events"
        WHERE "tenant_id" = $1 AND "replayed_at" IS NULL AND ($2::bigint IS NULL OR "id" > $2::bigint)
        ORDER BY "id" LIMIT $3`,
      [tenantId, afterId ?? null, limit],
    );
    return rows.map(toQuarantinedEvent);
  }

  /** Records each replay's outcome: replayed (accepted again) or the reason it was refused again. */
  async recordReplays(
    tenantId: string,
    outcomes: ReadonlyArray<{ id: string; error?: string }>,
    at: Date,
  ): Promise<void> {
    if (outcomes.length === 0) return;
    await this.sql.query(
      `UPDATE "quarantined_events" AS q
          SET "replayed_at" = CASE WHEN o.error IS NULL THEN $4::timestamptz ELSE NULL END, "replay_error" = o.error
         FROM unnest($2::bigint[], $3::text[]) AS o(id, error)
        WHERE q."tenant_id" = $1 AND q."id" = o.id`,
      [tenantId, outcomes.map((outcome) => outcome.id), outcomes.map((outcome) => outcome.error ?? null), at.toISOString()],
    );
  }

  async countPending(tenantId: string): Promise<number> {
    const rows: Array<{ count: string }> = await this.sql.query(
      `SELECT count(*)::text AS "count" FROM "quarantined_events" WHERE "tenant_id" = $1 AND "replayed_at" IS NULL`,
      [tenantId],
    );
    return Number(rows[0]?.count ?? 0);
  }
}

const COLUMNS = `"id"::text AS "id", "tenant_id", "received_at", "quarantined_at", "stage", "source", "event_id", "event_type",
  "reason", "errors", "payload", "payload_text", "replayed_at", "replay_error"`;

interface QuarantineRow {
  id: string;
  tenant_id: string;
  received_at: Date;
  quarantined_at: Date;
  stage: QuarantineStage;
  source: string;
  event_id: string | null;
  event_type: string | null;
  reason: string;
  errors: NewQuarantinedEvent['errors'];
  payload: unknown;
  payload_text: string | null;
  replayed_at: Date | null;
  replay_error: string | null;
}

function toQuarantinedEvent(row: QuarantineRow): QuarantinedEvent {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    receivedAt: new Date(row.received_at),
    quarantinedAt: new Date(row.quarantined_at),
    stage: row.stage,
    source: row.source,
    eventId: row.event_id,
    eventType: row.event_type,
    reason: row.reason,
    errors: row.errors,
    payload: row.payload_text ?? row.payload,
    replayedAt: row.replayed_at ? new Date(row.replayed_at) : null,
    replayError: row.replay_error,
  };
}

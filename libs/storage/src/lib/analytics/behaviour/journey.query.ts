import type { SqlExecutor } from '../../repositories/sql-executor';

export const MAX_JOURNEY_EVENTS = 5_000;

export interface JourneyEvent {
  eventId: string;
  type: string;
  occurredAt: Date;
  sessionId: string | null;
  userId: string | null;
  anonymousId: string | null;
  deviceType: string | null;
  properties: Record<string, unknown>;
}

/**
 * One person's events, oldest first. The person is everyone known as `personId`: the id itself and
 * every id linked to it by identify/alias (identity_links, followed back through chains). Rows the
 * processor stitched carry the key in user_key (`<id>` or `anon:<anonymousId>`); unstitched rows match
 * by user id or anonymous id. `anon:<x>` asks for the anonymous id x.
 */
export class JourneyQuery {
  constructor(private readonly sql: SqlExecutor) {}

  async events(tenantId: string, personId: string, input: { from: Date; to: Date; limit: number }): Promise<JourneyEvent[]> {
    if (!Number.isInteger(input.limit) || input.limit < 1 || input.limit > MAX_JOURNEY_EVENTS + 1) throw new RangeError(`limit must be from 1 to ${MAX_JOURNEY_EVENTS + 1}`);
    const seed = personId.startsWith('anon:') ? personId.slice('anon:'.length) : personId;
    const rows: Array<{
      event_id: string;
      type: string;
      occurred_at: Date;
      session_id: string | null;
      user_id: string | null;
      anonymous_id: string | null;
      device_type: string | null;
      properties: Record<string, unknown>;
    }> = await this.sql.query(
      `WITH RECURSIVE "aliases"("id") AS (
          SELECT $2::varchar
          UNION
          SELECT l."from_id" FROM "identity_links" l JOIN "aliases" a ON l."to_id" = a."id" WHERE l."tenant_id" = $1::uuid
        ), "keys"("key") AS (
          SELECT "id" FROM "aliases" UNION SELECT 'anon:' || "id" FROM "aliases"
        )
        SELECT e."event_id", e."type", e."occurred_at", e."session_id", e."user_id", e."anonymous_id", e."device_type", e."properties"
          FROM "events" e
         WHERE e."tenant_id" = $1::uuid AND e."occurred_at" >= $3::timestamptz AND e."occurred_at" < $4::timestamptz
           AND (e."user_key" IN (SELECT "key" FROM "keys")
                OR (e."user_key" IS NULL AND (e."user_id" IN (SELECT "id" FROM "aliases") OR (e."user_id" IS NULL AND e."anonymous_id" IN (SELECT "id" FROM "aliases")))))
         ORDER BY e."occurred_at", e."event_id" COLLATE "C"
         LIMIT $5::int`,
      [tenantId, seed, input.from.toISOString(), input.to.toISOString(), input.limit],
    );
    return rows.map((row) => ({
      eventId: row.event_id,
      type: row.type,
      occurredAt: row.occurred_at,
      sessionId: row.session_id,
      userId: row.user_id,
      anonymousId: row.anonymous_id,
      deviceType: row.device_type,
      properties: row.properties,
    }));
  }
}

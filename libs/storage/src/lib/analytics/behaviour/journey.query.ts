import type { SqlExecutor } from '../../repositories/sql-executor';
import { linkedPersonCtes, linkedPersonEventsSql, personSeed } from './linked-person-sql';

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
 * One person's events, oldest first. The person is everyone known as `personId` (see linked-person-sql).
 */
export class JourneyQuery {
  constructor(private readonly sql: SqlExecutor) {}

  async events(tenantId: string, personId: string, input: { from: Date; to: Date; limit: number }): Promise<JourneyEvent[]> {
    if (!Number.isInteger(input.limit) || input.limit < 1 || input.limit > MAX_JOURNEY_EVENTS + 1) throw new RangeError(`limit must be from 1 to ${MAX_JOURNEY_EVENTS + 1}`);
    const seed = personSeed(personId);
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
      `WITH RECURSIVE ${linkedPersonCtes('$1', '$2')}
        SELECT * FROM (${linkedPersonEventsSql(
          'e."event_id", e."type", e."occurred_at", e."session_id", e."user_id", e."anonymous_id", e."device_type", e."properties"',
          'e."tenant_id" = $1::uuid AND e."occurred_at" >= $3::timestamptz AND e."occurred_at" < $4::timestamptz',
        )}) j
         ORDER BY j."occurred_at", j."event_id" COLLATE "C"
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

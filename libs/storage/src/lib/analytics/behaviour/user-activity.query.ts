import type { EventTypeReach, PeriodActivity } from '@pulse/analytics-core';
import type { SqlExecutor } from '../../repositories/sql-executor';
import { PERSON_KEY_SQL } from './event-match-sql';

/** Two adjacent periods: [previousStart, currentStart) and [currentStart, end). */
export interface ActivityPeriods {
  previousStart: Date;
  currentStart: Date;
  end: Date;
}

/**
 * Who was active in a period and in the one before, for the insight report's user-behaviour findings: persons,
 * their events (and the sum of squares, for the spread of events per person) and the persons never seen before
 * the period; and each event type's persons. Periods are found with `width_bucket` over the three boundaries.
 */
export class UserActivityQuery {
  constructor(private readonly sql: SqlExecutor) {}

  async periods(tenantId: string, periods: ActivityPeriods): Promise<{ current: PeriodActivity; previous: PeriodActivity }> {
    // "New" probes the person's earlier events by user_key (indexed): processor rows always carry it.
    const rows: Array<{ period: number; users: string; events: string; events_squared: string; new_users: string }> = await this.sql.query(
      `WITH "persons" AS (
         SELECT width_bucket(e."occurred_at", $2::timestamptz[]) AS "period", ${PERSON_KEY_SQL} AS "person", count(*) AS "events"
           FROM "events" e
          WHERE e."tenant_id" = $1::uuid AND e."occurred_at" >= $3::timestamptz AND e."occurred_at" < $4::timestamptz
            AND ${PERSON_KEY_SQL} IS NOT NULL
          GROUP BY 1, 2
       )
       SELECT p."period", count(*) AS "users", sum(p."events") AS "events", sum(p."events" * p."events") AS "events_squared",
              count(*) FILTER (WHERE NOT EXISTS (
                SELECT 1 FROM "events" b
                 WHERE b."tenant_id" = $1::uuid AND b."user_key" = p."person" AND b."occurred_at" < ($2::timestamptz[])[p."period"]
              )) AS "new_users"
         FROM "persons" p
        GROUP BY p."period"`,
      [tenantId, boundariesOf(periods), periods.previousStart.toISOString(), periods.end.toISOString()],
    );
    const of = (period: number): PeriodActivity => {
      const row = rows.find((candidate) => Number(candidate.period) === period);
      return {
        activeUsers: Number(row?.users ?? 0),
        newUsers: Number(row?.new_users ?? 0),
        events: Number(row?.events ?? 0),
        eventsSquared: Number(row?.events_squared ?? 0),
      };
    };
    return { previous: of(1), current: of(2) };
  }

  /** Persons and events of each event type in each period. */
  async eventTypeReach(tenantId: string, periods: ActivityPeriods): Promise<EventTypeReach[]> {
    const rows: Array<{ type: string; period: number; users: string; events: string }> = await this.sql.query(
      `SELECT e."type", width_bucket(e."occurred_at", $2::timestamptz[]) AS "period",
              count(DISTINCT ${PERSON_KEY_SQL}) AS "users", count(*) AS "events"
         FROM "events" e
        WHERE e."tenant_id" = $1::uuid AND e."occurred_at" >= $3::timestamptz AND e."occurred_at" < $4::timestamptz
          AND ${PERSON_KEY_SQL} IS NOT NULL
        GROUP BY 1, 2`,
      [tenantId, boundariesOf(periods), periods.previousStart.toISOString(), periods.end.toISOString()],
    );
    const byType = new Map<string, EventTypeReach>();
    for (const row of rows) {
      const reach = byType.get(row.type) ?? { eventType: row.type, currentUsers: 0, previousUsers: 0, currentEvents: 0, previousEvents: 0 };
      if (Number(row.period) === 2) {
        reach.currentUsers = Number(row.users);
        reach.currentEvents = Number(row.events);
      } else {
        reach.previousUsers = Number(row.users);
        reach.previousEvents = Number(row.events);
      }
      byType.set(row.type, reach);
    }
    return [...byType.values()].sort((a, b) => (a.eventType < b.eventType ? -1 : a.eventType > b.eventType ? 1 : 0));
  }
}

function boundariesOf(periods: ActivityPeriods): string[] {
  return [periods.previousStart, periods.currentStart, periods.end].map((boundary) => boundary.toISOString());
}

import { PERSON_KEY_SQL } from '../analytics/behaviour/event-match-sql';
import { EVENT_TIME_CHUNK_RECORDS } from './event-times-planning';

/**
 * SQL that builds `person_ids` and `event_time_chunks` from the `events` rows already stored, as the
 * stream processor appends them for new events (`planEventTimes`, `EventTimesRepository`): for deployments
 * that had events before. Persons are the funnel's (`PERSON_KEY_SQL`); times are cut to the millisecond, as
 * the processor stores them. Runs on PostgreSQL and PGlite.
 */
export function eventTimesBackfillSql(): string[] {
  return [
    `INSERT INTO "person_ids" ("tenant_id", "user_key")
      SELECT DISTINCT e."tenant_id", ${PERSON_KEY_SQL} FROM "events" e WHERE ${PERSON_KEY_SQL} IS NOT NULL ORDER BY 1, 2
      ON CONFLICT ("tenant_id", "user_key") DO NOTHING`,
    `INSERT INTO "event_time_chunks" ("tenant_id", "event_type", "day", "chunk", "data")
      SELECT r."tenant_id", r."type", r."day", (r."n" - 1) / ${EVENT_TIME_CHUNK_RECORDS}, string_agg(r."record", ''::bytea ORDER BY r."n")
        FROM (
          SELECT e."tenant_id", e."type", d."day",
                 row_number() OVER (PARTITION BY e."tenant_id", e."type", d."day" ORDER BY e."occurred_at", e."event_id") AS "n",
                 int4send(p."person_id") || int4send(floor(extract(epoch FROM e."occurred_at" - (d."day"::timestamp AT TIME ZONE 'UTC')) * 1000)::int4) AS "record"
            FROM "events" e
            JOIN "person_ids" p ON p."tenant_id" = e."tenant_id" AND p."user_key" = ${PERSON_KEY_SQL}
            CROSS JOIN LATERAL (SELECT (e."occurred_at" AT TIME ZONE 'UTC')::date AS "day") d
        ) r
       GROUP BY r."tenant_id", r."type", r."day", (r."n" - 1) / ${EVENT_TIME_CHUNK_RECORDS}`,
  ];
}

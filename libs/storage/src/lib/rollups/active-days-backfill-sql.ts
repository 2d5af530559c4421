import { ACTIVE_DAY_WORDS } from '@pulse/analytics-core';

/**
 * SQL that builds `person_active_days` from the `events` rows already stored, as the stream processor
 * maintains it from new events (`planActiveDays`): for deployments that had events before the processor
 * wrote it. Local days are read in each tenant's time zone (`tenants.time_zone`) with the database's zone
 * data; the integration test compares the rows with the planner's. Runs on PostgreSQL and PGlite.
 */
export function activeDaysBackfillSql(): string {
  const words = Array.from({ length: ACTIVE_DAY_WORDS }, (_, word) => word);
  // `1::bigint << 63` is the sign bit: fine, the words are only ever combined bitwise.
  const wordSql = (word: number) => `bit_or(CASE WHEN d."day" / 64 = ${word} THEN 1::bigint << (d."day" % 64) ELSE 0 END)`;
  return `INSERT INTO "person_active_days" ("tenant_id", "year", "user_key", ${words.map((word) => `"w${word}"`).join(', ')})
    SELECT d."tenant_id", d."year", d."user_key", ${words.map(wordSql).join(', ')}
      FROM (
        SELECT DISTINCT e."tenant_id", e."user_key", extract(year FROM l."local")::smallint AS "year",
               extract(doy FROM l."local")::int - 1 AS "day"
          FROM "events" e
          JOIN "tenants" t ON t."id" = e."tenant_id"
          CROSS JOIN LATERAL (SELECT e."occurred_at" AT TIME ZONE t."time_zone" AS "local") l
         WHERE e."user_key" IS NOT NULL
      ) d
     GROUP BY d."tenant_id", d."year", d."user_key"`;
}

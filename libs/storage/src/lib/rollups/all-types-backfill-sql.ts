import { ALL_EVENT_TYPES, ALL_TYPES_ROLLUP_GRANULARITIES } from '@pulse/analytics-core';

/**
 * SQL that builds, from the `events` rows already stored, what the stream processor maintains from new
 * events (`planRollups`' all-types rollups, `planFirstSeen`): for deployments that had events before the
 * processor wrote these. Buckets are cut in each tenant's time zone (`tenants.time_zone`) with the
 * database's zone data; ids, labels and bucket starts are those the processor computes (the integration
 * test compares them row by row). Runs on PostgreSQL and PGlite.
 */

type AllTypesGranularity = (typeof ALL_TYPES_ROLLUP_GRANULARITIES)[number];

/** Every statement, in order: first seen per type, then over all types, then the rollups per granularity. */
export function allTypesBackfillStatements(): string[] {
  return [...firstSeenBackfillStatements(), ...ALL_TYPES_ROLLUP_GRANULARITIES.map((granularity) => allTypesRollupBackfillSql(granularity))];
}

/** First event per (tenant, type, person), then per (tenant, person) over all types from those. */
export function firstSeenBackfillStatements(): string[] {
  return [
    `INSERT INTO "person_first_seen" ("tenant_id", "event_type", "user_key", "first_at")
      SELECT e."tenant_id", e."type", e."user_key", min(e."occurred_at")
        FROM "events" e WHERE e."user_key" IS NOT NULL
       GROUP BY e."tenant_id", e."type", e."user_key"`,
    `INSERT INTO "person_first_seen" ("tenant_id", "event_type", "user_key", "first_at")
      SELECT f."tenant_id", '${ALL_EVENT_TYPES}', f."user_key", min(f."first_at")
        FROM "person_first_seen" f WHERE f."event_type" <> '${ALL_EVENT_TYPES}'
       GROUP BY f."tenant_id", f."user_key"`,
  ];
}

interface BucketSql {
  /** Per event (aliases e: events, l.local: its local wall clock): what identifies its bucket. */
  key: string;
  /** Per event: the bucket's label. */
  label: string;
  /** From the key (alias b) and zone: the bucket's first instant. */
  start: string;
}

/** One statement: the all-types rollups of one granularity, with their user lists, for every tenant. */
export function allTypesRollupBackfillSql(granularity: AllTypesGranularity): string {
  const bucket = bucketSql(granularity);
  return `WITH "local_events" AS (
      SELECT e."tenant_id", t."time_zone" AS "zone", ${bucket.key} AS "key", ${bucket.label} AS "label", e."user_key", count(*) AS "events"
        FROM "events" e
        JOIN "tenants" t ON t."id" = e."tenant_id"
        CROSS JOIN LATERAL (SELECT e."occurred_at" AT TIME ZONE t."time_zone" AS "local") l
       GROUP BY 1, 2, 3, 4, 5
    ), "buckets" AS MATERIALIZED (
      SELECT s.*, ${rollupIdSql('s."tenant_id"', granularity, 's."bucket_start"')} AS "id"
        FROM (
          SELECT b."tenant_id", b."key", b."label", ${bucket.start} AS "bucket_start",
                 sum(b."events") AS "event_count", count(b."user_key") AS "unique_users"
            FROM "local_events" b
           GROUP BY b."tenant_id", b."zone", b."key", b."label"
        ) s
    ), "users" AS (
      INSERT INTO "event_rollup_users" ("rollup_id", "user_key")
        SELECT b."id", u."user_key"
          FROM "local_events" u JOIN "buckets" b ON b."tenant_id" = u."tenant_id" AND b."key" = u."key" AND b."label" = u."label"
         WHERE u."user_key" IS NOT NULL
    )
    INSERT INTO "event_rollups" ("id", "tenant_id", "granularity", "bucket_start", "bucket_label", "event_type",
        "dimension_set", "dimensions", "event_count", "unique_users", "updated_at")
      SELECT b."id", b."tenant_id", '${granularity}', b."bucket_start", b."label", '${ALL_EVENT_TYPES}', '', '{}'::jsonb,
             b."event_count", b."unique_users", now()
        FROM "buckets" b`;
}

function bucketSql(granularity: AllTypesGranularity): BucketSql {
  switch (granularity) {
    case 'hour': {
      // Truncating the local clock, not the UTC one (in +05:45 an hour starts at hh:15 UTC); the offset in
      // the label keeps the two 02:00 hours of a fall-back night apart, as analytics-core's hour buckets do.
      const offset = `(l."local" - (e."occurred_at" AT TIME ZONE 'UTC'))`;
      return {
        key: `e."occurred_at" - (l."local" - date_trunc('hour', l."local"))`,
        label: `to_char(l."local", 'YYYY-MM-DD"T"HH24:00') || CASE WHEN ${offset} < interval '0' THEN '-' ELSE '+' END
                || to_char(CASE WHEN ${offset} < interval '0' THEN -${offset} ELSE ${offset} END, 'HH24:MI')`,
        start: `b."key"`,
      };
    }
    case 'day':
      return { key: `date_trunc('day', l."local")`, label: `to_char(date_trunc('day', l."local"), 'YYYY-MM-DD')`, start: localMidnightSql(`b."key"`, `b."zone"`) };
    case 'week':
      // date_trunc('week') is ISO: Monday.
      return { key: `date_trunc('week', l."local")`, label: `to_char(date_trunc('week', l."local"), 'YYYY-MM-DD')`, start: localMidnightSql(`b."key"`, `b."zone"`) };
    case 'month':
      return { key: `date_trunc('month', l."local")`, label: `to_char(date_trunc('month', l."local"), 'YYYY-MM')`, start: localMidnightSql(`b."key"`, `b."zone"`) };
    default:
      throw new RangeError(`No all-types rollups at granularity ${String(granularity)}`);
  }
}

/**
 * The first instant whose local clock reads `local` (a midnight), as analytics-core's `wallClockToInstant`:
 * PostgreSQL reads a skipped time with the offset before the change (which for a skipped midnight is the
 * change itself, the day's first instant), but a repeated time with the offset after it, so the earlier
 * reading, with the offset in force a day before, is preferred when the clock shows `local` then too.
 */
function localMidnightSql(local: string, zone: string): string {
  const postgres = `(${local} AT TIME ZONE ${zone})`;
  const dayBefore = `(${postgres} - interval '1 day')`;
  const earlier = `((${local} - (${dayBefore} AT TIME ZONE ${zone} - ${dayBefore} AT TIME ZONE 'UTC')) AT TIME ZONE 'UTC')`;
  return `CASE WHEN ${earlier} < ${postgres} AND ${earlier} AT TIME ZONE ${zone} = ${local} THEN ${earlier} ELSE ${postgres} END`;
}

/**
 * `rollupRowId` in SQL for a rollup without dimensions: the first 128 bits of the SHA-256 of the JSON
 * identity `["<tenant>","<granularity>","<bucket start, ISO with milliseconds>","<type>",[]]`.
 */
export function rollupIdSql(tenantSql: string, granularity: AllTypesGranularity, bucketStartSql: string, eventType = ALL_EVENT_TYPES): string {
  if (!/^[A-Za-z0-9_*:.-]+$/.test(eventType)) throw new RangeError(`Event type needs JSON escaping: ${eventType}`);
  const identity = `'["' || ${tenantSql}::text || '","${granularity}","' || to_char(${bucketStartSql} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '","${eventType}",[]]'`;
  return `substr(encode(sha256(convert_to(${identity}, 'UTF8')), 'hex'), 1, 32)::uuid`;
}

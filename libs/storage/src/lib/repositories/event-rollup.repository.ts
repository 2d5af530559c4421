import { createHash } from 'node:crypto';
import type { StoredRollupGranularity } from '../entities/event-rollup.entity';
import type { SqlExecutor } from './sql-executor';

export interface RollupMetricSummary {
  count: number;
  sum: number;
  min: number;
  max: number;
  /** `{ bucketKey: count }` (analytics-core histogram keys). */
  histogram: Readonly<Record<string, number>>;
}

/** What a batch adds to one rollup (analytics-core's `RollupDelta`, minus what storage derives). */
export interface RollupDeltaInput {
  tenantId: string;
  granularity: StoredRollupGranularity;
  bucketStart: Date;
  bucketLabel: string;
  eventType: string;
  dimensions: Readonly<Record<string, string | null>>;
  count: number;
  /** The batch's distinct user keys in this rollup; only those new to the rollup raise `unique_users`. */
  userKeys: readonly string[];
  metrics: Readonly<Record<string, RollupMetricSummary>>;
}

export interface RollupQuery {
  granularity: StoredRollupGranularity;
  /** Buckets with `from <= bucket_start < to`. */
  from: Date;
  to: Date;
  /** Only these event types; all when omitted, the all-event-types ('*') rows included. */
  eventTypes?: readonly string[];
  /** Dimension names, e.g. ['device_type']; the rollups without dimensions when omitted. */
  dimensions?: readonly string[];
}

export interface StoredRollup {
  bucketStart: Date;
  bucketLabel: string;
  eventType: string;
  dimensions: Record<string, string | null>;
  eventCount: number;
  uniqueUsers: number;
  metrics: Record<string, RollupMetricSummary>;
}

/**
 * The primary key of a rollup row: a digest of its identity, so writers upsert by primary key and
 * no second unique index is needed. Dimension names are sorted, so their order does not matter.
 */
export function rollupRowId(
  tenantId: string,
  granularity: StoredRollupGranularity,
  bucketStart: Date,
  eventType: string,
  dimensions: Readonly<Record<string, string | null>>,
): string {
  const identity = JSON.stringify([
    tenantId,
    granularity,
    bucketStart.toISOString(),
    eventType,
    Object.keys(dimensions)
      .sort()
      .map((name) => [name, dimensions[name]]),
  ]);
  const hex = createHash('sha256').update(identity).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** `dimension_set`: the dimension names, sorted and comma-separated ('' without dimensions). */
export function dimensionSetOf(dimensions: Readonly<Record<string, unknown>> | readonly string[]): string {
  const names = Array.isArray(dimensions) ? [...dimensions] : Object.keys(dimensions);
  return names.sort().join(',');
}

/**
 * `event_rollups` and its two companions, inside the caller's transaction. Callers pass deltas of
 * NEW events only: adding is not idempotent, so the events' primary key decides what is new.
 */
export class EventRollupRepository {
  constructor(private readonly sql: SqlExecutor) {}

  /** Adds the deltas: counts, new distinct users, numeric summaries (histograms merged key by key). */
  async applyDeltas(deltas: readonly RollupDeltaInput[]): Promise<void> {
    if (deltas.length === 0) return;
    // Rows are written in primary-key order, so concurrent writers lock them in the same order.
    const rows = deltas
      .map((delta) => ({
        delta,
        id: rollupRowId(delta.tenantId, delta.granularity, delta.bucketStart, delta.eventType, delta.dimensions),
      }))
      .sort((a, b) => compare(a.id, b.id));
    const users = rows.flatMap(({ id, delta }) => [...delta.userKeys].sort().map((userKey) => [id, userKey] as const));
    // One statement: the (rollup, user) pairs that are new decide how much unique_users grows.
    await this.sql.query(
      `WITH "new_users" AS (
          INSERT INTO "event_rollup_users" ("rollup_id", "user_key")
            SELECT * FROM unnest($1::uuid[], $2::varchar[])
            ON CONFLICT ("rollup_id", "user_key") DO NOTHING
            RETURNING "rollup_id"
        ), "new_user_counts" AS (
          SELECT "rollup_id", count(*)::int AS "added" FROM "new_users" GROUP BY "rollup_id"
        )
        INSERT INTO "event_rollups" ("id", "tenant_id", "granularity", "bucket_start", "bucket_label", "event_type",
            "dimension_set", "dimensions", "event_count", "unique_users", "updated_at")
          SELECT i.id, i.tenant_id, i.granularity, i.bucket_start, i.bucket_label, i.event_type, i.dimension_set,
                 i.dimensions::jsonb, i.event_count, coalesce(n."added", 0), now()
            FROM unnest($3::uuid[], $4::uuid[], $5::varchar[], $6::timestamptz[], $7::varchar[], $8::varchar[],
                        $9::varchar[], $10::text[], $11::bigint[])
              AS i(id, tenant_id, granularity, bucket_start, bucket_label, event_type, dimension_set, dimensions, event_count)
            LEFT JOIN "new_user_counts" n ON n."rollup_id" = i.id
            ORDER BY i.id
        ON CONFLICT ("id") DO UPDATE SET
          "event_count" = "event_rollups"."event_count" + EXCLUDED."event_count",
          "unique_users" = "event_rollups"."unique_users" + EXCLUDED."unique_users",
          "updated_at" = EXCLUDED."updated_at"`,
      [
        users.map(([id]) => id),
        users.map(([, userKey]) => userKey),
        rows.map(({ id }) => id),
        rows.map(({ delta }) => delta.tenantId),
        rows.map(({ delta }) => delta.granularity),
        rows.map(({ delta }) => delta.bucketStart.toISOString()),
        rows.map(({ delta }) => delta.bucketLabel),
        rows.map(({ delta }) => delta.eventType),
        rows.map(({ delta }) => dimensionSetOf(delta.dimensions)),
        rows.map(({ delta }) => JSON.stringify(delta.dimensions)),
        rows.map(({ delta }) => delta.count),
      ],
    );
    const metrics = rows.flatMap(({ id, delta }) =>
      Object.keys(delta.metrics)
        .sort()
        .map((name) => ({ id, name, summary: delta.metrics[name] })),
    );
    if (metrics.length === 0) return;
    await this.sql.query(
      `INSERT INTO "event_rollup_metrics" ("rollup_id", "metric", "value_count", "value_sum", "value_min", "value_max", "histogram")
        SELECT r, m, c, s, lo, hi, h::jsonb
          FROM unnest($1::uuid[], $2::varchar[], $3::bigint[], $4::numeric[], $5::float8[], $6::float8[], $7::text[])
            AS input(r, m, c, s, lo, hi, h)
        ON CONFLICT ("rollup_id", "metric") DO UPDATE SET
          "value_count" = "event_rollup_metrics"."value_count" + EXCLUDED."value_count",
          "value_sum" = "event_rollup_metrics"."value_sum" + EXCLUDED."value_sum",
          "value_min" = LEAST("event_rollup_metrics"."value_min", EXCLUDED."value_min"),
          "value_max" = GREATEST("event_rollup_metrics"."value_max", EXCLUDED."value_max"),
          "histogram" = (
            SELECT jsonb_object_agg("key", "total") FROM (
              SELECT "key", sum("value"::bigint) AS "total" FROM (
                SELECT * FROM jsonb_each_text("event_rollup_metrics"."histogram")
                UNION ALL
                SELECT * FROM jsonb_each_text(EXCLUDED."histogram")
              ) AS "parts" GROUP BY "key"
            ) AS "merged"
          )`,
      [
        metrics.map(({ id }) => id),
        metrics.map(({ name }) => name),
        metrics.map(({ summary }) => summary.count),
        metrics.map(({ summary }) => String(summary.sum)),
        metrics.map(({ summary }) => summary.min),
        metrics.map(({ summary }) => summary.max),
        metrics.map(({ summary }) => JSON.stringify(summary.histogram)),
      ],
    );
  }

  /** A tenant's rollups for one granularity and dimension set, oldest bucket first, then by type and values. */
  async find(tenantId: string, query: RollupQuery): Promise<StoredRollup[]> {
    if (query.eventTypes?.length === 0) return [];
    const rows: Array<{
      bucket_start: Date;
      bucket_label: string;
      event_type: string;
      dimensions: Record<string, string | null>;
      event_count: string;
      unique_users: number;
      metrics: Record<string, { count: string; sum: string; min: number; max: number; histogram: Record<string, number> }> | null;
    }> = await this.sql.query(
      `SELECT r."bucket_start", r."bucket_label", r."event_type", r."dimensions", r."event_count", r."unique_users",
              (SELECT jsonb_object_agg(m."metric", jsonb_build_object('count', m."value_count"::text, 'sum', m."value_sum"::text,
                       'min', m."value_min", 'max', m."value_max", 'histogram', m."histogram"))
                 FROM "event_rollup_metrics" m WHERE m."rollup_id" = r."id") AS "metrics"
         FROM "event_rollups" r
        WHERE r."tenant_id" = $1 AND r."granularity" = $2 AND r."dimension_set" = $3
          AND r."bucket_start" >= $4 AND r."bucket_start" < $5
          AND ($6::varchar[] IS NULL OR r."event_type" = ANY($6::varchar[]))
        ORDER BY r."bucket_start", r."event_type", r."dimensions"::text`,
      [
        tenantId,
        query.granularity,
        dimensionSetOf(query.dimensions ?? []),
        query.from.toISOString(),
        query.to.toISOString(),
        query.eventTypes ? [...query.eventTypes] : null,
      ],
    );
    return rows.map((row) => ({
      bucketStart: row.bucket_start,
      bucketLabel: row.bucket_label,
      eventType: row.event_type,
      dimensions: row.dimensions,
      eventCount: Number(row.event_count),
      uniqueUsers: row.unique_users,
      metrics: Object.fromEntries(
        Object.entries(row.metrics ?? {}).map(([name, summary]) => [
          name,
          { count: Number(summary.count), sum: Number(summary.sum), min: summary.min, max: summary.max, histogram: summary.histogram },
        ]),
      ),
    }));
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

import { ALL_EVENT_TYPES, type AllTypesRollupReads, type MetricQuery, type RollupTile } from '@pulse/analytics-core';
import { activeDaysTotalSql } from './active-days-total-sql';
import type { MetricQueryTenant, MetricStatement } from './raw-metric-sql';
import { SqlParameters } from './sql-parameters';

/** A '*' rollup bucket to read, tagged with the query bucket it counts for. */
interface TaggedTile {
  tile: RollupTile;
  bucket: number;
}

/** FROM items: the '*' rows (`r`) of the given tiles (`t`, with their query bucket number). */
function allTypesRowsSql(parameters: SqlParameters, tenantId: string, allTypes: string, tiles: readonly TaggedTile[]): string {
  const granularities = parameters.bind(
    tiles.map(({ tile }) => tile.granularity),
    'text[]',
  );
  const starts = parameters.bind(
    tiles.map(({ tile }) => tile.start.toISOString()),
    'timestamptz[]',
  );
  const buckets = parameters.bind(
    tiles.map(({ bucket }) => bucket),
    'int[]',
  );
  return `unnest(${granularities}, ${starts}, ${buckets}) AS t("granularity", "bucket_start", "bucket")
      JOIN "event_rollups" r ON r."tenant_id" = ${tenantId} AND r."granularity" = t."granularity" AND r."event_type" = ${allTypes}
       AND r."dimension_set" = '' AND r."bucket_start" = t."bucket_start"`;
}

/**
 * The all-event-types path: each query bucket reads the '*' rollup rows that tile it (`reads`, from the
 * analytics core). Counts add up. Unique users of a bucket that is one '*' row are that row's
 * `unique_users`; of a bucket made of several rows (a quarter's months), and of a whole range with hours,
 * they are the distinct user keys of those rows' lists — `count(*)` over `SELECT DISTINCT`, so PostgreSQL
 * can hash instead of sorting every group; of a whole range of local days, the persons whose active-day
 * bitmap has one of its days. Rows have the shape of the other paths' (bucket 1-based, is_total, a).
 */
export function buildAllTypesRollupStatement(tenant: MetricQueryTenant, query: MetricQuery, reads: AllTypesRollupReads): MetricStatement {
  const parameters = new SqlParameters();
  const tenantId = parameters.bind(tenant.id, 'uuid');
  const allTypes = parameters.bind(ALL_EVENT_TYPES, 'varchar');
  const rowsOf = (tiles: ReadonlyArray<TaggedTile>) => allTypesRowsSql(parameters, tenantId, allTypes, tiles);

  const bucketTiles = reads.buckets.flatMap((tiles, index) => tiles.map((tile) => ({ tile, bucket: index + 1 })));
  if (query.metric.type === 'event_count') {
    const sql = `SELECT t."bucket", GROUPING(t."bucket") AS "is_total", coalesce(sum(r."event_count"), 0)::text AS "a"
  FROM ${rowsOf(bucketTiles)}
 GROUP BY GROUPING SETS ((t."bucket"), ())`;
    return { sql, parameters: parameters.values };
  }
  if (query.metric.type !== 'unique_users') throw new RangeError(`${query.metric.type} is not answered from all-types rollups`);

  const wholeRow = reads.buckets.flatMap((tiles, index) => (tiles.length === 1 ? [{ tile: tiles[0], bucket: index + 1 }] : []));
  const combined = reads.buckets.flatMap((tiles, index) => (tiles.length > 1 ? tiles.map((tile) => ({ tile, bucket: index + 1 })) : []));
  const range = reads.range.map((tile) => ({ tile, bucket: 0 }));
  const parts: string[] = [];
  if (wholeRow.length > 0) {
    // A bucket whose events all lack a user has a row with 0 users; the raw path has no row for it.
    parts.push(`SELECT t."bucket", 0, r."unique_users"::text FROM ${rowsOf(wholeRow)} WHERE r."unique_users" > 0`);
  }
  if (combined.length > 0) {
    parts.push(`SELECT d."bucket", 0, count(*)::text FROM (
    SELECT DISTINCT t."bucket", u."user_key" FROM ${rowsOf(combined)}
      JOIN "event_rollup_users" u ON u."rollup_id" = r."id"
  ) d GROUP BY d."bucket"`);
  }
  // Over whole local days the total comes from the persons' active-day bitmaps: one short row per person
  // instead of every (tile, person) pair. They need no coverage check of their own: the processor writes
  // them in the same transaction as the '*' rollups and migration 1764115200800 backfilled them from the
  // same events, so where the executor's `allTypesRollupsCover` holds, the bitmaps hold every event too.
  const rangeUsers =
    range.length === 1
      ? `SELECT r."unique_users" FROM ${rowsOf(range)}`
      : reads.rangeDays !== undefined
        ? activeDaysTotalSql(parameters, tenantId, reads.rangeDays)
        : `SELECT count(*) FROM (SELECT DISTINCT u."user_key" FROM ${rowsOf(range)} JOIN "event_rollup_users" u ON u."rollup_id" = r."id") d`;
  parts.push(`SELECT NULL::int, 1, coalesce((${rangeUsers}), 0)::text`);
  return { sql: `SELECT * FROM (${parts.join('\n  UNION ALL\n  ')}) AS p("bucket", "is_total", "a")`, parameters: parameters.values };
}

/**
 * Events counted by the '*' rollups that tile a range, and by the per-type rollups (`byTypeGranularity`,
 * whose buckets also tile it) over the same range. The '*' rows are written in the same transaction as
 * the per-type ones, so they differ only where '*' rows were not kept yet (events older than the
 * processor that writes them): then the per-type plan answers.
 */
export function buildAllTypesCoverageStatement(
  tenant: MetricQueryTenant,
  range: { from: Date; to: Date; tiles: readonly RollupTile[] },
  byTypeGranularity: 'hour' | 'day',
): MetricStatement {
  const parameters = new SqlParameters();
  const tenantId = parameters.bind(tenant.id, 'uuid');
  const allTypes = parameters.bind(ALL_EVENT_TYPES, 'varchar');
  const sql = `SELECT
    (SELECT coalesce(sum(r."event_count"), 0)
       FROM ${allTypesRowsSql(parameters, tenantId, allTypes, range.tiles.map((tile) => ({ tile, bucket: 0 })))})::text AS "all_types",
    (SELECT coalesce(sum(r."event_count"), 0)
       FROM "event_rollups" r
      WHERE r."tenant_id" = ${tenantId} AND r."granularity" = ${parameters.bind(byTypeGranularity, 'varchar')} AND r."dimension_set" = ''
        AND r."event_type" <> ${allTypes}
        AND r."bucket_start" >= ${parameters.bind(range.from.toISOString(), 'timestamptz')}
        AND r."bucket_start" < ${parameters.bind(range.to.toISOString(), 'timestamptz')})::text AS "by_type"`;
  return { sql, parameters: parameters.values };
}

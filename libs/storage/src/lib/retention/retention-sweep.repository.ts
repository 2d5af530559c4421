import type { RollupGranularity } from '@pulse/analytics-core';
import type { DataSource } from 'typeorm';
import type { SqlExecutor } from '../repositories/sql-executor';

/** What one sweep removed, recorded in `retention_sweeps`. */
export interface RetentionSweepCounts {
  eventsDeleted: number;
  rollupsDeleted: number;
  tenants: number;
}

export interface RetentionSweepRecord extends RetentionSweepCounts {
  startedAt: Date;
  finishedAt: Date;
}

// One key for the whole cluster: a replica that cannot take it skips its turn.
const SWEEP_LOCK = `hashtextextended('pulse:retention-sweep', 0)`;

/** Whole buckets only: a bucket is removed once its end, not just its start, is older than the cutoff. */
const BUCKET_LENGTH: Record<RollupGranularity, string> = { minute: '1 minute', hour: '1 hour', day: '1 day', week: '7 days', month: '31 days' };

/**
 * The deletes a retention sweep makes, in bounded batches (the events table is not partitioned by time, so
 * expired rows go by index range rather than by dropping a partition), and the cluster-wide exclusivity of
 * the sweep: a session advisory lock plus the last sweep's finish time, so that with any number of replicas
 * one sweep runs per interval.
 */
export class RetentionSweepRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Runs `sweep` on one connection holding the sweep lock, unless another replica holds it or the last
   * sweep finished less than `minIntervalMs` before `now`; records and returns what it removed (null: skipped).
   */
  async runExclusively(now: () => Date, minIntervalMs: number, sweep: (sql: SqlExecutor) => Promise<RetentionSweepCounts>): Promise<RetentionSweepRecord | null> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = await runner.query(`SELECT pg_try_advisory_lock(${SWEEP_LOCK}) AS "locked"`);
      if (!locked) return null;
      try {
        const [{ last }] = await runner.query(`SELECT max("finished_at") AS "last" FROM "retention_sweeps"`);
        const startedAt = now();
        if (last !== null && startedAt.getTime() - new Date(last).getTime() < minIntervalMs) return null;
        const counts = await sweep({ query: (statement: string, parameters?: unknown[]) => runner.query(statement, parameters) });
        const finishedAt = now();
        await runner.query(
          `INSERT INTO "retention_sweeps" ("started_at", "finished_at", "events_deleted", "rollups_deleted", "tenants") VALUES ($1, $2, $3, $4, $5)`,
          [startedAt, finishedAt, counts.eventsDeleted, counts.rollupsDeleted, counts.tenants],
        );
        return { startedAt, finishedAt, ...counts };
      } finally {
        await runner.query(`SELECT pg_advisory_unlock(${SWEEP_LOCK})`);
      }
    } finally {
      await runner.release();
    }
  }

  /** The latest sweeps, newest first. */
  async recent(limit: number): Promise<RetentionSweepRecord[]> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT * FROM "retention_sweeps" ORDER BY "finished_at" DESC LIMIT $1`,
      [limit],
    );
    return rows.map((row) => ({
      startedAt: new Date(row['started_at'] as string),
      finishedAt: new Date(row['finished_at'] as string),
      eventsDeleted: Number(row['events_deleted']),
      rollupsDeleted: Number(row['rollups_deleted']),
      tenants: Number(row['tenants']),
    }));
  }
}

/** One batch of a tenant's raw events older than `cutoff`; the count removed (fewer than `batch`: done). */
export async function deleteExpiredEvents(sql: SqlExecutor, tenantId: string, cutoff: Date, batch: number): Promise<number> {
  return deletedCount(
    sql,
    `DELETE FROM "events" WHERE "ctid" = ANY(ARRAY(
        SELECT "ctid" FROM "events" WHERE "tenant_id" = $1 AND "occurred_at" < $2 LIMIT $3))
     RETURNING 1`,
    [tenantId, cutoff, batch],
  );
}

/**
 * Event-time chunks (the funnels' compact copy of the events) of local days wholly before the cutoff: a day
 * is kept while any of its hours may still be within it, whatever the tenant's zone.
 */
export async function deleteExpiredEventTimeChunks(sql: SqlExecutor, tenantId: string, cutoff: Date): Promise<number> {
  return deletedCount(
    sql,
    `DELETE FROM "event_time_chunks" WHERE "tenant_id" = $1 AND "day" < ($2::timestamptz AT TIME ZONE 'UTC')::date - 1 RETURNING 1`,
    [tenantId, cutoff],
  );
}

/** One batch of a tenant's rollups of `granularity` whose bucket ended before `cutoff`, with their user lists and metrics. */
export async function deleteExpiredRollups(sql: SqlExecutor, tenantId: string, granularity: RollupGranularity, cutoff: Date, batch: number): Promise<number> {
  const [row] = (await sql.query(
    `WITH "doomed" AS (
        SELECT "id" FROM "event_rollups"
         WHERE "tenant_id" = $1 AND "granularity" = $2 AND "bucket_start" + $3::interval <= $4
         LIMIT $5
     ), "users" AS (
        DELETE FROM "event_rollup_users" WHERE "rollup_id" IN (SELECT "id" FROM "doomed")
     ), "metrics" AS (
        DELETE FROM "event_rollup_metrics" WHERE "rollup_id" IN (SELECT "id" FROM "doomed")
     ), "deleted" AS (
        DELETE FROM "event_rollups" WHERE "id" IN (SELECT "id" FROM "doomed") RETURNING 1
     )
     SELECT count(*)::int AS "n" FROM "deleted"`,
    [tenantId, granularity, BUCKET_LENGTH[granularity], cutoff, batch],
  )) as Array<{ n: number }>;
  return Number(row.n);
}

/** How many rows a `DELETE … RETURNING 1` removed (counted in SQL: drivers shape a DELETE's answer differently). */
async function deletedCount(sql: SqlExecutor, deleteStatement: string, parameters: unknown[]): Promise<number> {
  const [row] = (await sql.query(`WITH "deleted" AS (${deleteStatement}) SELECT count(*)::int AS "n" FROM "deleted"`, parameters)) as Array<{ n: number }>;
  return Number(row.n);
}

import type { ClientBase } from 'pg';

// What the processor e2e tests read back from PostgreSQL: how fast events are stored, and whether the
// rollups still equal what the raw rows add up to.

export interface StoredProgress {
  /** Stored count and time when the first row of this run appeared, and when the target was reached. */
  startCount: number;
  startedAt: number;
  endCount: number;
  endedAt: number;
}

export async function waitForStored(
  count: (tenantId: string) => Promise<number>,
  tenantId: string,
  target: number,
  timeoutMs: number,
): Promise<StoredProgress> {
  const deadline = Date.now() + timeoutMs;
  const initial = await count(tenantId);
  let start: { count: number; at: number } | undefined;
  for (;;) {
    const current = await count(tenantId);
    if (start === undefined && current > initial) start = { count: initial, at: Date.now() };
    if (current >= target) {
      return { startCount: start?.count ?? initial, startedAt: start?.at ?? Date.now(), endCount: current, endedAt: Date.now() };
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${target} stored events (have ${current})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export function rate(progress: StoredProgress): string {
  const seconds = Math.max(0.001, (progress.endedAt - progress.startedAt) / 1000);
  return String(Math.round((progress.endCount - progress.startCount) / seconds));
}

/** Rollups without dimensions that differ from the same aggregate computed from the raw rows. */
export async function rollupMismatches(sql: ClientBase, tenantId: string, granularity: 'minute' | 'hour' | 'day'): Promise<unknown[]> {
  // Europe/Berlin is a whole-hour offset: minute and hour buckets start where UTC's do; days are local dates.
  const bucket =
    granularity === 'day' ? `e.local_date::text` : `to_char(date_trunc('${granularity}', e.occurred_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI')`;
  const rollupBucket =
    granularity === 'day' ? `r.bucket_label` : `to_char(r.bucket_start AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI')`;
  // Hours and days also have the all-event-types rows ('*': every event, no numeric summaries); minutes do not.
  const groups = granularity === 'minute' ? `${bucket}, e.type` : `GROUPING SETS ((${bucket}, e.type), (${bucket}))`;
  const { rows } = await sql.query(
    `WITH raw AS (
        SELECT ${bucket} AS bucket, CASE WHEN GROUPING(e.type) = 1 THEN '*' ELSE e.type END AS type,
               count(*)::int AS events, count(DISTINCT e.user_key)::int AS users,
               CASE WHEN GROUPING(e.type) = 0 THEN round(sum((e.properties->>'revenue')::numeric), 6) END AS revenue
          FROM events e WHERE e.tenant_id = $1 GROUP BY ${groups}
      ), rolled AS (
        SELECT ${rollupBucket} AS bucket, r.event_type AS type, r.event_count::int AS events, r.unique_users AS users,
               round((SELECT m.value_sum FROM event_rollup_metrics m WHERE m.rollup_id = r.id AND m.metric = 'revenue'), 6) AS revenue
          FROM event_rollups r WHERE r.tenant_id = $1 AND r.granularity = $2 AND r.dimension_set = ''
      )
      SELECT raw.*, rolled.events AS rolled_events, rolled.users AS rolled_users, rolled.revenue AS rolled_revenue
        FROM raw FULL OUTER JOIN rolled ON raw.bucket = rolled.bucket AND raw.type = rolled.type
       WHERE raw.events IS DISTINCT FROM rolled.events OR raw.users IS DISTINCT FROM rolled.users
          OR raw.revenue IS DISTINCT FROM rolled.revenue
       LIMIT 5`,
    [tenantId, granularity],
  );
  return rows;
}

/** Day rollups by device against the raw rows; `exceptTypes`: types whose category has no device dimension (identify). */
export async function deviceRollupMismatches(sql: ClientBase, tenantId: string, exceptTypes: string[] = []): Promise<unknown[]> {
  const { rows } = await sql.query(
    `WITH raw AS (
        SELECT local_date::text AS bucket, type, device_type, count(*)::int AS events, count(DISTINCT user_key)::int AS users
          FROM events WHERE tenant_id = $1 AND type <> ALL($2::text[]) GROUP BY 1, 2, 3
      ), rolled AS (
        SELECT bucket_label AS bucket, event_type AS type, dimensions->>'device_type' AS device_type, event_count::int AS events, unique_users AS users
          FROM event_rollups WHERE tenant_id = $1 AND granularity = 'day' AND dimension_set = 'device_type'
      )
      SELECT * FROM raw FULL OUTER JOIN rolled USING (bucket, type, device_type)
       WHERE raw.events IS DISTINCT FROM rolled.events OR raw.users IS DISTINCT FROM rolled.users LIMIT 5`,
    [tenantId, exceptTypes],
  );
  return rows;
}


export interface StoredVersusAccepted {
  /** Rows beyond one per event id. */
  duplicates: number;
  /** Accepted (202) ids not stored: lost events. */
  missing: string[];
  /** Stored ids the test never had accepted nor may have been stored (`allowed`). */
  unexpected: string[];
}

/** Compares a tenant's stored event ids with those ingestion accepted; `allowed` may be stored too (a 503 whose write reached the broker). */
export async function storedVersusAccepted(
  sql: ClientBase,
  tenantId: string,
  accepted: readonly string[],
  allowed: readonly string[] = accepted,
): Promise<StoredVersusAccepted> {
  const { rows } = await sql.query('SELECT event_id FROM events WHERE tenant_id = $1', [tenantId]);
  const stored = (rows as Array<{ event_id: string }>).map((row) => row.event_id);
  const storedSet = new Set(stored);
  const allowedSet = new Set([...accepted, ...allowed]);
  return {
    duplicates: stored.length - storedSet.size,
    missing: accepted.filter((id) => !storedSet.has(id)).slice(0, 5),
    unexpected: stored.filter((id) => !allowedSet.has(id)).slice(0, 5),
  };
}

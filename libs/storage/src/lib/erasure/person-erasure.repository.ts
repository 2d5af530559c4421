import { removeFromSummary } from '@pulse/analytics-core';
import { EVENT_TIME_RECORD_BYTES, planEventTimes } from '../rollups/event-times-planning';
import { planRollups, type RollupSource } from '../rollups/rollup-planning';
import { advanceConversations, conversationEventInputOf, type ConversationEventInput } from '../conversations/conversation-state-machine';
import { ConversationMetricsRepository, type ConversationDailyDelta } from '../repositories/conversation-metrics.repository';
import { IdentityLinkRepository } from '../repositories/identity-link.repository';
import { rollupRowId, type RollupDeltaInput } from '../repositories/event-rollup.repository';
import type { SqlExecutor } from '../repositories/sql-executor';
import { eraseQuarantinedEvents } from './quarantine-erasure';
import { requeuePersonLevelReportRuns } from './report-runs-erasure';

const ANONYMOUS_KEY_PREFIX = 'anon:';
/** A local day is at most 25 hours long (DST); per-type rollups are at most a day wide. */
const WIDEST_NUMERIC_BUCKET_MS = 26 * 3_600_000;

/** What one erase removed or changed; all zero when the person had nothing stored (an erase repeated). */
export interface PersonErasure {
  /** The requested id and every id linked to it (identity links in either direction), sorted. */
  ids: string[];
  events: number;
  identityLinks: number;
  sessions: number;
  firstSeen: number;
  activeDays: number;
  eventTimeRecords: number;
  personIds: number;
  rollupsUpdated: number;
  rollupsDeleted: number;
  rollupUsers: number;
  /** Conversations the removed events took part in, recomputed from their remaining events (or deleted). */
  conversations: number;
  conversationCustomers: number;
  /** Rejected copies of the person's events (or events naming one of their ids) deleted from the quarantine. */
  quarantinedEvents: number;
  /** Report runs listing persons over the erased events' days, queued again to be regenerated without the person. */
  reportRuns: string[];
  suppressedIds: number;
}

export interface ErasedTenant {
  id: string;
  timeZone: string;
  currency: string;
}

interface RemovedEventRow {
  event_id: string;
  type: string;
  category: string;
  occurred_at: Date;
  local_date: string | null;
  user_key: string | null;
  device_type: string | null;
  properties: Record<string, unknown>;
}

const EVENT_COLUMNS = `"event_id", "type", "category", "occurred_at", "local_date"::text AS "local_date", "user_key", "device_type", "properties"`;

type DailyCounter = Exclude<keyof ConversationDailyDelta, 'tenantId' | 'day' | 'customers'>;
const DAILY_COUNTERS: ReadonlyArray<[DailyCounter, string]> = [
  ['totalConversations', 'total_conversations'],
  ['resolvedConversations', 'resolved_conversations'],
  ['escalatedConversations', 'escalated_conversations'],
  ['abandonedConversations', 'abandoned_conversations'],
  ['responseTimeSumMs', 'response_time_sum_ms'],
  ['responseTimeCount', 'response_time_count'],
  ['totalMessages', 'total_messages'],
];

/**
 * Erases one person of a tenant (GDPR) inside the caller's transaction: their raw events, identity links,
 * session state, first-seen rows, active days, event-time records and person id, their keys in the rollups'
 * user lists, quarantined events naming them, and every rollup the removed events fed corrected as if they had never
 * been stored; report runs listing persons over their days are queued again for the reporting service to regenerate. Takes the
 * per-(tenant, id) advisory locks the stream processor takes before writing a person's rows, so a batch of
 * the same person runs wholly before or after the erase.
 *
 * Rollups: `planRollups` (the processor's own planning) over the removed events says which rows they fed
 * and by how much; counts, sums and histograms are subtracted, a row left with no event is deleted, the
 * person's keys leave the user lists and `unique_users` is recounted from them; a min or max that may have
 * been a removed value is recomputed from the bucket's remaining events.
 */
export class PersonErasureRepository {
  constructor(private readonly sql: SqlExecutor) {}

  async erase(tenant: ErasedTenant, userId: string, options: { suppress: boolean }): Promise<PersonErasure> {
    const ids = await this.lockPerson(tenant.id, userId);
    const keys = [...ids, ...ids.map((id) => `${ANONYMOUS_KEY_PREFIX}${id}`)];
    const removed = await this.removedEvents(tenant.id, ids, keys);
    const sources: RollupSource[] = removed.map((row) => ({
      tenantId: tenant.id,
      type: row.type,
      category: row.category,
      occurredAt: row.occurred_at,
      userKey: row.user_key,
      deviceType: row.device_type,
      properties: row.properties,
    }));

    const eventTimeRecords = await this.removeEventTimes(tenant.id, keys, sources);
    const rollups = await this.correctRollups(tenant, keys, planRollups(tenant, sources));
    const result: PersonErasure = {
      ids,
      events: 0,
      identityLinks: await this.deleteCount(
        `DELETE FROM "identity_links" WHERE "tenant_id" = $1 AND ("from_id" = ANY($2::varchar[]) OR "to_id" = ANY($2::varchar[]))`,
        [tenant.id, ids],
      ),
      sessions: await this.deleteCount(`DELETE FROM "user_sessions" WHERE "tenant_id" = $1 AND "user_key" = ANY($2::varchar[])`, [tenant.id, keys]),
      firstSeen: await this.deleteCount(`DELETE FROM "person_first_seen" WHERE "tenant_id" = $1 AND "user_key" = ANY($2::varchar[])`, [
        tenant.id,
        keys,
      ]),
      activeDays: await this.deleteCount(`DELETE FROM "person_active_days" WHERE "tenant_id" = $1 AND "user_key" = ANY($2::varchar[])`, [
        tenant.id,
        keys,
      ]),
      eventTimeRecords,
      personIds: await this.deleteCount(`DELETE FROM "person_ids" WHERE "tenant_id" = $1 AND "user_key" = ANY($2::text[])`, [tenant.id, keys]),
      ...rollups,
      ...(await this.correctConversations(tenant.id, keys, removed)),
      quarantinedEvents: await eraseQuarantinedEvents(this.sql, tenant.id, ids),
      reportRuns: await requeuePersonLevelReportRuns(this.sql, tenant.id, daysOf(removed)),
      suppressedIds: 0,
    };
    result.events = await this.deleteCount(`DELETE FROM "events" WHERE "tenant_id" = $1 AND "event_id" = ANY($2::varchar[])`, [
      tenant.id,
      removed.map((row) => row.event_id),
    ]);
    // After the events are gone: the extremes are recomputed from what remains.
    await this.recomputeExtremes(tenant, rollups.staleExtremes);
    delete (result as Partial<typeof rollups>).staleExtremes;
    if (options.suppress) {
      const rows: unknown[] = await this.sql.query(
        `INSERT INTO "suppressed_users" ("tenant_id", "id") SELECT $1, unnest($2::varchar[])
          ON CONFLICT ("tenant_id", "id") DO NOTHING RETURNING "id"`,
        [tenant.id, ids],
      );
      result.suppressedIds = rows.length;
    }
    return result;
  }

  /**
   * The person's ids (the requested one and every id identity links join to it, in either direction), with the
   * processor's lock on each held until the transaction ends. Links found only once locked are locked too.
   */
  private async lockPerson(tenantId: string, userId: string): Promise<string[]> {
    const links = new IdentityLinkRepository(this.sql);
    const locked = new Set<string>();
    let ids = await this.linkedIds(tenantId, userId);
    while (ids.some((id) => !locked.has(id))) {
      const fresh = ids.filter((id) => !locked.has(id));
      await links.lockIds(fresh.map((id) => ({ tenantId, id })));
      fresh.forEach((id) => locked.add(id));
      ids = await this.linkedIds(tenantId, userId);
    }
    return ids;
  }

  private async linkedIds(tenantId: string, userId: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.sql.query(
      `WITH RECURSIVE "person" ("id") AS (
          SELECT $2::varchar
          UNION
          SELECT CASE WHEN l."from_id" = p."id" THEN l."to_id" ELSE l."from_id" END
            FROM "identity_links" l JOIN "person" p ON l."tenant_id" = $1 AND (l."from_id" = p."id" OR l."to_id" = p."id")
        )
        SELECT "id" FROM "person" ORDER BY "id"`,
      [tenantId, userId],
    );
    return rows.map((row) => row.id);
  }

  private removedEvents(tenantId: string, ids: readonly string[], keys: readonly string[]): Promise<RemovedEventRow[]> {
    // `user_key` is what the processor resolved; rows other writers stored without one are found by their ids.
    return this.sql.query(
      `SELECT ${EVENT_COLUMNS} FROM "events"
        WHERE "tenant_id" = $1
          AND ("user_key" = ANY($2::varchar[])
               OR ("user_key" IS NULL AND ("user_id" = ANY($3::varchar[]) OR "anonymous_id" = ANY($3::varchar[]))))
        ORDER BY "event_id"`,
      [tenantId, [...keys], [...ids]],
    );
  }

  /** Rewrites each (type, UTC day) chunk that holds a removed event without the person's records; an emptied chunk goes. */
  private async removeEventTimes(tenantId: string, keys: readonly string[], sources: readonly RollupSource[]): Promise<number> {
    const personRows: Array<{ person_id: number }> = await this.sql.query(
      `SELECT "person_id" FROM "person_ids" WHERE "tenant_id" = $1 AND "user_key" = ANY($2::text[])`,
      [tenantId, [...keys]],
    );
    const personIds = new Set(personRows.map((row) => Number(row.person_id)));
    const groups = planEventTimes(sources);
    if (personIds.size === 0 || groups.length === 0) return 0;
    const chunks: Array<{ event_type: string; day: string; chunk: number; data: Buffer }> = await this.sql.query(
      `SELECT c."event_type", to_char(c."day", 'YYYY-MM-DD') AS "day", c."chunk", c."data" FROM "event_time_chunks" c
        WHERE c."tenant_id" = $1 AND (c."event_type", c."day") IN (SELECT * FROM unnest($2::varchar[], $3::date[]))
        ORDER BY c."event_type", c."day", c."chunk"
        FOR UPDATE`,
      [tenantId, groups.map((group) => group.eventType), groups.map((group) => group.day)],
    );
    let removed = 0;
    for (const chunk of chunks) {
      const kept: Buffer[] = [];
      for (let offset = 0; offset < chunk.data.length; offset += EVENT_TIME_RECORD_BYTES) {
        if (personIds.has(chunk.data.readInt32BE(offset))) removed += 1;
        else kept.push(chunk.data.subarray(offset, offset + EVENT_TIME_RECORD_BYTES));
      }
      if (kept.length * EVENT_TIME_RECORD_BYTES === chunk.data.length) continue;
      const where = `"tenant_id" = $1 AND "event_type" = $2 AND "day" = $3 AND "chunk" = $4`;
      if (kept.length === 0)
        await this.sql.query(`DELETE FROM "event_time_chunks" WHERE ${where}`, [tenantId, chunk.event_type, chunk.day, chunk.chunk]);
      else
        await this.sql.query(`UPDATE "event_time_chunks" SET "data" = $5 WHERE ${where}`, [
          tenantId,
          chunk.event_type,
          chunk.day,
          chunk.chunk,
          Buffer.concat(kept),
        ]);
    }
    return removed;
  }

  private async correctRollups(
    tenant: ErasedTenant,
    keys: readonly string[],
    deltas: readonly RollupDeltaInput[],
  ): Promise<{ rollupsUpdated: number; rollupsDeleted: number; rollupUsers: number; staleExtremes: StaleExtremes[] }> {
    if (deltas.length === 0) return { rollupsUpdated: 0, rollupsDeleted: 0, rollupUsers: 0, staleExtremes: [] };
    const rows = deltas
      .map((delta) => ({ delta, id: rollupRowId(delta.tenantId, delta.granularity, delta.bucketStart, delta.eventType, delta.dimensions) }))
      .sort((a, b) => compare(a.id, b.id));
    const ids = rows.map((row) => row.id);
    // Locked in primary-key order, as the processor's upsert writes them.
    const stored: Array<{ id: string; event_count: string }> = await this.sql.query(
      `SELECT "id", "event_count" FROM "event_rollups" WHERE "id" = ANY($1::uuid[]) ORDER BY "id" FOR UPDATE`,
      [ids],
    );
    const storedCounts = new Map(stored.map((row) => [row.id, Number(row.event_count)]));
    const emptied = rows.filter(({ id, delta }) => (storedCounts.get(id) ?? 0) - delta.count <= 0).map(({ id }) => id);
    const remaining = rows.filter(({ id, delta }) => storedCounts.has(id) && storedCounts.get(id)! - delta.count > 0);

    const rollupUsers = await this.deleteCount(
      `DELETE FROM "event_rollup_users" WHERE "rollup_id" = ANY($1::uuid[]) AND "user_key" = ANY($2::varchar[])`,
      [ids, [...keys]],
    );
    if (emptied.length > 0) {
      await this.sql.query(`DELETE FROM "event_rollup_users" WHERE "rollup_id" = ANY($1::uuid[])`, [emptied]);
      await this.sql.query(`DELETE FROM "event_rollup_metrics" WHERE "rollup_id" = ANY($1::uuid[])`, [emptied]);
      await this.sql.query(`DELETE FROM "event_rollups" WHERE "id" = ANY($1::uuid[])`, [emptied]);
    }
    if (remaining.length > 0) {
      await this.sql.query(
        `UPDATE "event_rollups" r
            SET "event_count" = r."event_count" - i."removed",
                "unique_users" = (SELECT count(*)::int FROM "event_rollup_users" u WHERE u."rollup_id" = r."id"),
                "updated_at" = now()
           FROM unnest($1::uuid[], $2::bigint[]) AS i("id", "removed")
          WHERE r."id" = i."id"`,
        [remaining.map(({ id }) => id), remaining.map(({ delta }) => delta.count)],
      );
    }
    const staleExtremes = await this.correctMetrics(tenant, remaining);
    return { rollupsUpdated: remaining.length, rollupsDeleted: emptied.length, rollupUsers, staleExtremes };
  }

  /** Subtracts the removed events' numeric summaries; returns the (rollup, metric) pairs whose min/max must be recomputed. */
  private async correctMetrics(tenant: ErasedTenant, rows: ReadonlyArray<{ id: string; delta: RollupDeltaInput }>): Promise<StaleExtremes[]> {
    const wanted = rows.flatMap(({ id, delta }) => Object.keys(delta.metrics).map((metric) => ({ id, delta, metric })));
    if (wanted.length === 0) return [];
    const stored: Array<{
      rollup_id: string;
      metric: string;
      value_count: string;
      value_sum: string;
      value_min: number;
      value_max: number;
      histogram: Record<string, number>;
    }> = await this.sql.query(
      `SELECT "rollup_id", "metric", "value_count", "value_sum", "value_min", "value_max", "histogram" FROM "event_rollup_metrics"
          WHERE ("rollup_id", "metric") IN (SELECT * FROM unnest($1::uuid[], $2::varchar[]))
          ORDER BY "rollup_id", "metric" FOR UPDATE`,
      [wanted.map(({ id }) => id), wanted.map(({ metric }) => metric)],
    );
    const byKey = new Map(stored.map((row) => [`${row.rollup_id}/${row.metric}`, row]));
    const stale: StaleExtremes[] = [];
    for (const { id, delta, metric } of wanted) {
      const row = byKey.get(`${id}/${metric}`);
      if (row === undefined) continue;
      const after = removeFromSummary(
        { count: Number(row.value_count), sum: Number(row.value_sum), min: row.value_min, max: row.value_max, histogram: row.histogram },
        delta.metrics[metric],
      );
      if (after.kind === 'empty') {
        await this.sql.query(`DELETE FROM "event_rollup_metrics" WHERE "rollup_id" = $1 AND "metric" = $2`, [id, metric]);
        continue;
      }
      await this.sql.query(
        `UPDATE "event_rollup_metrics" SET "value_count" = $3, "value_sum" = "value_sum" - $4::numeric, "histogram" = $5::jsonb
          WHERE "rollup_id" = $1 AND "metric" = $2`,
        [id, metric, after.count, String(after.removedSum), JSON.stringify(after.histogram)],
      );
      if (after.extremesStale) stale.push({ id, metric, eventType: delta.eventType, bucketStart: delta.bucketStart });
    }
    return stale;
  }

  /**
   * Min and max of the given (rollup, metric) pairs from the remaining events: `planRollups` over the events of
   * the type around each bucket, keeping only the rows asked for.
   */
  private async recomputeExtremes(tenant: ErasedTenant, stale: readonly StaleExtremes[]): Promise<void> {
    const windows = new Map<string, Array<{ from: number; to: number }>>();
    for (const entry of [...stale].sort((a, b) => a.bucketStart.getTime() - b.bucketStart.getTime())) {
      const list = windows.get(entry.eventType) ?? [];
      const from = entry.bucketStart.getTime();
      const last = list[list.length - 1];
      if (last !== undefined && from <= last.to) last.to = Math.max(last.to, from + WIDEST_NUMERIC_BUCKET_MS);
      else list.push({ from, to: from + WIDEST_NUMERIC_BUCKET_MS });
      windows.set(entry.eventType, list);
    }
    const wanted = new Map(stale.map((entry) => [`${entry.id}/${entry.metric}`, entry]));
    for (const [eventType, list] of windows) {
      for (const window of list) {
        const events: RemovedEventRow[] = await this.sql.query(
          `SELECT ${EVENT_COLUMNS} FROM "events"
            WHERE "tenant_id" = $1 AND "type" = $2 AND "occurred_at" >= $3 AND "occurred_at" < $4`,
          [tenant.id, eventType, new Date(window.from).toISOString(), new Date(window.to).toISOString()],
        );
        const deltas = planRollups(
          tenant,
          events.map((row) => ({
            tenantId: tenant.id,
            type: row.type,
            category: row.category,
            occurredAt: row.occurred_at,
            userKey: row.user_key,
            deviceType: row.device_type,
            properties: row.properties,
          })),
        );
        for (const delta of deltas) {
          const id = rollupRowId(delta.tenantId, delta.granularity, delta.bucketStart, delta.eventType, delta.dimensions);
          for (const [metric, summary] of Object.entries(delta.metrics)) {
            if (!wanted.has(`${id}/${metric}`)) continue;
            await this.sql.query(`UPDATE "event_rollup_metrics" SET "value_min" = $3, "value_max" = $4 WHERE "rollup_id" = $1 AND "metric" = $2`, [
              id,
              metric,
              summary.min,
              summary.max,
            ]);
          }
        }
      }
    }
  }

  /**
   * The conversations the removed events were part of: their daily counters lose what the removed events
   * contributed (the state machine run over all their events, then over the remaining ones: it does not depend
   * on order, so the difference is exact), their states become the remaining events' (or go), and the person
   * leaves the daily customer lists, whose counts are taken again.
   */
  private async correctConversations(
    tenantId: string,
    keys: readonly string[],
    removed: readonly RemovedEventRow[],
  ): Promise<{ conversations: number; conversationCustomers: number }> {
    const inputOf = (row: RemovedEventRow) =>
      conversationEventInputOf({
        tenantId,
        eventId: row.event_id,
        type: row.type,
        category: row.category,
        occurredAt: row.occurred_at,
        localDate: row.local_date ?? '',
        userKey: row.user_key,
        properties: row.properties,
      });
    const removedInputs = removed.flatMap((row) => inputOf(row) ?? []);
    const conversationIds = [...new Set(removedInputs.map((input) => input.conversationId))].sort();
    let conversations = 0;
    if (conversationIds.length > 0) {
      const repository = new ConversationMetricsRepository(this.sql);
      const states = await repository.lockAndLoad(conversationIds.map((conversationId) => ({ tenantId, conversationId })));
      // Every event of a conversation lies between its start and its last event: an index range scan.
      const from = Math.min(...states.map((state) => state.startedAt.getTime()), ...removedInputs.map((input) => input.occurredAt.getTime()));
      const to = Math.max(...states.map((state) => state.lastEventAt.getTime()), ...removedInputs.map((input) => input.occurredAt.getTime()));
      const rows: RemovedEventRow[] = await this.sql.query(
        `SELECT ${EVENT_COLUMNS} FROM "events"
          WHERE "tenant_id" = $1 AND "occurred_at" >= $2 AND "occurred_at" <= $3 AND "category" = 'conversation'
            AND "properties"->>'conversation_id' = ANY($4::text[])`,
        [tenantId, new Date(from).toISOString(), new Date(to).toISOString(), conversationIds],
      );
      const removedIds = new Set(removed.map((row) => row.event_id));
      const all: ConversationEventInput[] = rows.flatMap((row) => inputOf(row) ?? []);
      const before = advanceConversations([], all);
      const after = advanceConversations(
        [],
        all.filter((input) => !removedIds.has(input.eventId)),
      );
      await this.subtractDailyCounters(tenantId, before.deltas, after.deltas);
      const remaining = new Set(after.states.map((state) => state.conversationId));
      const gone = conversationIds.filter((id) => !remaining.has(id));
      if (gone.length > 0) {
        await this.sql.query(`DELETE FROM "conversation_states" WHERE "tenant_id" = $1 AND "conversation_id" = ANY($2::varchar[])`, [tenantId, gone]);
      }
      await repository.saveStates(after.states);
      conversations = conversationIds.length;
    }
    const customerRows: Array<{ day: string }> = await this.sql.query(
      `WITH "deleted" AS (
          DELETE FROM "conversation_daily_customers" WHERE "tenant_id" = $1 AND "user_key" = ANY($2::varchar[]) RETURNING "day"
        ) SELECT "day"::text AS "day" FROM "deleted"`,
      [tenantId, [...keys]],
    );
    const days = [...new Set([...customerRows.map((row) => row.day), ...removedInputs.map((input) => input.localDate)])];
    if (days.length > 0) {
      await this.sql.query(
        `UPDATE "conversation_daily_metrics" m
            SET "unique_customers" = (SELECT count(*)::int FROM "conversation_daily_customers" c WHERE c."tenant_id" = m."tenant_id" AND c."day" = m."day"),
                "updated_at" = now()
          WHERE m."tenant_id" = $1 AND m."day" = ANY($2::date[])`,
        [tenantId, days],
      );
      // A day left with nothing counted is a day a store without the person would not have.
      await this.sql.query(
        `DELETE FROM "conversation_daily_metrics" WHERE "tenant_id" = $1 AND "day" = ANY($2::date[])
            AND ${DAILY_COUNTERS.map(([, column]) => `"${column}" = 0`).join(' AND ')} AND "unique_customers" = 0`,
        [tenantId, days],
      );
    }
    // A conversation whose remaining events are another person's keeps no trace of this one.
    await this.sql.query(`UPDATE "conversation_states" SET "user_key" = NULL WHERE "tenant_id" = $1 AND "user_key" = ANY($2::varchar[])`, [
      tenantId,
      [...keys],
    ]);
    return { conversations, conversationCustomers: customerRows.length };
  }

  /** Adds (after − before) per day and counter to the stored daily metrics. */
  private async subtractDailyCounters(
    tenantId: string,
    before: readonly ConversationDailyDelta[],
    after: readonly ConversationDailyDelta[],
  ): Promise<void> {
    const changes = new Map<string, Record<DailyCounter, number>>();
    const add = (deltas: readonly ConversationDailyDelta[], sign: number) => {
      for (const delta of deltas) {
        const change = changes.get(delta.day) ?? (Object.fromEntries(DAILY_COUNTERS.map(([name]) => [name, 0])) as Record<DailyCounter, number>);
        for (const [name] of DAILY_COUNTERS) change[name] += sign * delta[name];
        changes.set(delta.day, change);
      }
    };
    add(after, 1);
    add(before, -1);
    const days = [...changes.keys()].sort();
    if (days.length === 0) return;
    await this.sql.query(
      `UPDATE "conversation_daily_metrics" m
          SET ${DAILY_COUNTERS.map(([, column]) => `"${column}" = m."${column}" + c."${column}"`).join(', ')}, "updated_at" = now()
         FROM unnest($2::date[], ${DAILY_COUNTERS.map((_, index) => `$${index + 3}::bigint[]`).join(', ')})
           AS c("day", ${DAILY_COUNTERS.map(([, column]) => `"${column}"`).join(', ')})
        WHERE m."tenant_id" = $1 AND m."day" = c."day"`,
      [tenantId, days, ...DAILY_COUNTERS.map(([name]) => days.map((day) => changes.get(day)![name]))],
    );
  }

  /** How many rows a DELETE removed (through a CTE: TypeORM answers a bare DELETE with [rows, count]). */
  private async deleteCount(statement: string, parameters: unknown[]): Promise<number> {
    const rows: Array<{ deleted: number }> = await this.sql.query(
      `WITH "deleted" AS (${statement} RETURNING 1) SELECT count(*)::int AS "deleted" FROM "deleted"`,
      parameters,
    );
    return Number(rows[0]?.deleted ?? 0);
  }
}

interface StaleExtremes {
  id: string;
  metric: string;
  eventType: string;
  bucketStart: Date;
}

/** The first and last local day of the removed events (null when none was removed). */
function daysOf(removed: readonly RemovedEventRow[]): { fromDate: string; toDate: string } | null {
  const days = removed.map((row) => row.local_date ?? row.occurred_at.toISOString().slice(0, 10)).sort();
  return days.length === 0 ? null : { fromDate: days[0], toDate: days[days.length - 1] };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

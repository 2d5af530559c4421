import type { MinuteAggregate } from '@pulse/contracts';
import type { SqlExecutor } from '../repositories/sql-executor';

/** A tenant's figures for one minute: the aggregate the stream processor publishes, before it stamps it. */
export type MinuteFigures = Omit<MinuteAggregate, 'schemaVersion' | 'closedAt'>;

const MINUTE_MS = 60_000;

/** A money property counts in the tenant's currency or without one, as the rollups and raw metric SQL count it. */
const ORDER_REVENUE = `CASE WHEN "e"."type" = 'purchase'
    AND NOT (jsonb_typeof("e"."properties" -> 'currency') = 'string' AND "e"."properties" ->> 'currency' <> "a"."currency")
  THEN CASE WHEN jsonb_typeof("e"."properties" -> 'revenue') = 'number' THEN ("e"."properties" ->> 'revenue')::numeric
            WHEN jsonb_typeof("e"."properties" -> 'total') = 'number' THEN ("e"."properties" ->> 'total')::numeric END END`;
const IS_MODEL_CALL = `"e"."type" = 'model_usage'`;

/**
 * The figures of one minute for every tenant with an event in the `activeWithinMs` before the minute
 * ends (a tenant that went quiet still gets its zero minutes: a drop to nothing is what an alert is
 * for). One statement: each tenant is an index range scan of `(tenant_id, occurred_at)`, once for the
 * EXISTS and once for the minute; grouping sets give the per-type rows and the tenant's totals.
 */
export class MinuteFiguresQueries {
  constructor(private readonly sql: SqlExecutor) {}

  async forMinute(minuteStart: Date, activeWithinMs: number): Promise<MinuteFigures[]> {
    if (minuteStart.getTime() % MINUTE_MS !== 0) throw new RangeError(`${minuteStart.toISOString()} is not a whole minute`);
    const minuteEnd = new Date(minuteStart.getTime() + MINUTE_MS);
    const rows: Array<Record<string, unknown>> = await this.sql.query(
      `WITH "a" AS (
         SELECT "t"."id", "t"."currency" FROM "tenants" AS "t"
          WHERE EXISTS (SELECT 1 FROM "events" AS "recent" WHERE "recent"."tenant_id" = "t"."id"
                           AND "recent"."occurred_at" >= $3 AND "recent"."occurred_at" < $2)
       )
       SELECT "a"."id" AS "tenant_id", "a"."currency", "e"."type", GROUPING("e"."type") AS "is_total",
              count("e"."event_id") AS "events",
              count(DISTINCT "e"."user_key") AS "active_users",
              count(*) FILTER (WHERE "e"."type" = 'purchase') AS "orders",
              coalesce(sum(${ORDER_REVENUE}), 0) AS "revenue",
              count(*) FILTER (WHERE "e"."type" = 'conversation_started') AS "conversations",
              count(*) FILTER (WHERE ${IS_MODEL_CALL}) AS "model_calls",
              count(*) FILTER (WHERE ${IS_MODEL_CALL} AND "e"."properties" -> 'success' = 'false'::jsonb) AS "errors",
              percentile_cont(0.95) WITHIN GROUP (ORDER BY ("e"."properties" ->> 'latency_ms')::double precision)
                FILTER (WHERE ${IS_MODEL_CALL} AND jsonb_typeof("e"."properties" -> 'latency_ms') = 'number') AS "latency_p95"
         FROM "a" LEFT JOIN "events" AS "e" ON "e"."tenant_id" = "a"."id" AND "e"."occurred_at" >= $1 AND "e"."occurred_at" < $2
        GROUP BY GROUPING SETS (("a"."id", "a"."currency", "e"."type"), ("a"."id", "a"."currency"))
        ORDER BY 1, 4 DESC, 3`,
      [minuteStart, minuteEnd, new Date(minuteEnd.getTime() - activeWithinMs)],
    );
    const byTenant = new Map<string, MinuteFigures>();
    for (const row of rows) {
      const tenantId = String(row['tenant_id']);
      if (Number(row['is_total']) === 1) {
        const modelCalls = Number(row['model_calls']);
        const errors = Number(row['errors']);
        byTenant.set(tenantId, {
          tenantId,
          minuteStart: minuteStart.toISOString(),
          events: Number(row['events']),
          eventsByType: {},
          activeUsers: Number(row['active_users']),
          orders: Number(row['orders']),
          revenue: Number(row['revenue']),
          currency: String(row['currency']),
          conversations: Number(row['conversations']),
          modelCalls,
          errors,
          errorRate: modelCalls === 0 ? null : errors / modelCalls,
          latencyP95Ms: row['latency_p95'] === null ? null : Number(row['latency_p95']),
        });
      } else if (row['type'] !== null) {
        const figures = byTenant.get(tenantId);
        if (figures) figures.eventsByType[String(row['type'])] = Number(row['events']);
      }
    }
    return [...byTenant.values()];
  }
}

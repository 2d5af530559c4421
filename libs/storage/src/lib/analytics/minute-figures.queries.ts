import { HTTP_REQUEST_METRIC } from '@pulse/analytics-core';
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
/** Pulse's request convention (analytics-core `HTTP_REQUEST_METRIC`, as the system endpoints read it); the name is bound. */
const IS_REQUEST = `"e"."type" = 'system_metric' AND "e"."properties" ->> 'metric_name' = $4`;
/** Status classes by pattern: tags are text, and "5xx" or "" must not fail a cast. */
const IS_SERVER_ERROR = `"e"."properties" -> 'tags' ->> 'status' ~ '^5[0-9][0-9]$'`;

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
              count(*) FILTER (WHERE ${IS_REQUEST}) AS "requests",
              count(*) FILTER (WHERE ${IS_REQUEST} AND ${IS_SERVER_ERROR}) AS "errors",
              percentile_cont(0.95) WITHIN GROUP (ORDER BY ("e"."properties" ->> 'metric_value')::double precision)
                FILTER (WHERE ${IS_REQUEST} AND jsonb_typeof("e"."properties" -> 'metric_value') = 'number') AS "latency_p95"
         FROM "a" LEFT JOIN "events" AS "e" ON "e"."tenant_id" = "a"."id" AND "e"."occurred_at" >= $1 AND "e"."occurred_at" < $2
        GROUP BY GROUPING SETS (("a"."id", "a"."currency", "e"."type"), ("a"."id", "a"."currency"))
        ORDER BY 1, 4 DESC, 3`,
      [minuteStart, minuteEnd, new Date(minuteEnd.getTime() - activeWithinMs), HTTP_REQUEST_METRIC],
    );
    const byTenant = new Map<string, MinuteFigures>();
    for (const row of rows) {
      const tenantId = String(row['tenant_id']);
      if (Number(row['is_total']) === 1) {
        const requests = Number(row['requests']);
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
          requests,
          errors,
          errorRate: requests === 0 ? null : errors / requests,
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

import type { HourOfDayCost, ModelUsageCounts } from '@pulse/analytics-core';
import type { SqlExecutor } from '../../repositories/sql-executor';
import { toNullableNumber, toNumber, type AnalyticsWindow } from './analytics-window';

export type ModelUsageCounters = ModelUsageCounts;

export interface ModelUsageGroupCounters extends ModelUsageCounters {
  provider: string;
  model: string;
  operation: string;
}

export type HourCostCounters = HourOfDayCost;

/** Aggregates of `model_usage` events; latency percentiles are PostgreSQL's percentile_cont (as analytics-core's `percentile`). */
const USAGE_COLUMNS = `
  count(*) AS "calls",
  count(*) FILTER (WHERE "properties"->>'success' = 'false') AS "failures",
  coalesce(sum(("properties"->>'tokens_used')::numeric), 0) AS "tokens",
  coalesce(sum(("properties"->>'input_tokens')::numeric), 0) AS "input_tokens",
  coalesce(sum(("properties"->>'output_tokens')::numeric), 0) AS "output_tokens",
  coalesce(sum(("properties"->>'cost_cents')::numeric), 0) AS "cost_cents",
  percentile_cont(0.5) WITHIN GROUP (ORDER BY ("properties"->>'latency_ms')::double precision) AS "p50",
  percentile_cont(0.95) WITHIN GROUP (ORDER BY ("properties"->>'latency_ms')::double precision) AS "p95",
  percentile_cont(0.99) WITHIN GROUP (ORDER BY ("properties"->>'latency_ms')::double precision) AS "p99"`;

const IN_WINDOW = `"tenant_id" = $1 AND "type" = 'model_usage' AND "occurred_at" >= $2 AND "occurred_at" < $3`;

/** Model usage and cost (analytics-engine spec): one tenant, every value bound. */
export class ModelUsageQueries {
  constructor(private readonly sql: SqlExecutor) {}

  async total(window: AnalyticsWindow): Promise<ModelUsageCounters> {
    const [row] = await this.sql.query(`SELECT ${USAGE_COLUMNS} FROM "events" WHERE ${IN_WINDOW}`, [window.tenantId, window.start, window.end]);
    return countersOf(row);
  }

  /** Per provider, model and operation, most expensive first. */
  async byModel(window: AnalyticsWindow): Promise<ModelUsageGroupCounters[]> {
    const rows: Array<Record<string, unknown>> = await this.sql.query(
      `SELECT "properties"->>'model_provider' AS "provider", "properties"->>'model_name' AS "model",
              "properties"->>'operation' AS "operation", ${USAGE_COLUMNS}
         FROM "events" WHERE ${IN_WINDOW}
        GROUP BY 1, 2, 3
        ORDER BY "cost_cents" DESC, 1, 2, 3`,
      [window.tenantId, window.start, window.end],
    );
    return rows.map((row) => ({ provider: String(row['provider']), model: String(row['model']), operation: String(row['operation']), ...countersOf(row) }));
  }

  /** Cost per hour of the tenant's local day (0–23), hours with calls only. */
  async costByHourOfDay(window: AnalyticsWindow): Promise<HourCostCounters[]> {
    const rows: Array<Record<string, unknown>> = await this.sql.query(
      `SELECT extract(hour FROM "occurred_at" AT TIME ZONE $4)::int AS "hour", count(*) AS "calls",
              coalesce(sum(("properties"->>'cost_cents')::numeric), 0) AS "cost_cents"
         FROM "events" WHERE ${IN_WINDOW}
        GROUP BY 1
        ORDER BY 1`,
      [window.tenantId, window.start, window.end, window.timeZone],
    );
    return rows.map((row) => ({ hour: toNumber(row['hour']), calls: toNumber(row['calls']), costCents: toNumber(row['cost_cents']) }));
  }
}

function countersOf(row: Record<string, unknown>): ModelUsageCounters {
  return {
    calls: toNumber(row['calls']),
    failures: toNumber(row['failures']),
    tokens: toNumber(row['tokens']),
    inputTokens: toNumber(row['input_tokens']),
    outputTokens: toNumber(row['output_tokens']),
    costCents: toNumber(row['cost_cents']),
    latencyP50Ms: toNullableNumber(row['p50']),
    latencyP95Ms: toNullableNumber(row['p95']),
    latencyP99Ms: toNullableNumber(row['p99']),
  };
}

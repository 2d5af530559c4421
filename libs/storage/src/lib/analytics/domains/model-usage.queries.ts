import type { HourlyCost, HourOfDayCost, ModelCostProfile, ModelUsageCounts, RepeatedRequestCost } from '@pulse/analytics-core';
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

/** What the insight report's cost findings read (see analytics-core's cost-optimisation-insights). */
export class ModelCostQueries {
  constructor(private readonly sql: SqlExecutor) {}

  /** Per provider, model and operation: spend, and the part spent on prompts of at most `shortPromptTokens` input tokens. */
  async costProfiles(window: AnalyticsWindow, shortPromptTokens: number): Promise<ModelCostProfile[]> {
    const short = `("properties"->>'input_tokens')::numeric <= $4`;
    const rows: Array<Record<string, unknown>> = await this.sql.query(
      `SELECT "properties"->>'model_provider' AS "provider", "properties"->>'model_name' AS "model",
              "properties"->>'operation' AS "operation", count(*) AS "calls",
              coalesce(sum(("properties"->>'tokens_used')::numeric), 0) AS "tokens",
              coalesce(sum(("properties"->>'cost_cents')::numeric), 0) AS "cost_cents",
              count(*) FILTER (WHERE ${short}) AS "short_calls",
              coalesce(sum(("properties"->>'tokens_used')::numeric) FILTER (WHERE ${short}), 0) AS "short_tokens",
              coalesce(sum(("properties"->>'cost_cents')::numeric) FILTER (WHERE ${short}), 0) AS "short_cost_cents"
         FROM "events" WHERE ${IN_WINDOW}
        GROUP BY 1, 2, 3
        ORDER BY 1, 2, 3`,
      [window.tenantId, window.start, window.end, shortPromptTokens],
    );
    return rows.map((row) => ({
      provider: String(row['provider']),
      model: String(row['model']),
      operation: String(row['operation']),
      calls: toNumber(row['calls']),
      tokens: toNumber(row['tokens']),
      costCents: toNumber(row['cost_cents']),
      shortPromptCalls: toNumber(row['short_calls']),
      shortPromptTokens: toNumber(row['short_tokens']),
      shortPromptCostCents: toNumber(row['short_cost_cents']),
    }));
  }

  /** Calls repeating an earlier call's `request_hash` (same model and operation) within the window. */
  async repeatedRequests(window: AnalyticsWindow): Promise<RepeatedRequestCost[]> {
    const rows: Array<Record<string, unknown>> = await this.sql.query(
      `WITH "requests" AS (
         SELECT "properties"->>'model_provider' AS "provider", "properties"->>'model_name' AS "model",
                "properties"->>'operation' AS "operation", "properties"->>'request_hash' AS "hash",
                count(*) AS "calls", coalesce(sum(("properties"->>'cost_cents')::numeric), 0) AS "cost_cents"
           FROM "events" WHERE ${IN_WINDOW} AND "properties"->>'request_hash' IS NOT NULL
          GROUP BY 1, 2, 3, 4
         HAVING count(*) > 1
       )
       SELECT "provider", "model", "operation", count(*) AS "repeated_requests",
              sum("calls" - 1) AS "repeated_calls", sum("cost_cents" * ("calls" - 1) / "calls") AS "repeated_cost_cents"
         FROM "requests"
        GROUP BY 1, 2, 3
        ORDER BY 1, 2, 3`,
      [window.tenantId, window.start, window.end],
    );
    return rows.map((row) => ({
      provider: String(row['provider']),
      model: String(row['model']),
      operation: String(row['operation']),
      repeatedRequests: toNumber(row['repeated_requests']),
      repeatedCalls: toNumber(row['repeated_calls']),
      repeatedCostCents: toNumber(row['repeated_cost_cents']),
    }));
  }

  /** Spend per local hour of day, and the part of it on `deferrableOperations`. Hours with calls only. */
  async hourlyCost(window: AnalyticsWindow, deferrableOperations: readonly string[]): Promise<HourlyCost[]> {
    const deferrable = `"properties"->>'operation' = ANY($5::text[])`;
    const rows: Array<Record<string, unknown>> = await this.sql.query(
      `SELECT extract(hour FROM "occurred_at" AT TIME ZONE $4)::int AS "hour",
              coalesce(sum(("properties"->>'cost_cents')::numeric), 0) AS "cost_cents",
              count(*) FILTER (WHERE ${deferrable}) AS "deferrable_calls",
              coalesce(sum(("properties"->>'cost_cents')::numeric) FILTER (WHERE ${deferrable}), 0) AS "deferrable_cost_cents"
         FROM "events" WHERE ${IN_WINDOW}
        GROUP BY 1
        ORDER BY 1`,
      [window.tenantId, window.start, window.end, window.timeZone, deferrableOperations],
    );
    return rows.map((row) => ({
      hour: toNumber(row['hour']),
      costCents: toNumber(row['cost_cents']),
      deferrableCalls: toNumber(row['deferrable_calls']),
      deferrableCostCents: toNumber(row['deferrable_cost_cents']),
    }));
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

import {
  allTypesRollupReads,
  tileWithAllTypesRollups,
  type MetricQuery,
  type MetricResultRow,
  type QueryPeriod,
  type QueryPlan,
  type RawPlan,
  type RollupPlan,
} from '@pulse/analytics-core';
import type { SqlExecutor } from '../../repositories/sql-executor';
import { buildAllTypesCoverageStatement, buildAllTypesRollupStatement } from './all-types-rollup-sql';
import { toMetricResultRows, type MetricSqlRow } from './metric-result-rows';
import { buildRawMetricStatement, type MetricQueryTenant } from './raw-metric-sql';
import { buildRollupCoverageStatement, buildRollupMetricStatement } from './rollup-metric-sql';

export interface MetricQueryAnswer {
  /** What answered: the planned path, or raw when the planned rollup set does not cover every event. */
  path: 'rollup' | 'raw';
  /** Why raw events were read (absent on the rollup path). */
  reason?: string;
  /** One list per period asked, in the same order. */
  rowsByPeriod: MetricResultRow[][];
}

/**
 * Runs a validated, planned metric query for one tenant over one or more periods (current, previous).
 * Every statement is scoped to the tenant in SQL; every value and name is a bound parameter.
 */
export class MetricQueryExecutor {
  constructor(private readonly sql: SqlExecutor) {}

  async run(tenant: MetricQueryTenant, query: MetricQuery, plan: QueryPlan, periods: readonly QueryPeriod[]): Promise<MetricQueryAnswer> {
    if (plan.path === 'rollup' && plan.rollups === 'all_types') {
      if (await this.allTypesRollupsCover(tenant, query, periods)) {
        return { path: 'rollup', rowsByPeriod: await this.runEach(periods, (period) => this.runAllTypesRollup(tenant, query, period)) };
      }
      return this.run(tenant, query, plan.fallback, periods);
    }
    return this.runByType(tenant, query, plan, periods);
  }

  private async runByType(tenant: MetricQueryTenant, query: MetricQuery, plan: RollupPlan | RawPlan, periods: readonly QueryPeriod[]): Promise<MetricQueryAnswer> {
    if (plan.path === 'rollup') {
      const uncovered = await this.uncoveredReason(tenant, query, plan, periods);
      if (uncovered === undefined) {
        return { path: 'rollup', rowsByPeriod: await this.runEach(periods, (period) => this.runRollup(tenant, query, plan, period)) };
      }
      return { path: 'raw', reason: uncovered, rowsByPeriod: await this.runEach(periods, (period) => this.runRaw(tenant, query, period)) };
    }
    return { path: 'raw', reason: plan.reason, rowsByPeriod: await this.runEach(periods, (period) => this.runRaw(tenant, query, period)) };
  }

  /** The raw path alone (the agreement tests call both paths on the same query). */
  async runRaw(tenant: MetricQueryTenant, query: MetricQuery, period: QueryPeriod): Promise<MetricResultRow[]> {
    const statement = buildRawMetricStatement(tenant, query, period);
    const rows: MetricSqlRow[] = await this.sql.query(statement.sql, statement.parameters);
    return toMetricResultRows(query.metric, query.groupBy.length, rows);
  }

  /** The rollup path alone, without the coverage check. */
  async runRollup(tenant: MetricQueryTenant, query: MetricQuery, plan: RollupPlan, period: QueryPeriod): Promise<MetricResultRow[]> {
    const statement = buildRollupMetricStatement(tenant, query, plan, period);
    const rows: MetricSqlRow[] = await this.sql.query(statement.sql, statement.parameters);
    return toMetricResultRows(query.metric, query.groupBy.length, rows);
  }

  /** The all-event-types ('*') rollup path alone, without the coverage check (the query's zone is the rollups'). */
  async runAllTypesRollup(tenant: MetricQueryTenant, query: MetricQuery, period: QueryPeriod): Promise<MetricResultRow[]> {
    const reads = allTypesRollupReads(period, query.timeZone);
    if (reads === undefined) throw new RangeError(`${period.from.toISOString()} … ${period.to.toISOString()} is not made of whole rollup buckets`);
    const statement = buildAllTypesRollupStatement(tenant, query, reads);
    const rows: MetricSqlRow[] = await this.sql.query(statement.sql, statement.parameters);
    return toMetricResultRows(query.metric, 0, rows);
  }

  /** Whether the '*' rollups count every event the per-type rollups count over all the periods (which adjoin). */
  async allTypesRollupsCover(tenant: MetricQueryTenant, query: MetricQuery, periods: readonly QueryPeriod[]): Promise<boolean> {
    const from = new Date(Math.min(...periods.map((period) => period.from.getTime())));
    const to = new Date(Math.max(...periods.map((period) => period.to.getTime())));
    const tiles = tileWithAllTypesRollups(from, to, query.timeZone);
    if (tiles === undefined) return false;
    // Per-type day rows tile any range of whole days; hour rows are needed only when hours were.
    const byTypeGranularity = tiles.some((tile) => tile.granularity === 'hour') ? 'hour' : 'day';
    const statement = buildAllTypesCoverageStatement(tenant, { from, to, tiles }, byTypeGranularity);
    const [counts]: Array<{ all_types: string; by_type: string }> = await this.sql.query(statement.sql, statement.parameters);
    return counts.all_types === counts.by_type;
  }

  /** Undefined when the plan's dimension set counts every event the set without dimensions counts. */
  private async uncoveredReason(
    tenant: MetricQueryTenant,
    query: MetricQuery,
    plan: RollupPlan,
    periods: readonly QueryPeriod[],
  ): Promise<string | undefined> {
    if (plan.dimensionSet.length === 0) return undefined;
    const from = new Date(Math.min(...periods.map((period) => period.from.getTime())));
    const to = new Date(Math.max(...periods.map((period) => period.to.getTime())));
    const statement = buildRollupCoverageStatement(tenant, query, plan, { from, to });
    const rows: Array<{ is_total_set: boolean; events: string }> = await this.sql.query(statement.sql, statement.parameters);
    const total = Number(rows.find((row) => row.is_total_set)?.events ?? 0);
    const inSet = Number(rows.find((row) => !row.is_total_set)?.events ?? 0);
    return total === inSet ? undefined : `rollups by ${plan.dimensionSet.join(', ')} do not cover every event of the query (${inSet} of ${total})`;
  }

  /** One period after the other: on the embedded store a connection runs one statement at a time anyway. */
  private async runEach(periods: readonly QueryPeriod[], run: (period: QueryPeriod) => Promise<MetricResultRow[]>): Promise<MetricResultRow[][]> {
    const results: MetricResultRow[][] = [];
    for (const period of periods) results.push(await run(period));
    return results;
  }
}

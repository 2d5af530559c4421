import type { FunnelDefinition, FunnelStepTotals, PersonFunnelOutcome } from '@pulse/analytics-core';
import type { SqlExecutor } from '../../repositories/sql-executor';
import { funnelOutcomesSql } from './funnel-outcomes.sql';
import type { PersonCondition } from './person-condition';
import { SqlParameters } from './sql-parameters';

export interface FunnelQueryInput {
  definition: FunnelDefinition;
  /** Events with from <= occurred_at < to. */
  from: Date;
  to: Date;
  /** Only persons that satisfy this (e.g. a segment). */
  persons?: PersonCondition;
}

export interface FunnelTotals {
  /** Per (breakdown value, step); breakdown value null for every row without a breakdown. */
  byBreakdown: FunnelStepTotals[];
  /** Per step over everyone; only with a breakdown (percentiles cannot be added up from the groups). */
  overall: FunnelStepTotals[];
}

export interface DroppedPersonsPage {
  personKeys: string[];
  total: number;
}

/**
 * Funnels in one pass over the tenant's events of the step (and exclusion) types in the range, with the
 * meaning of analytics-core's `funnelOutcomes` in every start mode and order, without loading events into the
 * process: window functions over one sort of the matched rows (`funnelOutcomesSql`), then an aggregate per
 * person and per step.
 *
 * Cost (docs/BENCHMARKS.md, "Insights queries over 10 M events"): the sort of the matched rows and the window
 * passes dominate, so rows carry only what the walk needs (person, time, event id for ties, the matched steps as
 * bits, the breakdown only when asked and only on rows that may start), and the person's choice is an aggregate
 * per person (hashed, or grouped in the order the windows left the rows in), not a second sort of the starts.
 */
export class RawFunnelQuery {
  constructor(private readonly sql: SqlExecutor) {}

  async stepTotals(tenantId: string, input: FunnelQueryInput): Promise<FunnelTotals> {
    const parameters = new SqlParameters();
    const outcomes = funnelOutcomesSql(tenantId, input, parameters);
    const stepCount = input.definition.steps.length;
    const hasBreakdown = input.definition.breakdownProperty !== undefined;
    const grouping = hasBreakdown ? `GROUPING SETS (("breakdown", s."step"), (s."step"))` : `s."step"`;
    const rows: Array<{ overall: boolean; breakdown: string | null; step: number; users: string; times: Array<number | null> | null }> = await this.sql.query(
      `WITH ${outcomes}
       SELECT ${hasBreakdown ? `GROUPING("breakdown") = 1` : 'false'} AS "overall", ${hasBreakdown ? '"breakdown"' : 'NULL::text'} AS "breakdown",
              s."step", count(*) FILTER (WHERE o."reached" >= s."step") AS "users",
              percentile_cont(ARRAY[0.5, 0.95]::float8[]) WITHIN GROUP (ORDER BY (o."times"[s."step"] - o."times"[s."step" - 1]) / 1000.0)
                FILTER (WHERE o."reached" >= s."step" AND s."step" > 1) AS "times"
         FROM "outcomes" o CROSS JOIN generate_series(1, ${parameters.add(stepCount)}::int) AS s("step")
        GROUP BY ${grouping}`,
      parameters.values,
    );
    const toTotals = (row: (typeof rows)[number]): FunnelStepTotals => ({
      breakdownValue: row.overall ? null : row.breakdown,
      step: Number(row.step),
      users: Number(row.users),
      medianSecondsFromPrevious: row.times?.[0] ?? null,
      p95SecondsFromPrevious: row.times?.[1] ?? null,
    });
    return {
      byBreakdown: rows.filter((row) => !row.overall).map(toTotals),
      overall: rows.filter((row) => row.overall).map(toTotals),
    };
  }

  /** Persons who reached step − 1 but not `step`, in key order (code points), a page at a time. */
  async droppedPersons(tenantId: string, input: FunnelQueryInput, step: number, page: { limit: number; offset: number }): Promise<DroppedPersonsPage> {
    if (!Number.isInteger(step) || step < 2 || step > input.definition.steps.length) throw new RangeError(`step must be from 2 to ${input.definition.steps.length}`);
    const parameters = new SqlParameters();
    const outcomes = funnelOutcomesSql(tenantId, input, parameters);
    const rows: Array<{ person: string; total: string }> = await this.sql.query(
      `WITH ${outcomes}
       SELECT "person", count(*) OVER () AS "total" FROM "outcomes"
        WHERE "reached" = ${parameters.add(step - 1)}::int
        ORDER BY "person" COLLATE "C"
        LIMIT ${parameters.add(page.limit)}::int OFFSET ${parameters.add(page.offset)}::int`,
      parameters.values,
    );
    if (rows.length === 0 && page.offset > 0) {
      // Past the end: the window count is gone with the rows, so count separately.
      const countParameters = new SqlParameters();
      const countOutcomes = funnelOutcomesSql(tenantId, input, countParameters);
      const [row] = await this.sql.query(`WITH ${countOutcomes} SELECT count(*) AS "total" FROM "outcomes" WHERE "reached" = ${countParameters.add(step - 1)}::int`, countParameters.values);
      return { personKeys: [], total: Number(row.total) };
    }
    return { personKeys: rows.map((row) => row.person), total: Number(rows[0]?.total ?? 0) };
  }

  /** Each person's outcome (what `FunnelQuery` merges with the event-time path's for persons that path cannot order). */
  async outcomes(tenantId: string, input: FunnelQueryInput): Promise<PersonFunnelOutcome[]> {
    const parameters = new SqlParameters();
    const outcomes = funnelOutcomesSql(tenantId, input, parameters);
    const rows: Array<{ person: string; breakdown: string | null; reached: string; times: number[] }> = await this.sql.query(
      `WITH ${outcomes} SELECT "person", "breakdown", "reached", "times" FROM "outcomes"`,
      parameters.values,
    );
    return rows.map((row) => {
      const stepsReached = Number(row.reached);
      return { personKey: row.person, stepsReached, stepTimes: row.times.slice(0, stepsReached).map(Number), breakdownValue: row.breakdown };
    });
  }

}

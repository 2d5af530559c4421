import type { FunnelDefinition, FunnelStepTotals } from '@pulse/analytics-core';
import type { SqlExecutor } from '../../repositories/sql-executor';
import { PERSON_KEY_SQL, eventMatcherSql, propertyTextSql } from './event-match-sql';
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
 * Funnels in one pass over the tenant's events of the step types in the range, with the meaning of
 * analytics-core's `funnelOutcomes`, without loading events into the process.
 *
 * How the greedy chains are found with window functions: for a row used as step m, the time at which
 * its chain reaches step j > m is the minimum, over the later rows matching step m + 1, of their own
 * reach time of step j. (Reach times never decrease along a person's rows, so the minimum is the nearest
 * such row's: the greedy choice.) Each step level is one running `min` over the rows after the current
 * one, walking backwards, so n steps cost n − 1 window passes over one sort. A start reaches step j when
 * that time is within the window of the start; the person keeps the furthest-reaching start, earliest first.
 */
export class FunnelQuery {
  constructor(private readonly sql: SqlExecutor) {}

  async stepTotals(tenantId: string, input: FunnelQueryInput): Promise<FunnelTotals> {
    const parameters = new SqlParameters();
    const outcomes = this.outcomesSql(tenantId, input, parameters);
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
    const outcomes = this.outcomesSql(tenantId, input, parameters);
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
      const countOutcomes = this.outcomesSql(tenantId, input, countParameters);
      const [row] = await this.sql.query(`WITH ${countOutcomes} SELECT count(*) AS "total" FROM "outcomes" WHERE "reached" = ${countParameters.add(step - 1)}::int`, countParameters.values);
      return { personKeys: [], total: Number(row.total) };
    }
    return { personKeys: rows.map((row) => row.person), total: Number(rows[0]?.total ?? 0) };
  }

  /** CTEs ending in "outcomes"(person, breakdown, reached, times float8[] epoch ms per reached step). */
  private outcomesSql(tenantId: string, input: FunnelQueryInput, parameters: SqlParameters): string {
    const { steps, conversionWindowMs, breakdownProperty } = input.definition;
    const n = steps.length;
    const matches = steps.map((step, index) => `${eventMatcherSql(step, parameters)} AS "m${index + 1}"`);
    const breakdown = breakdownProperty === undefined ? 'NULL::text' : propertyTextSql(breakdownProperty, parameters);
    const tenant = parameters.add(tenantId);
    const personCondition = input.persons ? `AND ${PERSON_KEY_SQL} IN (${input.persons.sql(tenant, parameters)})` : '';
    const later = `WINDOW "later" AS (PARTITION BY "person" ORDER BY "occurred_at" DESC, "event_id" COLLATE "C" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)`;
    const ctes = [
      `"matched" AS (
        SELECT ${PERSON_KEY_SQL} AS "person", e."occurred_at", e."event_id",
               extract(epoch FROM e."occurred_at")::float8 * 1000 AS "at", ${breakdown} AS "breakdown", ${matches.join(', ')}
          FROM "events" e
         WHERE e."tenant_id" = ${tenant}::uuid AND e."occurred_at" >= ${parameters.add(input.from.toISOString())}::timestamptz
           AND e."occurred_at" < ${parameters.add(input.to.toISOString())}::timestamptz
           AND e."type" = ANY(${parameters.add([...new Set(steps.map((step) => step.eventType))])}::text[])
           AND ${PERSON_KEY_SQL} IS NOT NULL ${personCondition}
      )`,
    ];
    // Level m: reach times r{m}_{j} of steps j > m for a row used as step m, from level m + 1's.
    let previous = '"matched"';
    for (let m = n - 1; m >= 1; m--) {
      const columns = [`min(CASE WHEN "m${m + 1}" THEN "at" END) OVER "later" AS "r${m}_${m + 1}"`];
      for (let j = m + 2; j <= n; j++) columns.push(`min(CASE WHEN "m${m + 1}" THEN "r${m + 1}_${j}" END) OVER "later" AS "r${m}_${j}"`);
      ctes.push(`"level${m}" AS (SELECT *, ${columns.join(', ')} FROM ${previous} ${later})`);
      previous = `"level${m}"`;
    }
    const windowMs = parameters.add(conversionWindowMs);
    const reachedFlags = Array.from({ length: n - 1 }, (_, index) => `(CASE WHEN "r1_${index + 2}" - "at" <= ${windowMs}::float8 THEN 1 ELSE 0 END)`);
    ctes.push(
      `"starts" AS (
        SELECT "person", "occurred_at", "event_id", "breakdown", 1 + ${reachedFlags.join(' + ')} AS "reached",
               ARRAY["at", ${Array.from({ length: n - 1 }, (_, index) => `"r1_${index + 2}"`).join(', ')}]::float8[] AS "times"
          FROM ${previous} WHERE "m1"
      )`,
      `"outcomes" AS (
        SELECT DISTINCT ON ("person") "person", "breakdown", "reached", "times" FROM "starts"
         ORDER BY "person", "reached" DESC, "occurred_at", "event_id" COLLATE "C"
      )`,
    );
    return ctes.join(',\n');
  }
}

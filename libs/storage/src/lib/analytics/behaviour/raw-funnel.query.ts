import type { FunnelDefinition, FunnelStepTotals, PersonFunnelOutcome } from '@pulse/analytics-core';
import type { SqlExecutor } from '../../repositories/sql-executor';
import { PERSON_KEY_SQL, eventMatcherSql, propertyTextSql } from './event-match-sql';
import type { PersonCondition } from './person-condition';
import { SqlParameters } from './sql-parameters';

/** The SQL keeps the steps a row matches as bits of an int4 (the HTTP API allows 10 steps). */
const MAX_STEPS = 31;

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
 *
 * Cost (docs/BENCHMARKS.md, "Insights queries over 10 M events"): the sort of the matched rows and the window
 * passes dominate, so rows carry only what the walk needs (person, time, event id for ties, the matched steps as
 * bits, the breakdown only when asked and only on step-1 rows), and the person's choice is an aggregate per
 * person (hashed, or grouped in the order the windows left the rows in), not a second sort of the starts.
 */
export class RawFunnelQuery {
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

  /** Each person's outcome (what `FunnelQuery` merges with the event-time path's for persons that path cannot order). */
  async outcomes(tenantId: string, input: FunnelQueryInput): Promise<PersonFunnelOutcome[]> {
    const parameters = new SqlParameters();
    const outcomes = this.outcomesSql(tenantId, input, parameters);
    const rows: Array<{ person: string; breakdown: string | null; reached: string; times: number[] }> = await this.sql.query(
      `WITH ${outcomes} SELECT "person", "breakdown", "reached", "times" FROM "outcomes"`,
      parameters.values,
    );
    return rows.map((row) => {
      const stepsReached = Number(row.reached);
      return { personKey: row.person, stepsReached, stepTimes: row.times.slice(0, stepsReached).map(Number), breakdownValue: row.breakdown };
    });
  }

  /** CTEs ending in "outcomes"(person, breakdown, reached, times float8[] epoch ms per reached step). */
  private outcomesSql(tenantId: string, input: FunnelQueryInput, parameters: SqlParameters): string {
    const { steps, conversionWindowMs, breakdownProperty } = input.definition;
    const n = steps.length;
    if (n > MAX_STEPS) throw new RangeError(`A funnel has at most ${MAX_STEPS} steps, got ${n}`);
    const bit = (step: number) => 1 << (step - 1);
    const matches = (step: number) => `("steps" & ${bit(step)}) <> 0`;
    const matchers = steps.map((step) => eventMatcherSql(step, parameters));
    const flags = matchers.map((matcher, index) => `(CASE WHEN ${matcher} THEN ${bit(index + 1)} ELSE 0 END)`).join(' | ');
    const withBreakdown = breakdownProperty !== undefined;
    // Only the chosen start's breakdown is read: other rows carry NULL.
    const breakdown = withBreakdown ? `, CASE WHEN ${matchers[0]} THEN ${propertyTextSql(breakdownProperty, parameters)} END AS "breakdown"` : '';
    const tenant = parameters.add(tenantId);
    const personCondition = input.persons ? `AND ${PERSON_KEY_SQL} IN (${input.persons.sql(tenant, parameters)})` : '';
    // A row of a step's type that passes no step's filters is never a start nor a next step (the greedy walk skips
    // it), so it is left out; without filters every row of the step types matches a step.
    const matchesNone = steps.some((step) => (step.filters ?? []).length > 0) ? `WHERE "steps" <> 0` : '';
    // Rows are grouped by (hash of the person, person): the same groups as by person, but the sort mostly compares
    // int4s. Persons and event ids in "C": byte comparisons, the tie order of analytics-core (code points).
    const person = `"person_hash", "person"`;
    const carried = `${person}, "occurred_at", "event_id", "steps"${withBreakdown ? ', "breakdown"' : ''}`;
    const later = `WINDOW "later" AS (PARTITION BY ${person} ORDER BY "occurred_at" DESC, "event_id" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)`;
    const ctes = [
      `"matched" AS (
        SELECT hashtext("person") AS "person_hash", * FROM (
          SELECT ${PERSON_KEY_SQL} COLLATE "C" AS "person", e."occurred_at", e."event_id" COLLATE "C" AS "event_id", ${flags} AS "steps"${breakdown}
            FROM "events" e
           WHERE e."tenant_id" = ${tenant}::uuid AND e."occurred_at" >= ${parameters.add(input.from.toISOString())}::timestamptz
             AND e."occurred_at" < ${parameters.add(input.to.toISOString())}::timestamptz
             AND e."type" = ANY(${parameters.add([...new Set(steps.map((step) => step.eventType))])}::text[])
             AND ${PERSON_KEY_SQL} IS NOT NULL ${personCondition}
        ) m ${matchesNone}
      )`,
    ];
    // Level m: reach times r{m}_{j} (timestamps) of steps j > m for a row used as step m, from level m + 1's. Level m
    // and the levels below it read rows matching steps 1 … m + 1 only (sources of step m + 1, rows used as a lower
    // step), so rows matching only later steps are dropped between passes (a filter keeps the order: no new sort).
    let previous = '"matched"';
    for (let m = n - 1; m >= 1; m--) {
      const columns = [`min(CASE WHEN ${matches(m + 1)} THEN "occurred_at" END) OVER "later" AS "r${m}_${m + 1}"`];
      for (let j = m + 2; j <= n; j++) columns.push(`min(CASE WHEN ${matches(m + 1)} THEN "r${m + 1}_${j}" END) OVER "later" AS "r${m}_${j}"`);
      // Place in the person's walk, latest first: among equally far-reaching starts the earliest has the largest.
      if (m === 1) columns.push(`row_number() OVER "later" AS "position"`);
      const source = m === n - 1 ? previous : `(SELECT * FROM ${previous} p WHERE ("steps" & ${bit(m + 2) - 1}) <> 0) p`;
      ctes.push(`"level${m}" AS (SELECT ${carried}, ${columns.join(', ')} FROM ${source} ${later})`);
      previous = `"level${m}"`;
    }
    const windowMs = parameters.add(conversionWindowMs);
    // Epoch ms as float8, as before (date_part is the same double as extract(epoch …)::float8, without numeric).
    const ms = (column: string) => `date_part('epoch', ${column}) * 1000`;
    const times = Array.from({ length: n - 1 }, (_, index) => `"t${index + 2}"`);
    const reached = `1 + ${times.map((time) => `(CASE WHEN ${time} - "at" <= ${windowMs}::float8 THEN 1 ELSE 0 END)`).join(' + ')}`;
    ctes.push(
      // OFFSET 0: the epoch values are computed once per start, not again inside "reached".
      `"starts" AS (
        SELECT ${person}, ${withBreakdown ? '"breakdown", ' : ''}(${reached})::int8 * ${2 ** 40} + "position" AS "choice", "at", ${times.join(', ')}
          FROM (
            SELECT ${person}, "position", ${withBreakdown ? '"breakdown", ' : ''}${ms('"occurred_at"')} AS "at",
                   ${times.map((time, index) => `${ms(`"r1_${index + 2}"`)} AS ${time}`).join(', ')}
              FROM "level1" WHERE ${matches(1)} OFFSET 0
          ) s
      )`,
      // Per person the furthest-reaching start, earliest first: the largest choice = (reached, position), unique
      // within a person (exact in float8: below 2^45), so the array's other values are that start's. No sort: the
      // planner hashes or groups in the windows' order (a window over the person measured slower: two reads per row).
      `"outcomes" AS (
        SELECT "person", ${withBreakdown ? `("chosen_breakdown")[2]` : 'NULL::text'} AS "breakdown",
               ("chosen")[1]::int8 >> 40 AS "reached", ("chosen")[2:] AS "times"
          FROM (
            SELECT "person", max(ARRAY["choice", "at", ${times.join(', ')}]::float8[]) AS "chosen"${
              withBreakdown ? `, max(ARRAY[lpad("choice"::text, 15, '0'), "breakdown"] COLLATE "C") AS "chosen_breakdown"` : ''
            }
              FROM "starts" GROUP BY ${person}
          ) c
      )`,
    );
    return ctes.join(',\n');
  }
}

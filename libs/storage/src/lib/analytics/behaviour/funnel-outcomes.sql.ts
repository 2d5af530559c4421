import { assertFunnelDefinition, funnelStepGroups } from '@pulse/analytics-core';
import { PERSON_KEY_SQL, eventMatcherSql, propertyTextSql } from './event-match-sql';
import type { FunnelQueryInput } from './raw-funnel.query';
import type { SqlParameters } from './sql-parameters';

/** The SQL keeps the steps a row matches as bits of an int4 (the HTTP API allows 10 steps), the exclusions too. */
const MAX_STEPS = 31;

/**
 * CTEs ending in "outcomes"(person, breakdown, reached, times float8[] epoch ms per step, at least `reached`
 * of them), with the meaning of analytics-core's `funnelOutcomes` in every start mode and order.
 *
 * Each order builds "starts": per row that may start a chain, its steps reached ("reached"), its place in
 * the person's walk ("position", larger = earlier) and the times of its steps; then one aggregate per person
 * picks the start (furthest, earliest on ties; or the earliest with `startMode: first`).
 *
 * Exclusions: "x<e>" is, per row, the time of the next event of exclusion e strictly later than the row (a
 * RANGE frame in time, so rows of the same millisecond do not count). It never decreases along a person's
 * rows, so the same "nearest later row's value" that carries reach times carries it to the chain's step
 * `afterStep`; the chain is cut when that time is before its step `beforeStep`.
 */
export function funnelOutcomesSql(tenantId: string, input: FunnelQueryInput, parameters: SqlParameters): string {
  const { definition } = input;
  assertFunnelDefinition(definition);
  const n = definition.steps.length;
  const exclusions = definition.exclusions ?? [];
  if (n > MAX_STEPS || exclusions.length > MAX_STEPS) throw new RangeError(`A funnel has at most ${MAX_STEPS} steps and exclusions, got ${n} and ${exclusions.length}`);
  const order = definition.order ?? 'sequential';
  const matched = matchedSql(tenantId, input, parameters, order);
  const context: FunnelSqlContext = {
    n,
    exclusions,
    windowMs: parameters.add(definition.conversionWindowMs),
    withBreakdown: definition.breakdownProperty !== undefined,
    first: definition.startMode === 'first',
  };
  const chains = order === 'strict' ? strictStartsSql(context) : order === 'any' ? unorderedStartsSql(context, funnelStepGroups(definition.steps)) : sequentialStartsSql(context);
  return [matched, ...chains, outcomesSql(context, order)].join(',\n');
}

interface FunnelSqlContext {
  n: number;
  exclusions: ReadonlyArray<{ afterStep: number; beforeStep: number }>;
  /** Placeholder of the window in ms. */
  windowMs: string;
  withBreakdown: boolean;
  first: boolean;
}

const bit = (step: number) => 1 << (step - 1);
const matches = (step: number) => `("steps" & ${bit(step)}) <> 0`;
const excludedBy = (exclusion: number) => `("excluded" & ${1 << exclusion}) <> 0`;
// Rows are grouped by (hash of the person, person): the same groups as by person, but the sort mostly compares
// int4s. Persons and event ids in "C": byte comparisons, the tie order of analytics-core (code points).
const PERSON = `"person_hash", "person"`;
const LATER = `"later" AS (PARTITION BY ${PERSON} ORDER BY "occurred_at" DESC, "event_id" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)`;
// Strictly later in time: peers of the same millisecond (and microsecond) are not in the frame.
const LATER_IN_TIME = `"later_in_time" AS (PARTITION BY ${PERSON} ORDER BY "occurred_at" DESC RANGE BETWEEN UNBOUNDED PRECEDING AND '1 microsecond'::interval PRECEDING)`;
// Epoch ms as float8 (date_part is the same double as extract(epoch …)::float8, without numeric).
const ms = (column: string) => `date_part('epoch', ${column}) * 1000`;

/** The "x<e>" columns: per row, the next time of each exclusion's event strictly after it. */
function nextExcludedColumns(context: FunnelSqlContext): string[] {
  return context.exclusions.map((_exclusion, index) => `min(CASE WHEN ${excludedBy(index)} THEN "occurred_at" END) OVER "later_in_time" AS "x${index}"`);
}

/**
 * "matched": the tenant's rows of the step and exclusion types in range, with the steps they match as bits
 * ("steps"), the exclusions too ("excluded"), and the breakdown on rows that may start. A row that matches
 * nothing is never a start, a next step or an excluded event (the walk skips it), so it is left out, except
 * in strict order, where any row of a step type interrupts ("step_type").
 */
function matchedSql(tenantId: string, input: FunnelQueryInput, parameters: SqlParameters, order: string): string {
  const { steps, breakdownProperty, exclusions = [] } = input.definition;
  const matchers = steps.map((step) => eventMatcherSql(step, parameters));
  const flags = (list: string[]) => (list.length === 0 ? '0' : list.map((matcher, index) => `(CASE WHEN ${matcher} THEN ${1 << index} ELSE 0 END)`).join(' | '));
  const stepFlags = flags(matchers);
  // "excluded" only with exclusions: the default funnel's rows stay as narrow as before.
  const excluded = exclusions.length === 0 ? '' : `, ${flags(exclusions.map((exclusion) => eventMatcherSql(exclusion, parameters)))} AS "excluded"`;
  const stepTypes = [...new Set(steps.map((step) => step.eventType))];
  const types = [...new Set([...stepTypes, ...exclusions.map((exclusion) => exclusion.eventType)])];
  // Only the chosen start's breakdown is read: other rows carry NULL.
  const startCondition = order === 'any' ? `(${stepFlags}) <> 0` : matchers[0];
  const breakdown = breakdownProperty !== undefined ? `, CASE WHEN ${startCondition} THEN ${propertyTextSql(breakdownProperty, parameters)} END AS "breakdown"` : '';
  const stepType = order === 'strict' && exclusions.length > 0 ? `, e."type" = ANY(${parameters.add(stepTypes)}::text[]) AS "step_type"` : '';
  const tenant = parameters.add(tenantId);
  const personCondition = input.persons ? `AND ${PERSON_KEY_SQL} IN (${input.persons.sql(tenant, parameters)})` : '';
  const anyFilters = [...steps, ...exclusions].some((matcher) => (matcher.filters ?? []).length > 0);
  // Without filters every row of a step or exclusion type matches one: no condition.
  const matchesSomething = exclusions.length === 0 ? `"steps" <> 0` : `"steps" <> 0 OR "excluded" <> 0`;
  const kept = order === 'strict' ? (stepType === '' ? '' : `WHERE "step_type" OR "excluded" <> 0`) : anyFilters ? `WHERE ${matchesSomething}` : '';
  return `"matched" AS (
        SELECT hashtext("person") AS "person_hash", * FROM (
          SELECT ${PERSON_KEY_SQL} COLLATE "C" AS "person", e."occurred_at", e."event_id" COLLATE "C" AS "event_id",
                 ${stepFlags} AS "steps"${excluded}${breakdown}${stepType}
            FROM "events" e
           WHERE e."tenant_id" = ${tenant}::uuid AND e."occurred_at" >= ${parameters.add(input.from.toISOString())}::timestamptz
             AND e."occurred_at" < ${parameters.add(input.to.toISOString())}::timestamptz
             AND e."type" = ANY(${parameters.add(types)}::text[])
             AND ${PERSON_KEY_SQL} IS NOT NULL ${personCondition}
        ) m ${kept}
      )`;
}

/**
 * Sequential order (the greedy chains): for a row used as step m, the time at which its chain reaches step
 * j > m is the minimum, over the later rows matching step m + 1, of their own reach time of step j. (Reach
 * times never decrease along a person's rows, so the minimum is the nearest such row's: the greedy choice.)
 * Each step level is one running `min` over the rows after the current one, walking backwards, so n steps
 * cost n − 1 window passes over one sort. Rows carry only what the walk needs (docs/BENCHMARKS.md).
 */
function sequentialStartsSql(context: FunnelSqlContext): string[] {
  const { n, exclusions, withBreakdown } = context;
  const base = [PERSON, `"occurred_at"`, `"event_id"`, `"steps"`, ...(withBreakdown ? [`"breakdown"`] : [])];
  const nextExcluded = exclusions.map((_exclusion, index) => `"x${index}"`);
  const ctes: string[] = [];
  // Level m: reach times r{m}_{j} (timestamps) of steps j > m for a row used as step m, from level m + 1's. Level m
  // and the levels below it read rows matching steps 1 … m + 1 only (sources of step m + 1, rows used as a lower
  // step), so rows matching only later steps (or only exclusions) are dropped between passes (a filter keeps the
  // order: no new sort). The exclusions' next times are computed on the first pass, over every row, and carried.
  let previous = '"matched"';
  for (let m = n - 1; m >= 1; m--) {
    const top = m === n - 1;
    const columns = [`min(CASE WHEN ${matches(m + 1)} THEN "occurred_at" END) OVER "later" AS "r${m}_${m + 1}"`];
    for (let j = m + 2; j <= n; j++) columns.push(`min(CASE WHEN ${matches(m + 1)} THEN "r${m + 1}_${j}" END) OVER "later" AS "r${m}_${j}"`);
    // For a row used as step m < afterStep: the next excluded time after its chain's step afterStep.
    exclusions.forEach(({ afterStep }, index) => {
      if (afterStep === m + 1) columns.push(`min(CASE WHEN ${matches(m + 1)} THEN "x${index}" END) OVER "later" AS "x${index}_${m}"`);
      if (afterStep > m + 1) columns.push(`min(CASE WHEN ${matches(m + 1)} THEN "x${index}_${m + 1}" END) OVER "later" AS "x${index}_${m}"`);
    });
    // Place in the person's walk, latest first: among equally far-reaching starts the earliest has the largest.
    if (m === 1) columns.push(`row_number() OVER "later" AS "position"`);
    const source = top ? previous : `(SELECT * FROM ${previous} p WHERE ("steps" & ${bit(m + 2) - 1}) <> 0) p`;
    const kept = top ? [...base, ...nextExcludedColumns(context)] : [...base, ...nextExcluded];
    const windows = top && exclusions.length > 0 ? `${LATER}, ${LATER_IN_TIME}` : LATER;
    ctes.push(`"level${m}" AS (SELECT ${[...kept, ...columns].join(', ')} FROM ${source} WINDOW ${windows})`);
    previous = `"level${m}"`;
  }
  const reachTimes = Array.from({ length: n - 1 }, (_, index) => `"r1_${index + 2}"`);
  const excludedAfterStart = exclusions.map(({ afterStep }, index) => (afterStep === 1 ? `"x${index}"` : `"x${index}_1"`));
  return [...ctes, ...startsSql(context, '"level1"', matches(1), reachTimes, excludedAfterStart)];
}

/**
 * "starts" from a pass that holds, per start row, its step times as timestamps (`reachTimes`: steps 2 … n,
 * NULL when never reached) and its exclusions' next times (`nextExcluded`). A step counts when within the
 * window of the start; reach times never decrease, so the count is the number reached.
 */
function startsSql(context: FunnelSqlContext, source: string, startCondition: string, reachTimes: string[], nextExcluded: string[]): string[] {
  const { n, exclusions, windowMs, withBreakdown } = context;
  const times = reachTimes.map((_time, index) => `"t${index + 2}"`);
  const reached = `1 + ${times.map((time) => `(CASE WHEN ${time} - "at" <= ${windowMs}::float8 THEN 1 ELSE 0 END)`).join(' + ')}`;
  // A chain whose step afterStep is followed by an excluded event before its step beforeStep keeps beforeStep − 1 steps.
  const cut = exclusions.length === 0 ? '' : `, least(${exclusions.map(({ beforeStep }, index) => `CASE WHEN ${nextExcluded[index]} < ${reachTimes[beforeStep - 2]} THEN ${beforeStep - 1} ELSE ${n} END`).join(', ')}) AS "cut"`;
  const reachedAfterCut = exclusions.length === 0 ? reached : `least(${reached}, "cut")`;
  return [
    // OFFSET 0: the epoch values are computed once per start, not again inside "reached".
    `"starts" AS (
        SELECT ${PERSON}, ${withBreakdown ? '"breakdown", ' : ''}${choiceSql(context, reachedAfterCut)} AS "choice", "at", ${times.join(', ')}
          FROM (
            SELECT ${PERSON}, "position", ${withBreakdown ? '"breakdown", ' : ''}${ms('"occurred_at"')} AS "at",
                   ${reachTimes.map((time, index) => `${ms(time)} AS ${times[index]}`).join(', ')}${cut}
              FROM ${source} WHERE ${startCondition} OFFSET 0
          ) s
      )`,
  ];
}

/**
 * What the person's aggregate maximises, unique within a person (exact in float8: below 2^45): the furthest
 * start, earliest first (reached, position); with `startMode: first` the earliest start (position, reached).
 */
function choiceSql(context: FunnelSqlContext, reached: string): string {
  return context.first ? `"position" * 32 + (${reached})::int8` : `(${reached})::int8 * ${2 ** 40} + "position"`;
}

/**
 * Strict order: a start's step k + 1 is the k-th next row of a step type in the person's walk (`lag` over the
 * walk backwards), which must match it and be within the window. One window pass over one sort; with
 * exclusions, a first pass over every row (exclusion rows too) finds the next excluded times, then rows of
 * other types than the steps' leave.
 */
function strictStartsSql(context: FunnelSqlContext): string[] {
  const { n, exclusions, windowMs, withBreakdown } = context;
  const ctes: string[] = [];
  let source = '"matched"';
  if (exclusions.length > 0) {
    ctes.push(`"excluding" AS (SELECT *, ${nextExcludedColumns(context).join(', ')} FROM "matched" WINDOW ${LATER_IN_TIME})`);
    source = `(SELECT * FROM "excluding" x WHERE "step_type")`;
  }
  const walk = `"walk" AS (PARTITION BY ${PERSON} ORDER BY "occurred_at" DESC, "event_id" DESC)`;
  const columns = [`row_number() OVER "walk" AS "position"`];
  for (let k = 1; k < n; k++) columns.push(`lag("steps", ${k}) OVER "walk" AS "s${k + 1}"`, `lag("occurred_at", ${k}) OVER "walk" AS "r${k + 1}"`);
  exclusions.forEach(({ afterStep }, index) => {
    if (afterStep > 1) columns.push(`lag("x${index}", ${afterStep - 1}) OVER "walk" AS "x${index}_1"`);
  });
  const carried = [PERSON, `"occurred_at"`, `"steps"`, ...(withBreakdown ? [`"breakdown"`] : []), ...exclusions.map((_exclusion, index) => `"x${index}"`)].join(', ');
  ctes.push(`"chains" AS (SELECT ${carried}, ${columns.join(', ')} FROM ${source} s WINDOW ${walk})`);
  // Step k counts when steps 2 … k are each the next row, match and are within the window: a step that is not
  // ends the chain, so later steps' times are blanked (NULL) from the first that fails.
  const holds = (k: number) => `(("s${k}" & ${bit(k)}) <> 0 AND ${ms(`"r${k}"`)} - ${ms('"occurred_at"')} <= ${windowMs}::float8)`;
  const reachTimes = Array.from({ length: n - 1 }, (_, index) => {
    const k = index + 2;
    const conditions = Array.from({ length: k - 1 }, (_unused, previous) => holds(previous + 2)).join(' AND ');
    return `(CASE WHEN ${conditions} THEN "r${k}" END)`;
  });
  const nextExcluded = exclusions.map(({ afterStep }, index) => (afterStep === 1 ? `"x${index}"` : `"x${index}_1"`));
  return [...ctes, ...startsSql(context, '"chains"', matches(1), reachTimes, nextExcluded)];
}

/**
 * Order any: per group of steps with one matcher (g steps), a start's window takes the group's first g
 * events at or after it. The c-th such time is computed per row as "the c-th at or after" (A) from "the
 * c-th strictly after" (B): B1 = min over later rows of the group's times, Bc = min over later rows of the
 * group of their B(c − 1) (the nearest one's: they never decrease); A1 = own time on a row of the group, else
 * B1; Ac = B(c − 1) on a row of the group, else Bc. One window pass per c up to the largest group.
 */
function unorderedStartsSql(context: FunnelSqlContext, groups: number[]): string[] {
  const { n, exclusions, windowMs, withBreakdown } = context;
  const sizes = groups.reduce((counts, group) => ((counts[group] = (counts[group] ?? 0) + 1), counts), [] as number[]);
  const inGroup = (group: number) => matches(groups.indexOf(group) + 1);
  const largest = Math.max(...sizes);
  const ctes: string[] = [];
  let previous = '"matched"';
  for (let c = 1; c <= largest; c++) {
    const columns: string[] = [];
    sizes.forEach((size, group) => {
      if (size < c) return;
      const value = c === 1 ? `"occurred_at"` : `"b${group}_${c - 1}"`;
      columns.push(`min(CASE WHEN ${inGroup(group)} THEN ${value} END) OVER "later" AS "b${group}_${c}"`);
    });
    const last = c === largest;
    if (last) columns.push(`row_number() OVER "later" AS "position"`);
    if (c === 1) columns.push(...nextExcludedColumns(context));
    const windows = c === 1 && exclusions.length > 0 ? `WINDOW ${LATER}, ${LATER_IN_TIME}` : `WINDOW ${LATER}`;
    ctes.push(`"pass${c}" AS (SELECT *, ${columns.join(', ')} FROM ${previous} p ${windows})`);
    previous = `"pass${c}"`;
  }
  // The events a start's window takes, as timestamps: NULL past the window's end (or when the group has no more).
  const taken = sizes.flatMap((size, group) =>
    Array.from({ length: size }, (_unused, index) => {
      const c = index + 1;
      const own = c === 1 ? `"occurred_at"` : `"b${group}_${c - 1}"`;
      return `(CASE WHEN ${inGroup(group)} THEN ${own} ELSE "b${group}_${c}" END)`;
    }),
  );
  const takenColumns = taken.map((_time, index) => `"t${index + 1}"`);
  const reached = takenColumns.map((time) => `(CASE WHEN ${time} - "at" <= ${windowMs}::float8 THEN 1 ELSE 0 END)`).join(' + ');
  // With every step done, an excluded event between the first and the last (exclusions span all steps here) leaves n − 1.
  // (greatest skips NULLs; when fewer than n are taken, fewer than n are reached and the cut changes nothing.)
  const cut = exclusions.length === 0 ? '' : `, (CASE WHEN ${exclusions.map((_exclusion, index) => `"x${index}" < greatest(${taken.join(', ')})`).join(' OR ')} THEN ${n - 1} ELSE ${n} END) AS "cut"`;
  const reachedAfterCut = exclusions.length === 0 ? `(${reached})` : `least(${reached}, "cut")`;
  const withinWindow = takenColumns.map((time) => `(CASE WHEN ${time} - "at" <= ${windowMs}::float8 THEN ${time} END) AS ${time}`);
  ctes.push(
    `"starts" AS (
        SELECT ${PERSON}, ${withBreakdown ? '"breakdown", ' : ''}${choiceSql(context, reachedAfterCut)} AS "choice", ${withinWindow.join(', ')}
          FROM (
            SELECT ${PERSON}, "position", ${withBreakdown ? '"breakdown", ' : ''}${ms('"occurred_at"')} AS "at",
                   ${taken.map((time, index) => `${ms(time)} AS ${takenColumns[index]}`).join(', ')}${cut}
              FROM ${previous} WHERE "steps" <> 0 OFFSET 0
          ) s
      )`,
  );
  return ctes;
}

/**
 * Per person the chosen start: the largest choice, unique within a person, so the array's other values are
 * that start's. No sort: the planner hashes or groups in the windows' order (a window over the person measured
 * slower: two reads per row). Unordered windows' times are sorted here, once per person.
 */
function outcomesSql(context: FunnelSqlContext, order: string): string {
  const { n, withBreakdown } = context;
  const values = order === 'any' ? Array.from({ length: n }, (_, index) => `"t${index + 1}"`) : [`"at"`, ...Array.from({ length: n - 1 }, (_, index) => `"t${index + 2}"`)];
  const reached = context.first ? `("chosen")[1]::int8 & 31` : `("chosen")[1]::int8 >> 40`;
  const times = order === 'any' ? `ARRAY(SELECT t FROM unnest(("chosen")[2:]) AS u(t) WHERE t IS NOT NULL ORDER BY t)` : `("chosen")[2:]`;
  return `"outcomes" AS (
        SELECT "person", ${withBreakdown ? `("chosen_breakdown")[2]` : 'NULL::text'} AS "breakdown", ${reached} AS "reached", ${times} AS "times"
          FROM (
            SELECT "person", max(ARRAY["choice", ${values.join(', ')}]::float8[]) AS "chosen"${
              withBreakdown ? `, max(ARRAY[lpad("choice"::text, 15, '0'), "breakdown"] COLLATE "C") AS "chosen_breakdown"` : ''
            }
              FROM "starts" GROUP BY ${PERSON}
          ) c
      )`;
}

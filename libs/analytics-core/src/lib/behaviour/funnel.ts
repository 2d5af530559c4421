import { percentilesSortingInPlace } from '../statistics';
import { BehaviourEvent, compareCodePoints, epochMs, eventsByPerson } from './behaviour-event';
import { assertFunnelDefinition, funnelStepGroups, type FunnelDefinition, type FunnelExclusion } from './funnel-definition';
import { matchesEvent, propertyText } from './property-filter';

/** How far one person got, from the start the rules below picked. */
export interface PersonFunnelOutcome {
  personKey: string;
  /** 1 … steps.length (persons who never did step 1 have no outcome). */
  stepsReached: number;
  /** Epoch ms at which each reached step happened, from the chosen start. */
  stepTimes: number[];
  breakdownValue: string | null;
}

/**
 * Each person's funnel, PostHog/Mixpanel style. A person's events are walked in time order (ties by event
 * id). Every event that may start the funnel gives one chain (`startMode: first`: only the first such
 * event); the person's result is the chain that reaches the furthest step, ties to the earliest start, and
 * times to convert are measured along it. The chain from a start, by `order`:
 * - `sequential`: each next step is the earliest later event matching it (greedy, which reaches as far as
 *   any choice could); an event is used for one step at most;
 * - `strict`: each next step must be the very next event of any of the steps' types (filters aside): an
 *   event of a step type that does not match the next step ends the chain;
 * - `any` (PostHog's unordered funnel): any event matching a step may start; the window holds the start
 *   and the events after it. Steps with the same matcher need as many events as there are such steps (the
 *   earliest ones count); an event may serve steps with different matchers. The chain reaches as many steps
 *   as the window serves, and its times are those events' times in ascending order (step k = "k steps").
 * A next step counts only within the conversion window of the start (inclusive). Exclusions then cut the
 * chain: with an excluded event strictly between the times of steps `afterStep` and `beforeStep` it reaches
 * `beforeStep − 1` at most (with `order: any`, exclusions span the whole funnel).
 * Callers pass only the events in the queried range: a conversion after the range end does not count.
 */
export function funnelOutcomes(events: readonly BehaviourEvent[], definition: FunnelDefinition): PersonFunnelOutcome[] {
  assertFunnelDefinition(definition);
  const chainFrom = chainWalker(definition);
  const startsAt = (event: BehaviourEvent) => (definition.order === 'any' ? definition.steps.some((step) => matchesEvent(event, step)) : matchesEvent(event, definition.steps[0]));
  const outcomes: PersonFunnelOutcome[] = [];
  for (const [personKey, personEvents] of eventsByPerson(events)) {
    let best: { times: number[]; start: BehaviourEvent } | undefined;
    for (let startIndex = 0; startIndex < personEvents.length; startIndex++) {
      const start = personEvents[startIndex];
      if (!startsAt(start)) continue;
      const chain = chainFrom(personEvents, startIndex);
      const times = chain.slice(0, reachedAfterExclusions(personEvents, chain, definition.exclusions ?? []));
      if (best === undefined || times.length > best.times.length) best = { times, start };
      if (definition.startMode === 'first') break;
    }
    if (best === undefined) continue;
    outcomes.push({
      personKey,
      stepsReached: best.times.length,
      stepTimes: best.times,
      breakdownValue: definition.breakdownProperty === undefined ? null : propertyText(best.start.properties, definition.breakdownProperty),
    });
  }
  return outcomes;
}

/** The times of the chain from the event at `startIndex`, by the definition's order (see funnelOutcomes). */
function chainWalker(definition: FunnelDefinition): (personEvents: readonly BehaviourEvent[], startIndex: number) => number[] {
  const { steps, conversionWindowMs } = definition;
  const withinWindow = (startAt: number, event: BehaviourEvent) => epochMs(event) - startAt <= conversionWindowMs;
  switch (definition.order ?? 'sequential') {
    case 'sequential':
      return (personEvents, startIndex) => {
        const startAt = epochMs(personEvents[startIndex]);
        const times = [startAt];
        let position = startIndex;
        for (let step = 1; step < steps.length; step++) {
          let next = position + 1;
          while (next < personEvents.length && !matchesEvent(personEvents[next], steps[step])) next++;
          if (next >= personEvents.length || !withinWindow(startAt, personEvents[next])) break;
          times.push(epochMs(personEvents[next]));
          position = next;
        }
        return times;
      };
    case 'strict': {
      const stepTypes = new Set(steps.map((step) => step.eventType));
      return (personEvents, startIndex) => {
        const startAt = epochMs(personEvents[startIndex]);
        const times = [startAt];
        let position = startIndex;
        for (let step = 1; step < steps.length; step++) {
          let next = position + 1;
          while (next < personEvents.length && !stepTypes.has(personEvents[next].type)) next++;
          if (next >= personEvents.length || !matchesEvent(personEvents[next], steps[step]) || !withinWindow(startAt, personEvents[next])) break;
          times.push(epochMs(personEvents[next]));
          position = next;
        }
        return times;
      };
    }
    case 'any': {
      const groups = funnelStepGroups(steps);
      const groupSizes = groups.reduce((sizes, group) => ((sizes[group] = (sizes[group] ?? 0) + 1), sizes), [] as number[]);
      const matchers = groupSizes.map((_size, group) => steps[groups.indexOf(group)]);
      return (personEvents, startIndex) => {
        const startAt = epochMs(personEvents[startIndex]);
        const times: number[] = [];
        matchers.forEach((matcher, group) => {
          let taken = 0;
          for (let index = startIndex; index < personEvents.length && taken < groupSizes[group] && withinWindow(startAt, personEvents[index]); index++) {
            if (!matchesEvent(personEvents[index], matcher)) continue;
            times.push(epochMs(personEvents[index]));
            taken++;
          }
        });
        return times.sort((a, b) => a - b);
      };
    }
  }
}

/** Steps the chain keeps: an excluded event strictly between the times of steps afterStep and beforeStep stops it before beforeStep. */
function reachedAfterExclusions(personEvents: readonly BehaviourEvent[], times: readonly number[], exclusions: readonly FunnelExclusion[]): number {
  let reached = times.length;
  for (const exclusion of exclusions) {
    if (exclusion.beforeStep > reached) continue;
    const after = times[exclusion.afterStep - 1];
    const before = times[exclusion.beforeStep - 1];
    if (personEvents.some((event) => matchesEvent(event, exclusion) && epochMs(event) > after && epochMs(event) < before)) reached = exclusion.beforeStep - 1;
  }
  return reached;
}

/** What the SQL path returns per (breakdown value, step): enough to assemble the same result. */
export interface FunnelStepTotals {
  breakdownValue: string | null;
  /** 1-based. */
  step: number;
  /** Persons who reached this step. */
  users: number;
  /** Over persons who reached this step (step ≥ 2): seconds since they reached the previous one. */
  medianSecondsFromPrevious: number | null;
  p95SecondsFromPrevious: number | null;
}

export interface FunnelStepResult {
  step: number;
  eventType: string;
  users: number;
  /** users / users of the previous step (1 for step 1); null when the previous step had nobody. */
  conversionFromPrevious: number | null;
  /** users / users of step 1; null when step 1 had nobody. */
  conversionFromFirst: number | null;
  /** Reached the previous step but not this one (0 for step 1). */
  droppedUsers: number;
  medianSecondsFromPrevious: number | null;
  p95SecondsFromPrevious: number | null;
}

export interface FunnelBreakdownResult {
  breakdownValue: string | null;
  steps: FunnelStepResult[];
}

export interface FunnelResult {
  steps: FunnelStepResult[];
  /** Per value of the breakdown property (most step-1 users first, then by value; null = not set); absent without a breakdown. */
  breakdowns?: FunnelBreakdownResult[];
}

/** Per (breakdown value, step) totals from outcomes; the overall funnel is breakdownValue null without a breakdown. */
export function funnelStepTotals(outcomes: readonly PersonFunnelOutcome[], stepCount: number): FunnelStepTotals[] {
  const groups = new Map<string | null, PersonFunnelOutcome[]>();
  for (const outcome of outcomes) {
    const group = groups.get(outcome.breakdownValue);
    if (group) group.push(outcome);
    else groups.set(outcome.breakdownValue, [outcome]);
  }
  const totals: FunnelStepTotals[] = [];
  for (const [breakdownValue, group] of groups) {
    // One pass to count who reached each step, one to fill each step's seconds into an array of that size:
    // a chunk-read funnel has 200 k outcomes, where filtering and mapping per step cost more than the walk.
    const reached = new Int32Array(stepCount + 2);
    for (const outcome of group) reached[outcome.stepsReached]++;
    for (let step = stepCount - 1; step >= 1; step--) reached[step] += reached[step + 1];
    const seconds = Array.from({ length: stepCount + 1 }, (_, step) => new Float64Array(step >= 2 ? reached[step] : 0));
    const filled = new Int32Array(stepCount + 1);
    for (const { stepsReached, stepTimes } of group) {
      for (let step = 2; step <= stepsReached; step++) seconds[step][filled[step]++] = (stepTimes[step - 1] - stepTimes[step - 2]) / 1000;
    }
    for (let step = 1; step <= stepCount; step++) {
      const [median, p95] = percentilesSortingInPlace(seconds[step], [0.5, 0.95]);
      totals.push({ breakdownValue, step, users: reached[step], medianSecondsFromPrevious: median ?? null, p95SecondsFromPrevious: p95 ?? null });
    }
  }
  return totals;
}

/**
 * The funnel from per-step totals (the SQL path's rows or `funnelStepTotals`). With a breakdown, the
 * overall steps add the groups' users; its times come from `overall` (percentiles do not add up).
 */
export function assembleFunnel(
  definition: FunnelDefinition,
  byBreakdown: readonly FunnelStepTotals[],
  overall?: readonly FunnelStepTotals[],
): FunnelResult {
  const stepCount = definition.steps.length;
  const build = (rows: readonly FunnelStepTotals[]): FunnelStepResult[] => {
    const users = Array.from({ length: stepCount }, (_, index) => rows.find((row) => row.step === index + 1));
    return users.map((row, index) => {
      const count = row?.users ?? 0;
      const previous = index === 0 ? count : (users[index - 1]?.users ?? 0);
      const first = users[0]?.users ?? 0;
      return {
        step: index + 1,
        eventType: definition.steps[index].eventType,
        users: count,
        conversionFromPrevious: index === 0 ? (count > 0 ? 1 : null) : previous > 0 ? count / previous : null,
        conversionFromFirst: first > 0 ? count / first : null,
        droppedUsers: index === 0 ? 0 : previous - count,
        medianSecondsFromPrevious: row?.medianSecondsFromPrevious ?? null,
        p95SecondsFromPrevious: row?.p95SecondsFromPrevious ?? null,
      };
    });
  };
  if (definition.breakdownProperty === undefined) return { steps: build(byBreakdown) };
  const values = [...new Set(byBreakdown.map((row) => row.breakdownValue))];
  const firstStepUsers = (value: string | null) => byBreakdown.find((row) => row.breakdownValue === value && row.step === 1)?.users ?? 0;
  values.sort((a, b) => firstStepUsers(b) - firstStepUsers(a) || compareNullableText(a, b));
  return {
    steps: build(overall ?? []),
    breakdowns: values.map((breakdownValue) => ({
      breakdownValue,
      steps: build(byBreakdown.filter((row) => row.breakdownValue === breakdownValue)),
    })),
  };
}

/** The whole analysis in memory: the reference the SQL path is tested against. */
export function computeFunnel(events: readonly BehaviourEvent[], definition: FunnelDefinition): FunnelResult {
  const outcomes = funnelOutcomes(events, definition);
  const stepCount = definition.steps.length;
  const byBreakdown = funnelStepTotals(outcomes, stepCount);
  if (definition.breakdownProperty === undefined) return assembleFunnel(definition, byBreakdown);
  const overall = funnelStepTotals(
    outcomes.map((outcome) => ({ ...outcome, breakdownValue: null })),
    stepCount,
  );
  return assembleFunnel(definition, byBreakdown, overall);
}

/** Persons who reached step − 1 but not `step` (step ≥ 2), in key order. */
export function funnelDroppedPersons(outcomes: readonly PersonFunnelOutcome[], step: number): string[] {
  return outcomes
    .filter((outcome) => outcome.stepsReached === step - 1)
    .map((outcome) => outcome.personKey)
    .sort(compareCodePoints);
}

function compareNullableText(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return compareCodePoints(a, b);
}

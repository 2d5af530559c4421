import { percentilesSortingInPlace } from '../statistics';
import { BehaviourEvent, compareCodePoints, epochMs, eventsByPerson } from './behaviour-event';
import { EventMatcher, matchesEvent, propertyText } from './property-filter';

export interface FunnelDefinition {
  /** Two or more steps, in order. */
  steps: readonly EventMatcher[];
  /** How long after entering (step 1) a person may take to reach a later step; inclusive. */
  conversionWindowMs: number;
  /** Split the funnel by this property of the step-1 event that starts the person's funnel. */
  breakdownProperty?: string;
}

/** How far one person got, from the start the rule below picked. */
export interface PersonFunnelOutcome {
  personKey: string;
  /** 1 … steps.length (persons who never did step 1 have no outcome). */
  stepsReached: number;
  /** Epoch ms at which each reached step happened, from the chosen start. */
  stepTimes: number[];
  breakdownValue: string | null;
}

/**
 * Each person's funnel, PostHog/Mixpanel style:
 * - a person's events are walked in time order (ties by event id); each event is used for one step at most;
 * - every occurrence of step 1 is a possible start; from a start, each next step is the earliest later
 *   event matching it (greedy, which reaches as far as any choice could), and counts only when it happens
 *   within the conversion window of the start (inclusive);
 * - the person's result is the start that reaches the furthest step; ties go to the earliest start.
 *   Times to convert are measured along that start's chain.
 * Callers pass only the events in the queried range: a conversion after the range end does not count.
 */
export function funnelOutcomes(events: readonly BehaviourEvent[], definition: FunnelDefinition): PersonFunnelOutcome[] {
  const { steps, conversionWindowMs } = definition;
  const outcomes: PersonFunnelOutcome[] = [];
  for (const [personKey, personEvents] of eventsByPerson(events)) {
    let best: { times: number[]; start: BehaviourEvent } | undefined;
    personEvents.forEach((start, startIndex) => {
      if (!matchesEvent(start, steps[0])) return;
      const startAt = epochMs(start);
      const times = [startAt];
      let position = startIndex;
      for (let step = 1; step < steps.length; step++) {
        let next = position + 1;
        while (next < personEvents.length && !matchesEvent(personEvents[next], steps[step])) next++;
        if (next >= personEvents.length || epochMs(personEvents[next]) - startAt > conversionWindowMs) break;
        times.push(epochMs(personEvents[next]));
        position = next;
      }
      if (best === undefined || times.length > best.times.length) best = { times, start };
    });
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

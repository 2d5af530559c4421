import type { PersonFunnelOutcome } from './funnel';

/** One person's times per distinct step type: lists[t] are the epoch-ms times of type `types[t]`, ascending (may be empty). */
export interface PersonTypeTimes {
  personKey: string;
  lists: readonly Float64Array[];
}

export interface TimelineFunnelInput {
  /** Distinct event types of the steps, in the order `lists` uses. */
  types: readonly string[];
  /** For each funnel step, the index into `types` of its event type (steps may repeat a type, e.g. page_view → page_view). */
  stepTypes: readonly number[];
  /** Inclusive, as FunnelDefinition.conversionWindowMs. */
  conversionWindowMs: number;
}

export interface TimelineFunnelResult {
  /** Outcomes of the persons that are not ambiguous and did step 1 at least once (breakdownValue always null), in the order given. */
  outcomes: PersonFunnelOutcome[];
  /** Persons with two events of different types at the same millisecond: their walk depends on event ids, which the times do not hold. */
  ambiguous: string[];
}

/**
 * `funnelOutcomes` for steps without property filters or breakdown, from each person's sorted times per
 * step type instead of raw events. Same rules: walk the person's events in time order, try every step-1
 * event as a start, follow each next step to the earliest later event of its type within the (inclusive)
 * window, keep the start that reaches furthest (ties: the earliest). Events of the same type at the same
 * millisecond are interchangeable; events of different types at the same millisecond are ordered by event
 * id, which the times lack, so such persons are returned as `ambiguous` for the caller to recompute.
 *
 * Without such ties, the walking order is the k-way merge of the lists, and "the earliest later event of
 * type u" is, in u's own list, the next entry when the previous step had type u too, else the first entry
 * later than the previous step's time. The walk reads the lists directly that way, without merging them.
 */
export function funnelOutcomesFromTimelines(persons: Iterable<PersonTypeTimes>, input: TimelineFunnelInput): TimelineFunnelResult {
  validateInput(input);
  const walk = createWalk(input.stepTypes.length);
  const outcomes: PersonFunnelOutcome[] = [];
  const ambiguous: string[] = [];
  for (const { personKey, lists } of persons) {
    if (lists.length !== input.types.length) {
      throw new RangeError(`person ${personKey} has ${lists.length} time lists, expected one per type (${input.types.length})`);
    }
    for (const list of lists) if (!isAscending(list)) throw new RangeError(`person ${personKey} has a time list that is not ascending`);
    if (hasDifferentTypesAtOneMs(lists)) {
      ambiguous.push(personKey);
      continue;
    }
    const stepsReached = walkBestStart(walk, lists, input);
    if (stepsReached > 0) outcomes.push({ personKey, stepsReached, stepTimes: bestTimes(walk, stepsReached), breakdownValue: null });
  }
  return { outcomes, ambiguous };
}

function validateInput({ types, stepTypes }: TimelineFunnelInput): void {
  if (stepTypes.length < 2) throw new RangeError(`a funnel needs at least 2 steps, got ${stepTypes.length}`);
  stepTypes.forEach((type, step) => {
    if (!Number.isInteger(type) || type < 0 || type >= types.length) {
      throw new RangeError(`stepTypes[${step}] = ${type} is not an index into types (0 … ${types.length - 1})`);
    }
  });
}

function isAscending(list: Float64Array): boolean {
  for (let index = 1; index < list.length; index++) if (list[index] < list[index - 1]) return false;
  return true;
}

/** Whether any two lists share a time: only event ids, which the times lack, could order those events. */
function hasDifferentTypesAtOneMs(lists: readonly Float64Array[]): boolean {
  for (let first = 0; first < lists.length; first++) {
    for (let second = first + 1; second < lists.length; second++) if (shareATime(lists[first], lists[second])) return true;
  }
  return false;
}

/** Two-pointer walk over two ascending lists; the pointer arithmetic avoids a hard-to-predict branch per entry. */
function shareATime(a: Float64Array, b: Float64Array): boolean {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i];
    const y = b[j];
    if (x === y) return true;
    const aFirst = +(x < y);
    i += aFirst;
    j += 1 - aFirst;
  }
  return false;
}

/** Per-step buffers reused across persons, so walking allocates nothing per event. */
interface Walk {
  /** For a step whose type differs from the previous step's: the index in its list where the search resumes. */
  resume: Int32Array;
  /** Times along the chain of the start being walked, and of the best start so far. */
  chain: Float64Array;
  best: Float64Array;
}

function createWalk(stepCount: number): Walk {
  return { resume: new Int32Array(stepCount), chain: new Float64Array(stepCount), best: new Float64Array(stepCount) };
}

/**
 * Walks every start and leaves the chain of the one reaching the most steps (the earliest on ties) in
 * `walk.best`; returns its steps reached, 0 when the person never did step 1. A later start's chain is
 * never earlier, step by step, than an earlier start's, so each step's search resumes where the previous
 * start's stopped: O(events × steps) per person.
 */
function walkBestStart(walk: Walk, lists: readonly Float64Array[], input: TimelineFunnelInput): number {
  const { resume, chain, best } = walk;
  const { stepTypes, conversionWindowMs } = input;
  const stepCount = stepTypes.length;
  const starts = lists[stepTypes[0]];
  resume.fill(0);
  let bestReached = 0;
  for (let start = 0; start < starts.length && bestReached < stepCount; start++) {
    const startAt = starts[start];
    chain[0] = startAt;
    let index = start;
    let step = 1;
    for (; step < stepCount; step++) {
      const list = lists[stepTypes[step]];
      if (stepTypes[step] === stepTypes[step - 1]) index++;
      else {
        index = resume[step];
        while (index < list.length && list[index] <= chain[step - 1]) index++;
        resume[step] = index;
      }
      // Same comparison as funnelOutcomes (a difference, not startAt + window), so the boundary agrees exactly.
      if (index >= list.length || list[index] - startAt > conversionWindowMs) break;
      chain[step] = list[index];
    }
    if (step > bestReached) {
      bestReached = step;
      for (let copied = 0; copied < step; copied++) best[copied] = chain[copied];
    }
  }
  return bestReached;
}

/** Copied by hand: Array.from and slice on a typed array take slow generic paths, which at 200 k persons cost more than the walk. */
function bestTimes(walk: Walk, stepsReached: number): number[] {
  const times: number[] = [];
  for (let step = 0; step < stepsReached; step++) times.push(walk.best[step]);
  return times;
}

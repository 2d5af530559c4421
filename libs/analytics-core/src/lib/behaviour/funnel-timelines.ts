import type { PersonFunnelOutcome } from './funnel';

/** One person's times per distinct step type: lists[t] are the epoch-ms times of type `types[t]`, ascending (may be empty). */
export interface PersonTypeTimes {
  personKey: string;
  lists: readonly Float64Array[];
}

/**
 * Many persons' times per type in one flat array (no object per person, which at 200 k persons costs more
 * than the walk): person p's times of type t are `times[starts[p * typeCount + t]]` up to (excluding)
 * `times[starts[p * typeCount + t + 1]]`, ascending.
 */
export interface TypeTimesTable {
  personKeys: readonly string[];
  typeCount: number;
  /** personKeys.length × typeCount + 1 offsets into `times`. */
  starts: Int32Array;
  times: Float64Array;
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
export function funnelOutcomesFromTimelines(table: TypeTimesTable, input: TimelineFunnelInput): TimelineFunnelResult {
  validateInput(input);
  if (table.typeCount !== input.types.length) throw new RangeError(`the table has ${table.typeCount} types, expected one per type (${input.types.length})`);
  const walk = createWalk(input.stepTypes.length, table.typeCount);
  const outcomes: PersonFunnelOutcome[] = [];
  const ambiguous: string[] = [];
  const { personKeys, typeCount, starts, times } = table;
  for (let person = 0; person < personKeys.length; person++) {
    const { from, to } = walk;
    for (let type = 0; type < typeCount; type++) {
      from[type] = starts[person * typeCount + type];
      to[type] = starts[person * typeCount + type + 1];
      if (!isAscending(times, from[type], to[type])) throw new RangeError(`person ${personKeys[person]} has times of type ${input.types[type]} that are not ascending`);
    }
    if (hasDifferentTypesAtOneMs(times, from, to)) {
      ambiguous.push(personKeys[person]);
      continue;
    }
    const stepsReached = walkBestStart(walk, times, input);
    if (stepsReached > 0) outcomes.push({ personKey: personKeys[person], stepsReached, stepTimes: bestTimes(walk, stepsReached), breakdownValue: null });
  }
  return { outcomes, ambiguous };
}

/** The flat table of separately held persons (tests, small inputs); each person needs one list per type. */
export function typeTimesTable(persons: Iterable<PersonTypeTimes>, typeCount: number): TypeTimesTable {
  const personKeys: string[] = [];
  const lists: Float64Array[] = [];
  for (const { personKey, lists: personLists } of persons) {
    if (personLists.length !== typeCount) throw new RangeError(`person ${personKey} has ${personLists.length} time lists, expected one per type (${typeCount})`);
    personKeys.push(personKey);
    lists.push(...personLists);
  }
  const starts = new Int32Array(lists.length + 1);
  lists.forEach((list, slot) => (starts[slot + 1] = starts[slot] + list.length));
  const times = new Float64Array(starts[lists.length]);
  lists.forEach((list, slot) => times.set(list, starts[slot]));
  return { personKeys, typeCount, starts, times };
}

function validateInput({ types, stepTypes }: TimelineFunnelInput): void {
  if (stepTypes.length < 2) throw new RangeError(`a funnel needs at least 2 steps, got ${stepTypes.length}`);
  stepTypes.forEach((type, step) => {
    if (!Number.isInteger(type) || type < 0 || type >= types.length) {
      throw new RangeError(`stepTypes[${step}] = ${type} is not an index into types (0 … ${types.length - 1})`);
    }
  });
}

function isAscending(times: Float64Array, from: number, to: number): boolean {
  for (let index = from + 1; index < to; index++) if (times[index] < times[index - 1]) return false;
  return true;
}

/** Whether the lists of two types share a time: only event ids, which the times lack, could order those events. */
function hasDifferentTypesAtOneMs(times: Float64Array, from: Int32Array, to: Int32Array): boolean {
  for (let first = 0; first < from.length; first++) {
    for (let second = first + 1; second < from.length; second++) if (shareATime(times, from[first], to[first], from[second], to[second])) return true;
  }
  return false;
}

/** Two-pointer walk over two ascending ranges; the pointer arithmetic avoids a hard-to-predict branch per entry. */
function shareATime(times: Float64Array, aFrom: number, aTo: number, bFrom: number, bTo: number): boolean {
  let i = aFrom;
  let j = bFrom;
  while (i < aTo && j < bTo) {
    const x = times[i];
    const y = times[j];
    if (x === y) return true;
    const aFirst = +(x < y);
    i += aFirst;
    j += 1 - aFirst;
  }
  return false;
}

/** Buffers reused across persons, so walking allocates nothing per event. */
interface Walk {
  /** The current person's range of `times` per type. */
  from: Int32Array;
  to: Int32Array;
  /** For a step whose type differs from the previous step's: the position in `times` where the search resumes. */
  resume: Int32Array;
  /** Times along the chain of the start being walked, and of the best start so far. */
  chain: Float64Array;
  best: Float64Array;
}

function createWalk(stepCount: number, typeCount: number): Walk {
  return {
    from: new Int32Array(typeCount),
    to: new Int32Array(typeCount),
    resume: new Int32Array(stepCount),
    chain: new Float64Array(stepCount),
    best: new Float64Array(stepCount),
  };
}

/**
 * Walks every start and leaves the chain of the one reaching the most steps (the earliest on ties) in
 * `walk.best`; returns its steps reached, 0 when the person never did step 1. A later start's chain is
 * never earlier, step by step, than an earlier start's, so each step's search resumes where the previous
 * start's stopped: O(events × steps) per person.
 */
function walkBestStart(walk: Walk, times: Float64Array, input: TimelineFunnelInput): number {
  const { from, to, resume, chain, best } = walk;
  const { stepTypes, conversionWindowMs } = input;
  const stepCount = stepTypes.length;
  for (let step = 1; step < stepCount; step++) resume[step] = from[stepTypes[step]];
  const startsEnd = to[stepTypes[0]];
  let bestReached = 0;
  for (let start = from[stepTypes[0]]; start < startsEnd && bestReached < stepCount; start++) {
    const startAt = times[start];
    chain[0] = startAt;
    let position = start;
    let step = 1;
    for (; step < stepCount; step++) {
      const type = stepTypes[step];
      const end = to[type];
      if (type === stepTypes[step - 1]) position++;
      else {
        position = resume[step];
        while (position < end && times[position] <= chain[step - 1]) position++;
        resume[step] = position;
      }
      // Same comparison as funnelOutcomes (a difference, not startAt + window), so the boundary agrees exactly.
      if (position >= end || times[position] - startAt > conversionWindowMs) break;
      chain[step] = times[position];
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

import type { PersonFunnelOutcome } from './funnel';
import type { FunnelOrder, FunnelStartMode } from './funnel-definition';

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

/** FunnelExclusion without filters: `type` is the index into `types` of the excluded event type. */
export interface TimelineExclusion {
  type: number;
  afterStep: number;
  beforeStep: number;
}

export interface TimelineFunnelInput {
  /** Distinct event types of the steps and exclusions, in the order `lists` uses. */
  types: readonly string[];
  /** For each funnel step, the index into `types` of its event type (steps may repeat a type, e.g. page_view → page_view). */
  stepTypes: readonly number[];
  /** Inclusive, as FunnelDefinition.conversionWindowMs. */
  conversionWindowMs: number;
  /** As FunnelDefinition's; defaults `any` and `sequential`. */
  startMode?: FunnelStartMode;
  order?: FunnelOrder;
  exclusions?: readonly TimelineExclusion[];
}

export interface TimelineFunnelResult {
  /** Outcomes of the persons that are not ambiguous and did step 1 (with order any: some step) at least once (breakdownValue always null), in the order given. */
  outcomes: PersonFunnelOutcome[];
  /**
   * Persons with two events of different step types at the same millisecond: their walk depends on event ids,
   * which the times do not hold. Never with `order: any`, whose answer does not depend on that order.
   */
  ambiguous: string[];
}

/**
 * `funnelOutcomes` for steps and exclusions without property filters and no breakdown, from each person's
 * sorted times per type instead of raw events, with the same rules for every start mode and order. Events
 * of the same type at the same millisecond are interchangeable; events of different step types at the same
 * millisecond are ordered by event id, which the times lack, so with a sequential or strict order such
 * persons are returned as `ambiguous` for the caller to recompute (exclusions compare times strictly, and an
 * unordered window holds every event from its start's millisecond on: neither needs the ids).
 *
 * Without such ties, the walking order is the k-way merge of the lists. The sequential walk reads the lists
 * directly: "the earliest later event of type u" is, in u's own list, the next entry when the previous step
 * had type u too, else the first entry later than the previous step's time. Strict and unordered walks
 * merge the person's step-type lists first.
 */
export function funnelOutcomesFromTimelines(table: TypeTimesTable, input: TimelineFunnelInput): TimelineFunnelResult {
  validateInput(input);
  if (table.typeCount !== input.types.length) throw new RangeError(`the table has ${table.typeCount} types, expected one per type (${input.types.length})`);
  const walk = createWalk(input, table.typeCount);
  const walkPerson = { sequential: walkBestStart, strict: walkStrictOrder, any: walkAnyOrder }[input.order ?? 'sequential'];
  const ordersById = input.order !== 'any';
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
    if (ordersById && hasDifferentTypesAtOneMs(times, from, to, walk.stepTypeSet)) {
      ambiguous.push(personKeys[person]);
      continue;
    }
    const stepsReached = walkPerson(walk, times, input);
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

function validateInput({ types, stepTypes, exclusions, order }: TimelineFunnelInput): void {
  if (stepTypes.length < 2) throw new RangeError(`a funnel needs at least 2 steps, got ${stepTypes.length}`);
  const checkType = (type: number, name: string) => {
    if (!Number.isInteger(type) || type < 0 || type >= types.length) throw new RangeError(`${name} = ${type} is not an index into types (0 … ${types.length - 1})`);
  };
  stepTypes.forEach((type, step) => checkType(type, `stepTypes[${step}]`));
  (exclusions ?? []).forEach(({ type, afterStep, beforeStep }, index) => {
    checkType(type, `exclusions[${index}].type`);
    if (!Number.isInteger(afterStep) || !Number.isInteger(beforeStep) || afterStep < 1 || beforeStep <= afterStep || beforeStep > stepTypes.length) {
      throw new RangeError(`exclusions[${index}] must have 1 <= afterStep < beforeStep <= ${stepTypes.length}`);
    }
    if (order === 'any' && (afterStep !== 1 || beforeStep !== stepTypes.length)) throw new RangeError(`exclusions[${index}] must span all steps with order any`);
  });
}

function isAscending(times: Float64Array, from: number, to: number): boolean {
  for (let index = from + 1; index < to; index++) if (times[index] < times[index - 1]) return false;
  return true;
}

/** Whether the lists of two of these types share a time: only event ids, which the times lack, could order those events. */
function hasDifferentTypesAtOneMs(times: Float64Array, from: Int32Array, to: Int32Array, types: Int32Array): boolean {
  for (let first = 0; first < types.length; first++) {
    const a = types[first];
    for (let second = first + 1; second < types.length; second++) {
      const b = types[second];
      if (shareATime(times, from[a], to[a], from[b], to[b])) return true;
    }
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
  /** The distinct types of the steps; with order any, how many steps have each (`groupSizes[type]`). */
  stepTypeSet: Int32Array;
  groupSizes: Int32Array;
  exclusions: readonly TimelineExclusion[];
  /** Per type: the next entry to merge, or the first entry not before the unordered window's start. */
  cursor: Int32Array;
  /** Strict and unordered walks: the person's step-type events merged in time order (grown as needed). */
  mergedTimes: Float64Array;
  mergedTypes: Int32Array;
}

function createWalk(input: TimelineFunnelInput, typeCount: number): Walk {
  const stepCount = input.stepTypes.length;
  const groupSizes = new Int32Array(typeCount);
  for (const type of input.stepTypes) groupSizes[type]++;
  return {
    from: new Int32Array(typeCount),
    to: new Int32Array(typeCount),
    resume: new Int32Array(stepCount),
    cursor: new Int32Array(typeCount),
    chain: new Float64Array(stepCount),
    best: new Float64Array(stepCount),
    stepTypeSet: Int32Array.from(new Set(input.stepTypes)),
    groupSizes,
    exclusions: input.exclusions ?? [],
    mergedTimes: new Float64Array(64),
    mergedTypes: new Int32Array(64),
  };
}

/**
 * Walks every start and leaves the chain of the one reaching the most steps (the earliest on ties) in
 * `walk.best`; returns its steps reached, 0 when the person never did step 1. A later start's chain is
 * never earlier, step by step, than an earlier start's, so each step's search resumes where the previous
 * start's stopped: O(events × steps) per person.
 */
function walkBestStart(walk: Walk, times: Float64Array, input: TimelineFunnelInput): number {
  const { from, to, resume, chain } = walk;
  const { stepTypes, conversionWindowMs } = input;
  const stepCount = stepTypes.length;
  for (let step = 1; step < stepCount; step++) resume[step] = from[stepTypes[step]];
  const startsEnd = input.startMode === 'first' ? Math.min(to[stepTypes[0]], from[stepTypes[0]] + 1) : to[stepTypes[0]];
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
    const reached = walk.exclusions.length === 0 ? step : reachedAfterExclusions(walk, times, step);
    if (reached > bestReached) keepChain(walk, (bestReached = reached));
  }
  return bestReached;
}

/** As walkBestStart for `order: strict`: from a start, step k + 1 must be the next merged step-type event. */
function walkStrictOrder(walk: Walk, times: Float64Array, input: TimelineFunnelInput): number {
  const { stepTypes, conversionWindowMs } = input;
  const stepCount = stepTypes.length;
  const length = mergeStepTypes(walk, times);
  const { mergedTimes, mergedTypes, chain } = walk;
  let bestReached = 0;
  for (let start = 0; start < length && bestReached < stepCount; start++) {
    if (mergedTypes[start] !== stepTypes[0]) continue;
    const startAt = mergedTimes[start];
    chain[0] = startAt;
    let step = 1;
    for (; step < stepCount; step++) {
      const next = start + step;
      if (next >= length || mergedTypes[next] !== stepTypes[step] || mergedTimes[next] - startAt > conversionWindowMs) break;
      chain[step] = mergedTimes[next];
    }
    const reached = walk.exclusions.length === 0 ? step : reachedAfterExclusions(walk, times, step);
    if (reached > bestReached) keepChain(walk, (bestReached = reached));
    if (input.startMode === 'first') break;
  }
  return bestReached;
}

/**
 * As walkBestStart for `order: any`. A start's window is every event from its millisecond to the window's
 * end: of events at one millisecond the first walked has the largest window, so later ones are skipped (they
 * reach no further, and lose ties). Each step type serves as many steps as have it, earliest events first.
 */
function walkAnyOrder(walk: Walk, times: Float64Array, input: TimelineFunnelInput): number {
  const { stepTypes, conversionWindowMs } = input;
  const stepCount = stepTypes.length;
  const length = mergeStepTypes(walk, times);
  const { mergedTimes, chain, stepTypeSet, groupSizes, from, to, cursor: low } = walk;
  for (const type of stepTypeSet) low[type] = from[type];
  let bestReached = 0;
  for (let start = 0; start < length && bestReached < stepCount; start++) {
    const startAt = mergedTimes[start];
    if (start > 0 && mergedTimes[start - 1] === startAt) continue;
    let count = 0;
    for (const type of stepTypeSet) {
      while (low[type] < to[type] && times[low[type]] < startAt) low[type]++;
      const end = Math.min(to[type], low[type] + groupSizes[type]);
      for (let index = low[type]; index < end && times[index] - startAt <= conversionWindowMs; index++) chain[count++] = times[index];
    }
    sortSmall(chain, count);
    const reached = walk.exclusions.length === 0 ? count : reachedAfterExclusions(walk, times, count);
    if (reached > bestReached) keepChain(walk, (bestReached = reached));
    if (input.startMode === 'first') break;
  }
  return bestReached;
}

function keepChain(walk: Walk, reached: number): void {
  for (let copied = 0; copied < reached; copied++) walk.best[copied] = walk.chain[copied];
}

/** Steps the chain in `walk.chain` keeps: an excluded event strictly between the times of steps afterStep and beforeStep stops it before beforeStep. */
function reachedAfterExclusions(walk: Walk, times: Float64Array, stepsReached: number): number {
  const { chain, from, to } = walk;
  let reached = stepsReached;
  for (const { type, afterStep, beforeStep } of walk.exclusions) {
    if (beforeStep > reached) continue;
    const next = firstLater(times, from[type], to[type], chain[afterStep - 1]);
    if (next < to[type] && times[next] < chain[beforeStep - 1]) reached = beforeStep - 1;
  }
  return reached;
}

/** The first index in [low, high) of an ascending range whose time is later than `at` (high when none). */
function firstLater(times: Float64Array, low: number, high: number, at: number): number {
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (times[middle] <= at) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The person's events of the step types in time order into walk.merged*; returns their number. */
function mergeStepTypes(walk: Walk, times: Float64Array): number {
  const { stepTypeSet, from, to, cursor: next } = walk;
  let length = 0;
  for (const type of stepTypeSet) {
    length += to[type] - from[type];
    next[type] = from[type];
  }
  if (walk.mergedTimes.length < length) {
    walk.mergedTimes = new Float64Array(length * 2);
    walk.mergedTypes = new Int32Array(length * 2);
  }
  const { mergedTimes, mergedTypes } = walk;
  for (let index = 0; index < length; index++) {
    let earliest = -1;
    for (const type of stepTypeSet) if (next[type] < to[type] && (earliest < 0 || times[next[type]] < times[next[earliest]])) earliest = type;
    mergedTimes[index] = times[next[earliest]++];
    mergedTypes[index] = earliest;
  }
  return length;
}

/** Insertion sort of the first `count` values (at most the number of steps). */
function sortSmall(values: Float64Array, count: number): void {
  for (let index = 1; index < count; index++) {
    const value = values[index];
    let hole = index;
    while (hole > 0 && values[hole - 1] > value) {
      values[hole] = values[hole - 1];
      hole--;
    }
    values[hole] = value;
  }
}

/** Copied by hand: Array.from and slice on a typed array take slow generic paths, which at 200 k persons cost more than the walk. */
function bestTimes(walk: Walk, stepsReached: number): number[] {
  const times: number[] = [];
  for (let step = 0; step < stepsReached; step++) times.push(walk.best[step]);
  return times;
}

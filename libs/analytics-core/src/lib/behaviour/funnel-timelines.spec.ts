import { seededRandom } from '../seeded-random';
import type { BehaviourEvent } from './behaviour-event';
import { funnelOutcomes, type PersonFunnelOutcome } from './funnel';
import { funnelOutcomesFromTimelines, typeTimesTable, type PersonTypeTimes, type TimelineFunnelInput } from './funnel-timelines';

/** The persons as one flat table, walked. */
function outcomesOf(persons: Iterable<PersonTypeTimes>, input: TimelineFunnelInput) {
  return funnelOutcomesFromTimelines(typeTimesTable(persons, input.types.length), input);
}

const T0 = Date.parse('2026-03-01T10:00:00Z');

/** A person from [type index, ms after T0] pairs in any order (each list gets sorted, as the database keeps it). */
function person(personKey: string, typeCount: number, events: [number, number][]): PersonTypeTimes {
  const lists = Array.from({ length: typeCount }, (_, type) =>
    Float64Array.from(events.filter(([eventType]) => eventType === type).map(([, offset]) => T0 + offset)).sort(),
  );
  return { personKey, lists };
}

function outcome(personKey: string, offsets: number[]): PersonFunnelOutcome {
  return { personKey, stepsReached: offsets.length, stepTimes: offsets.map((offset) => T0 + offset), breakdownValue: null };
}

// Type indexes of the hand-computed cases.
const A = 0;
const B = 1;
const C = 2;
const ABC = ['a', 'b', 'c'];

describe('funnelOutcomesFromTimelines', () => {
  it('counts a step reached exactly at the window end, not one millisecond later', () => {
    const input: TimelineFunnelInput = { types: ABC, stepTypes: [A, B], conversionWindowMs: 1000 };
    const result = outcomesOf([person('exact', 3, [[A, 0], [B, 1000]]), person('late', 3, [[A, 0], [B, 1001]])], input);
    expect(result).toEqual({ outcomes: [outcome('exact', [0, 1000]), outcome('late', [0])], ambiguous: [] });
  });

  it('uses each event for one step at most when steps repeat a type (a → a → b)', () => {
    const input: TimelineFunnelInput = { types: ABC, stepTypes: [A, A, B], conversionWindowMs: 1000 };
    const result = outcomesOf(
      [
        // a, a, b in order: all 3 steps.
        person('straight', 3, [[A, 0], [A, 10], [B, 20]]),
        // b comes before the second a, and nothing follows it: a, a is 2 steps.
        person('b-too-early', 3, [[A, 0], [B, 5], [A, 10]]),
        // one a cannot be step 1 and step 2.
        person('single-a', 3, [[A, 0], [B, 5]]),
      ],
      input,
    );
    expect(result.outcomes).toEqual([outcome('straight', [0, 10, 20]), outcome('b-too-early', [0, 10]), outcome('single-a', [0])]);
  });

  it('picks a later start when it reaches further than the earliest', () => {
    // From a@0: b@500 is in the 1 s window, c@1700 is not (2 steps). From a@800: b@1500 (700 ms), c@1700 (900 ms): 3 steps.
    const input: TimelineFunnelInput = { types: ABC, stepTypes: [A, B, C], conversionWindowMs: 1000 };
    const result = outcomesOf([person('p', 3, [[A, 0], [B, 500], [A, 800], [B, 1500], [C, 1700]])], input);
    expect(result.outcomes).toEqual([outcome('p', [800, 1500, 1700])]);
  });

  it('breaks a tie between starts in favour of the earliest', () => {
    // From a@0: b@100, then no c (2 steps). From a@200: b@300, no c (2 steps). Tie → a@0's chain.
    const input: TimelineFunnelInput = { types: ABC, stepTypes: [A, B, C], conversionWindowMs: 1000 };
    const result = outcomesOf([person('p', 3, [[A, 200], [B, 300], [A, 0], [B, 100]])], input);
    expect(result.outcomes).toEqual([outcome('p', [0, 100])]);
  });

  it('gives no outcome to a person who never did step 1, even with later steps', () => {
    const input: TimelineFunnelInput = { types: ABC, stepTypes: [A, B], conversionWindowMs: 1000 };
    const result = outcomesOf([person('no-a', 3, [[B, 0], [C, 10]]), person('nothing', 3, [])], input);
    expect(result).toEqual({ outcomes: [], ambiguous: [] });
  });

  it('treats events of the same type at the same millisecond as interchangeable', () => {
    // Two a@0: either can be step 1 and the other step 2; b@5 is step 3.
    const input: TimelineFunnelInput = { types: ABC, stepTypes: [A, A, B], conversionWindowMs: 1000 };
    const result = outcomesOf([person('p', 3, [[A, 0], [A, 0], [B, 5]])], input);
    expect(result).toEqual({ outcomes: [outcome('p', [0, 0, 5])], ambiguous: [] });
  });

  it('reports persons with events of different types at the same millisecond as ambiguous, without an outcome', () => {
    // Whether b@0 follows a@0 depends on their event ids. The rule is about the events alone, so it also
    // applies to a person without step 1.
    const input: TimelineFunnelInput = { types: ABC, stepTypes: [A, B, C], conversionWindowMs: 1000 };
    const result = outcomesOf(
      [person('clear', 3, [[A, 0], [B, 1]]), person('tied', 3, [[A, 0], [B, 0]]), person('tied-no-a', 3, [[B, 5], [C, 5]])],
      input,
    );
    expect(result).toEqual({ outcomes: [outcome('clear', [0, 1])], ambiguous: ['tied', 'tied-no-a'] });
  });

  it('returns nothing for no persons, from any iterable', () => {
    const input: TimelineFunnelInput = { types: ABC, stepTypes: [A, B], conversionWindowMs: 1000 };
    expect(outcomesOf([], input)).toEqual({ outcomes: [], ambiguous: [] });
    function* none(): Generator<PersonTypeTimes> {
      // yields nothing
    }
    expect(outcomesOf(none(), input)).toEqual({ outcomes: [], ambiguous: [] });
  });

  it('rejects fewer than 2 steps, step types outside types, lists not one per type, and unsorted lists', () => {
    const valid: TimelineFunnelInput = { types: ['a', 'b'], stepTypes: [0, 1], conversionWindowMs: 1000 };
    expect(() => outcomesOf([], { ...valid, stepTypes: [0] })).toThrow(RangeError);
    expect(() => outcomesOf([], { ...valid, stepTypes: [0, 2] })).toThrow(RangeError);
    expect(() => outcomesOf([], { ...valid, stepTypes: [-1, 1] })).toThrow(RangeError);
    expect(() => outcomesOf([], { ...valid, stepTypes: [0, 0.5] })).toThrow(RangeError);
    expect(() => outcomesOf([person('p', 3, [[0, 0]])], valid)).toThrow(RangeError);
    expect(() => outcomesOf([{ personKey: 'p', lists: [Float64Array.of(5, 1), Float64Array.of()] }], valid)).toThrow(RangeError);
  });

  describe('start modes, orders and exclusions (hand-computed)', () => {
    const D = 3;
    const ABCD = ['a', 'b', 'c', 'd'];

    it('with startMode first, walks only the first step-1 time', () => {
      // a@0 cannot reach b within 1 s; a@2000 reaches b@2100.
      const events: [number, number][] = [[A, 0], [A, 2000], [B, 2100]];
      const input: TimelineFunnelInput = { types: ABC, stepTypes: [A, B], conversionWindowMs: 1000 };
      expect(outcomesOf([person('p', 3, events)], input).outcomes).toEqual([outcome('p', [2000, 2100])]);
      expect(outcomesOf([person('p', 3, events)], { ...input, startMode: 'first' }).outcomes).toEqual([outcome('p', [0])]);
    });

    it('with order strict, ends a chain at a step-type event that is not the next step, and tries later starts', () => {
      const input: TimelineFunnelInput = { types: ABC, stepTypes: [A, B, C], conversionWindowMs: 1000, order: 'strict' };
      const result = outcomesOf(
        [
          // c between a and b interrupts: 1 step (sequential: a, b@20, c@30).
          person('interrupted', 3, [[A, 0], [C, 10], [B, 20], [C, 30]]),
          // a, a, b, c: from the first a the next is an a; the second a gives all 3.
          person('restarted', 3, [[A, 0], [A, 10], [B, 20], [C, 30]]),
        ],
        input,
      );
      expect(result.outcomes).toEqual([outcome('interrupted', [0]), outcome('restarted', [10, 20, 30])]);
    });

    it('with order strict, lets events of types that are no step pass', () => {
      const input: TimelineFunnelInput = { types: ABCD, stepTypes: [A, B], conversionWindowMs: 1000, order: 'strict', exclusions: [] };
      expect(outcomesOf([person('p', 4, [[A, 0], [D, 5], [B, 10]])], input).outcomes).toEqual([outcome('p', [0, 10])]);
    });

    it('with order any, counts steps in any order within the window from its earliest event, each type as often as the steps have it', () => {
      const input: TimelineFunnelInput = { types: ABC, stepTypes: [A, A, B], conversionWindowMs: 100, order: 'any' };
      const result = outcomesOf(
        [
          // b@0, a@10, a@20: 3 steps from b.
          person('reversed', 3, [[B, 0], [A, 10], [A, 20]]),
          // b@0, a@200 (outside b's window), a@250: from a@200, a and a (2), tie-free: 2 steps at 200, 250.
          person('split', 3, [[B, 0], [A, 200], [A, 250]]),
          // b and a at the same millisecond: not ambiguous in any order.
          person('tied', 3, [[B, 0], [A, 0]]),
        ],
        input,
      );
      expect(result).toEqual({ outcomes: [outcome('reversed', [0, 10, 20]), outcome('split', [200, 250]), outcome('tied', [0, 0])], ambiguous: [] });
    });

    it('cuts a chain at beforeStep for an excluded event strictly between the steps, and keeps a clean later chain', () => {
      const input: TimelineFunnelInput = { types: ABCD, stepTypes: [A, B, C], conversionWindowMs: 1000, exclusions: [{ type: D, afterStep: 2, beforeStep: 3 }] };
      const result = outcomesOf(
        [
          person('cut', 4, [[A, 0], [B, 10], [D, 15], [C, 20]]),
          // d at the same millisecond as b and as c: not strictly between.
          person('touching', 4, [[A, 0], [B, 10], [D, 10], [D, 20], [C, 20]]),
          // d before the chain and after it: no effect.
          person('outside', 4, [[D, 0], [A, 5], [B, 10], [C, 20], [D, 30]]),
          // the first chain is cut, the second (a@100) is clean.
          person('second', 4, [[A, 0], [B, 10], [D, 15], [C, 20], [A, 100], [B, 110], [C, 120]]),
        ],
        input,
      );
      expect(result.outcomes).toEqual([outcome('cut', [0, 10]), outcome('touching', [0, 10, 20]), outcome('outside', [5, 10, 20]), outcome('second', [100, 110, 120])]);
      const first = outcomesOf([person('second', 4, [[A, 0], [B, 10], [D, 15], [C, 20], [A, 100], [B, 110], [C, 120]])], { ...input, startMode: 'first' });
      expect(first.outcomes).toEqual([outcome('second', [0, 10])]);
    });

    it('does not call a person ambiguous for ties of an exclusion type with a step type', () => {
      const input: TimelineFunnelInput = { types: ABCD, stepTypes: [A, B], conversionWindowMs: 1000, exclusions: [{ type: D, afterStep: 1, beforeStep: 2 }] };
      expect(outcomesOf([person('p', 4, [[A, 0], [D, 0], [B, 10]])], input)).toEqual({ outcomes: [outcome('p', [0, 10])], ambiguous: [] });
    });

    it('rejects exclusions outside the steps or out of order, and partial ones with order any', () => {
      const valid: TimelineFunnelInput = { types: ABCD, stepTypes: [A, B, C], conversionWindowMs: 1000 };
      expect(() => outcomesOf([], { ...valid, exclusions: [{ type: 4, afterStep: 1, beforeStep: 2 }] })).toThrow(RangeError);
      expect(() => outcomesOf([], { ...valid, exclusions: [{ type: D, afterStep: 2, beforeStep: 2 }] })).toThrow(RangeError);
      expect(() => outcomesOf([], { ...valid, exclusions: [{ type: D, afterStep: 1, beforeStep: 4 }] })).toThrow(RangeError);
      expect(() => outcomesOf([], { ...valid, order: 'any', exclusions: [{ type: D, afterStep: 1, beforeStep: 2 }] })).toThrow(RangeError);
    });
  });

  describe('agrees with funnelOutcomes on random events in every start mode, order and with exclusions', () => {
    const events = randomEvents(seededRandom(20261201), 300);
    const byPerson = groupByPerson(events);
    const STEPS = [['a', 'b', 'c'], ['a', 'a', 'b'], ['c', 'b', 'b', 'a']];
    const EXCLUSIONS: Array<{ name: string; of: (stepCount: number) => Array<{ eventType: string; afterStep: number; beforeStep: number }> }> = [
      { name: 'no exclusion', of: () => [] },
      { name: 'd excluded over the whole funnel', of: (stepCount) => [{ eventType: 'd', afterStep: 1, beforeStep: stepCount }] },
      { name: 'b excluded between steps 2 and 3, d between 1 and 2', of: () => [{ eventType: 'b', afterStep: 2, beforeStep: 3 }, { eventType: 'd', afterStep: 1, beforeStep: 2 }] },
    ];
    const cases = STEPS.flatMap((steps) =>
      (['any', 'first'] as const).flatMap((startMode) =>
        (['sequential', 'strict', 'any'] as const).flatMap((order) =>
          EXCLUSIONS.filter((exclusion) => order !== 'any' || exclusion.name !== EXCLUSIONS[2].name).flatMap((exclusion) =>
            [3, 60, 1_000_000].map((windowMs) => ({ name: `${steps.join(' → ')}, ${startMode}, ${order}, ${exclusion.name}`, steps, startMode, order, exclusions: exclusion.of(steps.length), windowMs })),
          ),
        ),
      ),
    );

    it.each(cases)('$name within $windowMs ms', ({ steps, startMode, order, exclusions, windowMs }) => {
      const types = [...new Set([...steps, ...exclusions.map((exclusion) => exclusion.eventType)])];
      const expected = funnelOutcomes(events, { steps: steps.map((eventType) => ({ eventType })), conversionWindowMs: windowMs, startMode, order, exclusions });
      const result = outcomesOf(
        [...byPerson].map(([personKey, personEvents]) => ({ personKey, lists: timesPerType(personEvents, types) })),
        {
          types,
          stepTypes: steps.map((step) => types.indexOf(step)),
          conversionWindowMs: windowMs,
          startMode,
          order,
          exclusions: exclusions.map(({ eventType, afterStep, beforeStep }) => ({ type: types.indexOf(eventType), afterStep, beforeStep })),
        },
      );
      const ambiguous = order === 'any' ? [] : [...byPerson].filter(([, personEvents]) => hasDifferentTypesAtOneMs(personEvents, [...new Set(steps)])).map(([key]) => key);
      expect(result.ambiguous).toEqual(ambiguous);
      const ambiguousSet = new Set(ambiguous);
      const byKey = (a: PersonFunnelOutcome, b: PersonFunnelOutcome) => (a.personKey < b.personKey ? -1 : a.personKey > b.personKey ? 1 : 0);
      expect([...result.outcomes].sort(byKey)).toEqual(expected.filter((o) => !ambiguousSet.has(o.personKey)));
      expect(result.outcomes.length).toBeGreaterThan(50);
      if (windowMs >= 60 && order !== 'strict') expect(Math.max(...result.outcomes.map((o) => o.stepsReached))).toBe(steps.length);
      // Not vacuous: the exclusions and the first start change some persons' outcomes (a long window lets the
      // first start reach as far as any; few strict chains complete with a d inside).
      if (windowMs >= 60 && exclusions.length > 0 && (order !== 'strict' || exclusions.length > 1)) {
        expect(expected).not.toEqual(funnelOutcomes(events, { steps: steps.map((eventType) => ({ eventType })), conversionWindowMs: windowMs, startMode, order }));
      }
      if (windowMs === 60 && startMode === 'first') {
        expect(expected).not.toEqual(funnelOutcomes(events, { steps: steps.map((eventType) => ({ eventType })), conversionWindowMs: windowMs, order, exclusions }));
      }
    });
  });

  describe('agrees with funnelOutcomes on random events', () => {
    const STEP_DEFINITIONS = [['a', 'b'], ['a', 'a'], ['b', 'a', 'c'], ['a', 'a', 'b'], ['a', 'b', 'a', 'c'], ['c', 'b', 'b', 'a']];
    const WINDOWS_MS = [0, 3, 10, 60, 1_000_000];

    const events = randomEvents(seededRandom(20260301), 400);
    const byPerson = groupByPerson(events);

    it.each(STEP_DEFINITIONS.flatMap((steps) => WINDOWS_MS.map((windowMs) => ({ name: steps.join(' → '), steps, windowMs }))))(
      '$name within $windowMs ms',
      ({ steps, windowMs }) => {
        const types = [...new Set(steps)];
        const expected = funnelOutcomes(events, { steps: steps.map((eventType) => ({ eventType })), conversionWindowMs: windowMs });
        const result = outcomesOf(
          [...byPerson].map(([personKey, personEvents]) => ({ personKey, lists: timesPerType(personEvents, types) })),
          { types, stepTypes: steps.map((step) => types.indexOf(step)), conversionWindowMs: windowMs },
        );

        const ambiguous = [...byPerson].filter(([, personEvents]) => hasDifferentTypesAtOneMs(personEvents, types)).map(([key]) => key);
        expect(result.ambiguous).toEqual(ambiguous);
        const ambiguousSet = new Set(ambiguous);
        const byKey = (a: PersonFunnelOutcome, b: PersonFunnelOutcome) => (a.personKey < b.personKey ? -1 : a.personKey > b.personKey ? 1 : 0);
        expect([...result.outcomes].sort(byKey)).toEqual(expected.filter((o) => !ambiguousSet.has(o.personKey)));

        // Guard against a vacuous pass: both kinds of person occur, and clear persons cover every number of steps reached.
        if (types.length > 1) expect(ambiguous.length).toBeGreaterThan(20);
        expect(result.outcomes.length).toBeGreaterThan(50);
        if (windowMs >= 60) {
          const reached = new Set(result.outcomes.map((o) => o.stepsReached));
          expect([...reached].sort()).toEqual(steps.map((_, index) => index + 1));
        }
      },
    );
  });
});

/**
 * Persons with 0–120 events over types a–d (d is in no funnel: its collisions must not make a person
 * ambiguous). Times come from a small range (many same-ms collisions, of same and different types), a
 * medium one, or a wide one (few collisions, and persons large enough to grow the scratch buffers);
 * some events copy the time of an earlier event of their type. Event ids are random, so the walking order
 * of same-ms events is unrelated to the order they were made in.
 */
function randomEvents(random: () => number, personCount: number): BehaviourEvent[] {
  const events: BehaviourEvent[] = [];
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)];
  for (let index = 0; index < personCount; index++) {
    const personKey = `p${String(index).padStart(3, '0')}`;
    const spreadMs = pick([8, 40, 100_000]);
    const count = Math.floor(random() * (spreadMs > 1000 ? 121 : 13));
    const personEvents: BehaviourEvent[] = [];
    for (let n = 0; n < count; n++) {
      const type = pick(['a', 'a', 'b', 'c', 'd']);
      const sameType = personEvents.filter((event) => event.type === type);
      const occurredAt = sameType.length > 0 && random() < 0.25 ? (pick(sameType).occurredAt as number) : T0 + Math.floor(random() * spreadMs);
      const eventId = `${Math.floor(random() * 1e9).toString(36)}-${index}-${n}`;
      personEvents.push({ eventId, personKey, type, occurredAt });
    }
    events.push(...personEvents);
  }
  return events;
}

function groupByPerson(events: readonly BehaviourEvent[]): Map<string, BehaviourEvent[]> {
  const byPerson = new Map<string, BehaviourEvent[]>();
  for (const event of events) byPerson.set(event.personKey, [...(byPerson.get(event.personKey) ?? []), event]);
  return byPerson;
}

function timesPerType(events: readonly BehaviourEvent[], types: readonly string[]): Float64Array[] {
  return types.map((type) => Float64Array.from(events.filter((event) => event.type === type).map((event) => event.occurredAt as number)).sort());
}

/** The independent definition of ambiguity: two events of different step types at the same millisecond. */
function hasDifferentTypesAtOneMs(events: readonly BehaviourEvent[], types: readonly string[]): boolean {
  const typesAt = new Map<number, Set<string>>();
  for (const event of events) {
    if (!types.includes(event.type)) continue;
    const at = event.occurredAt as number;
    typesAt.set(at, (typesAt.get(at) ?? new Set()).add(event.type));
  }
  return [...typesAt.values()].some((set) => set.size > 1);
}

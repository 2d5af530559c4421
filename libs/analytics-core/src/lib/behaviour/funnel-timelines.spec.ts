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
    const input: TimelineFunnelInput = { types: ABC, stepTypes: [A, B], conversionWindowMs: 1000 };
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

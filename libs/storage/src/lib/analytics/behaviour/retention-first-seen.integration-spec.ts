import { retentionCounts, retentionPeriodBoundaries, type RetentionCount, type RetentionDefinition, type RetentionPeriod } from '@pulse/analytics-core';
import { STORE_TARGETS, type OpenedStore } from '../../../testing/store-targets';
import { asBehaviourEvents, insertProcessedBehaviourEvents, seededRandom, type BehaviourTestEvent } from './behaviour-test-events';
import type { PersonCondition } from './person-condition';
import { readsFirstSeen } from './retention-first-seen.sql';
import { RetentionQuery, type RetentionQueryInput } from './retention.query';

const BERLIN = 'Europe/Berlin';
const TENANT = { id: '3c8e1f2a-5b6d-4e7f-9a0b-1c2d3e4f5a6b', timeZone: BERLIN, currency: 'EUR' };
const OTHER_TENANT = { id: '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a', timeZone: BERLIN, currency: 'EUR' };

/** Persons with a first day spread over Feb–Apr 2026 (across the Berlin DST change on 03-29), coming back less and less. */
function generatedEvents(tenantId: string, seed: number): BehaviourTestEvent[] {
  const random = seededRandom(seed);
  const start = Date.parse('2026-02-15T00:00:00Z');
  const events: BehaviourTestEvent[] = [];
  for (let person = 0; person < 250; person++) {
    const first = start + Math.floor(random() * 70 * 86_400_000);
    const count = 1 + Math.floor(random() * 14);
    for (let index = 0; index < count; index++) {
      events.push({
        tenantId,
        eventId: `${seed}-p${person}-${index}`,
        type: ['open', 'open', 'signup', 'buy'][Math.floor(random() * 4)],
        occurredAt: first + Math.floor(Math.pow(random(), 2) * 60 * 86_400_000),
        userKey: `user-${person}`,
      });
    }
    // Machine events: counted by the rollups, nobody's retention.
    if (person % 25 === 0) events.push({ tenantId, eventId: `${seed}-m${person}`, type: 'open', occurredAt: first });
  }
  return events;
}

/** Deterministically shuffled into batches, so later batches hold earlier events (late arrivals). */
function inBatches(events: readonly BehaviourTestEvent[], count: number, seed: number): BehaviourTestEvent[][] {
  const random = seededRandom(seed);
  const batches: BehaviourTestEvent[][] = Array.from({ length: count }, () => []);
  for (const event of events) batches[Math.floor(random() * count)].push(event);
  return batches;
}

// "late" is first seen on 03-20 in the first batch; an event of 03-02 arrives in the last one.
const LATE_FIRST: BehaviourTestEvent = { tenantId: TENANT.id, eventId: 'late-1', type: 'signup', occurredAt: Date.parse('2026-03-20T10:00:00Z'), userKey: 'late' };
const LATE_BACK: BehaviourTestEvent = { tenantId: TENANT.id, eventId: 'late-2', type: 'buy', occurredAt: Date.parse('2026-03-25T10:00:00Z'), userKey: 'late' };
const LATE_EARLY: BehaviourTestEvent = { tenantId: TENANT.id, eventId: 'late-0', type: 'open', occurredAt: Date.parse('2026-03-02T10:00:00Z'), userKey: 'late' };

const EVENTS = [...generatedEvents(TENANT.id, 21), LATE_FIRST, LATE_BACK, LATE_EARLY];
const OTHER_EVENTS = generatedEvents(OTHER_TENANT.id, 22);

/** Persons the events path and analytics-core see: processor rows without a user key belong to nobody. */
const personEvents = asBehaviourEvents(EVENTS.filter((event) => event.userKey));

const sorted = (counts: readonly RetentionCount[]) =>
  [...counts].sort((a, b) => a.cohort - b.cohort || a.offset - b.offset);

const PERIODS: Array<[RetentionPeriod, number]> = [
  ['day', 45],
  ['week', 12],
  ['month', 3],
];
const DEFINITIONS: Array<[string, RetentionDefinition]> = [
  ['first seen, any return', {}],
  ['signup cohorts, any return', { cohortEvent: { eventType: 'signup' } }],
  ['first seen, buy returns', { returnEvent: { eventType: 'buy', filters: [] } }],
  ['signup cohorts, buy returns', { cohortEvent: { eventType: 'signup' }, returnEvent: { eventType: 'buy' } }],
];

describe.each(STORE_TARGETS)('retention from first seen and day rollups on $name', (target) => {
  let opened: OpenedStore;
  let query: RetentionQuery;

  beforeAll(async () => {
    opened = await target.open();
    query = new RetentionQuery(opened.store.dataSource);
    const sql = opened.store.dataSource;
    await insertProcessedBehaviourEvents(sql, TENANT, [[LATE_FIRST], ...inBatches(generatedEvents(TENANT.id, 21), 4, 5), [LATE_BACK], [LATE_EARLY]]);
    await insertProcessedBehaviourEvents(sql, OTHER_TENANT, inBatches(OTHER_EVENTS, 2, 6));
  });

  afterAll(async () => {
    await opened?.dispose();
  });

  it('lowers first seen when a late event arrives', async () => {
    const rows: Array<{ event_type: string; first_at: Date }> = await opened.store.dataSource.query(
      `SELECT "event_type", "first_at" FROM "person_first_seen" WHERE "tenant_id" = $1 AND "user_key" = 'late' ORDER BY "event_type"`,
      [TENANT.id],
    );
    expect(rows.map((row) => [row.event_type, new Date(row.first_at).toISOString()])).toEqual([
      ['*', '2026-03-02T10:00:00.000Z'],
      ['buy', '2026-03-25T10:00:00.000Z'],
      ['open', '2026-03-02T10:00:00.000Z'],
      ['signup', '2026-03-20T10:00:00.000Z'],
    ]);
  });

  describe.each(PERIODS)('%s periods in Berlin', (period, periods) => {
    const boundaries = retentionPeriodBoundaries({ year: 2026, month: 2, day: 23 }, period, periods, BERLIN);
    const input = (definition: RetentionDefinition, persons?: PersonCondition): RetentionQueryInput => ({
      definition,
      boundaries: boundaries.map((at) => new Date(at)),
      tenantTimeZone: BERLIN,
      persons,
    });

    it.each(DEFINITIONS)('gives the events path\'s and analytics-core\'s counts: %s', async (_name, definition) => {
      expect(readsFirstSeen(input(definition))).toBe(true);
      const expected = sorted(retentionCounts(personEvents, definition, boundaries));
      expect(expected.filter((count) => count.offset > 0).length).toBeGreaterThan(2);
      expect(sorted(await query.countsFromEvents(TENANT.id, input(definition)))).toEqual(expected);
      expect(sorted(await query.countsFromFirstSeen(TENANT.id, input(definition)))).toEqual(expected);
      expect(sorted(await query.counts(TENANT.id, input(definition)))).toEqual(expected);
    });

    it('narrows to a segment\'s persons like the events path', async () => {
      const members = [...new Set(EVENTS.filter((event, index) => event.userKey && index % 3 === 0).map((event) => event.userKey!))];
      const persons: PersonCondition = { sql: (_tenant, parameters) => `SELECT unnest(${parameters.add(members)}::text[])` };
      const expected = sorted(retentionCounts(personEvents.filter((event) => members.includes(event.personKey)), {}, boundaries));
      expect(expected.length).toBeGreaterThan(0);
      expect(sorted(await query.countsFromEvents(TENANT.id, input({}, persons)))).toEqual(expected);
      expect(sorted(await query.countsFromFirstSeen(TENANT.id, input({}, persons)))).toEqual(expected);
    });
  });

  it('keeps the events path for property filters and for boundaries that are not the tenant\'s midnights', () => {
    const days = retentionPeriodBoundaries({ year: 2026, month: 3, day: 1 }, 'day', 7, BERLIN).map((at) => new Date(at));
    expect(readsFirstSeen({ definition: { cohortEvent: { eventType: 'open', filters: [{ property: 'plan', operator: 'equals', value: 'pro' }] } }, boundaries: days, tenantTimeZone: BERLIN })).toBe(false);
    expect(readsFirstSeen({ definition: { returnEvent: { eventType: 'buy', filters: [{ property: 'plan', operator: 'is_set' }] } }, boundaries: days, tenantTimeZone: BERLIN })).toBe(false);
    expect(readsFirstSeen({ definition: {}, boundaries: days })).toBe(false);
    expect(readsFirstSeen({ definition: {}, boundaries: days, tenantTimeZone: 'America/New_York' })).toBe(false);
    expect(readsFirstSeen({ definition: {}, boundaries: days, tenantTimeZone: BERLIN })).toBe(true);
  });
});

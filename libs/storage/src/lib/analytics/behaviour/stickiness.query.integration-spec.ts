import { assembleStickiness, computeStickiness, stickinessDayBoundaries } from '@pulse/analytics-core';
import { STORE_TARGETS, type OpenedStore } from '../../../testing/store-targets';
import { asBehaviourEvents, insertBehaviourEvents, roundNumbers, seededRandom, type BehaviourTestEvent } from './behaviour-test-events';
import { StickinessQuery } from './stickiness.query';

const TENANT = '0b0f5a4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b';
const OTHER_TENANT = '7d6c5b4a-3928-4716-8594-a3b2c1d0e9f8';
const BERLIN = 'Europe/Berlin';
const HOUR = 3_600_000;
// Four weeks from Monday 2026-03-16, the third ending with the 23-hour DST Sunday 03-29.
const BOUNDARIES = stickinessDayBoundaries({ year: 2026, month: 3, day: 16 }, 4, BERLIN);

/** Persons active at random hours over five weeks around the range (some events fall outside it). */
function generatedEvents(seed: number, tenantId: string): BehaviourTestEvent[] {
  const random = seededRandom(seed);
  const events: BehaviourTestEvent[] = [];
  for (let person = 0; person < 120; person++) {
    const identity = random() < 0.2 ? { anonymousId: `device-${person}` } : { userKey: `user-${person}` };
    for (let index = 0; index < 1 + Math.floor(random() * 25); index++) {
      events.push({
        tenantId,
        eventId: `k${person}-${index}`,
        type: random() < 0.7 ? 'open' : 'other',
        occurredAt: BOUNDARIES[0] - 3 * 24 * HOUR + Math.floor(random() * 34 * 24) * HOUR,
        ...identity,
      });
    }
  }
  return events;
}

describe.each(STORE_TARGETS)('StickinessQuery on $name', (target) => {
  let opened: OpenedStore;
  const generated = generatedEvents(3, TENANT);

  beforeAll(async () => {
    opened = await target.open();
    await insertBehaviourEvents(opened.store.dataSource, [...generated, ...generatedEvents(4, OTHER_TENANT)]);
  });

  afterAll(async () => {
    await opened?.dispose();
  });

  it.each([
    ['any event', undefined],
    ['one event type', 'open'],
  ])('agrees with analytics-core on generated data: %s', async (_name, eventType) => {
    const events = asBehaviourEvents(generated).filter((event) => eventType === undefined || event.type === eventType);
    const expected = computeStickiness(events, BOUNDARIES, BERLIN);
    expect(expected.usersByActiveDays.reduce((sum, users) => sum + users, 0)).toBeGreaterThan(200);
    const counts = await new StickinessQuery(opened.store.dataSource).counts(TENANT, {
      boundaries: BOUNDARIES.map((at) => new Date(at)),
      event: eventType === undefined ? undefined : { eventType },
    });
    expect(roundNumbers(assembleStickiness(BOUNDARIES, counts, BERLIN))).toEqual(roundNumbers(expected));
  });

  it('counts the hand-computed DST week', async () => {
    const local = await target.open();
    try {
      await insertBehaviourEvents(local.store.dataSource, [
        // Week of 03-23: ann on Monday twice and Sunday 23:30 CEST (21:30Z): 2 days; ben Sunday 00:30 CET: 1 day.
        { tenantId: TENANT, eventId: 'a1', type: 'open', occurredAt: Date.parse('2026-03-23T10:00:00Z'), userKey: 'ann' },
        { tenantId: TENANT, eventId: 'a2', type: 'open', occurredAt: Date.parse('2026-03-23T12:00:00Z'), userKey: 'ann' },
        { tenantId: TENANT, eventId: 'a3', type: 'open', occurredAt: Date.parse('2026-03-29T21:30:00Z'), userKey: 'ann' },
        { tenantId: TENANT, eventId: 'b1', type: 'open', occurredAt: Date.parse('2026-03-28T23:30:00Z'), userKey: 'ben' },
        // ben again Monday 03-30 00:30 CEST (03-29T22:30Z): week 2, which this one-week query leaves out.
        { tenantId: TENANT, eventId: 'b2', type: 'open', occurredAt: Date.parse('2026-03-29T22:30:00Z'), userKey: 'ben' },
        // another tenant's ann, active every day.
        ...['23', '24', '25', '26', '27', '28', '29'].map((day) => ({ tenantId: OTHER_TENANT, eventId: `o${day}`, type: 'open', occurredAt: Date.parse(`2026-03-${day}T12:00:00Z`), userKey: 'ann' })),
      ]);
      const boundaries = stickinessDayBoundaries({ year: 2026, month: 3, day: 23 }, 1, BERLIN);
      const counts = await new StickinessQuery(local.store.dataSource).counts(TENANT, { boundaries: boundaries.map((at) => new Date(at)) });
      // ann 2 days, ben 1 day: [1, 1, 0, 0, 0, 0, 0], mean 1.5.
      expect(assembleStickiness(boundaries, counts, BERLIN).weeks).toEqual([
        { weekStart: '2026-03-23', activeUsers: 2, usersByActiveDays: [1, 1, 0, 0, 0, 0, 0], averageActiveDays: 1.5, dauOverWau: 1.5 / 7 },
      ]);
    } finally {
      await local.dispose();
    }
  });
});

import { assembleRetention, computeRetention, retentionPeriodBoundaries, type RetentionDefinition } from '@pulse/analytics-core';
import { STORE_TARGETS, type OpenedStore } from '../../../testing/store-targets';
import { asBehaviourEvents, insertBehaviourEvents, seededRandom, type BehaviourTestEvent } from './behaviour-test-events';
import { RetentionQuery } from './retention.query';

const TENANT = '0b0f5a4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b';
const OTHER_TENANT = '7d6c5b4a-3928-4716-8594-a3b2c1d0e9f8';
const BERLIN = 'Europe/Berlin';
const BERLIN_DAYS = retentionPeriodBoundaries({ year: 2026, month: 3, day: 28 }, 'day', 3, BERLIN);

function fixedEvents(): BehaviourTestEvent[] {
  let n = 0;
  const at = (person: Partial<BehaviourTestEvent>, type: string, iso: string, tenantId = TENANT): BehaviourTestEvent => ({
    tenantId,
    eventId: `ret-${++n}`,
    type,
    occurredAt: Date.parse(iso),
    ...person,
  });
  return [
    // ann: first seen 03-28 local; back 03-29 at 23:30 local (21:30Z, CEST) and on 03-30.
    at({ userKey: 'ann' }, 'open', '2026-03-28T10:00:00Z'),
    at({ userKey: 'ann' }, 'open', '2026-03-29T21:30:00Z'),
    at({ userKey: 'ann' }, 'open', '2026-03-30T08:00:00Z'),
    // ben: first seen anonymously at 03-29 00:30 local, stitched to "ben" by the processor afterwards (user_key), back 03-30.
    at({ anonymousId: 'ben-phone', userKey: 'ben' }, 'open', '2026-03-28T23:30:00Z'),
    at({ userId: 'ben', userKey: 'ben' }, 'open', '2026-03-30T10:00:00Z'),
    // cid: only on 03-28.
    at({ userId: 'cid' }, 'open', '2026-03-28T09:00:00Z'),
    // dee: first seen before the first period: no cohort.
    at({ userKey: 'dee' }, 'open', '2026-03-20T09:00:00Z'),
    at({ userKey: 'dee' }, 'open', '2026-03-29T09:00:00Z'),
    // another tenant's ann comes back every day: must not count.
    at({ userKey: 'ann' }, 'open', '2026-03-28T10:00:00Z', OTHER_TENANT),
    at({ userKey: 'cid' }, 'open', '2026-03-29T10:00:00Z', OTHER_TENANT),
  ];
}

function generatedEvents(seed: number): BehaviourTestEvent[] {
  const random = seededRandom(seed);
  const start = Date.parse('2026-02-20T00:00:00Z');
  const events: BehaviourTestEvent[] = [];
  for (let person = 0; person < 300; person++) {
    const first = start + Math.floor(random() * 40 * 86_400_000);
    const count = 1 + Math.floor(random() * 12);
    for (let index = 0; index < count; index++) {
      events.push({
        tenantId: TENANT,
        eventId: `g${person}-${index}`,
        type: ['open', 'open', 'signup', 'buy'][Math.floor(random() * 4)],
        occurredAt: first + Math.floor(random() * 30 * 86_400_000),
        ...(random() < 0.2 ? { anonymousId: `device-${person}` } : { userKey: `user-${person}` }),
        properties: { plan: random() < 0.5 ? 'pro' : 'free' },
      });
    }
  }
  return events;
}

describe.each(STORE_TARGETS)('RetentionQuery on $name', (target) => {
  let opened: OpenedStore;
  let query: RetentionQuery;

  beforeAll(async () => {
    opened = await target.open();
    query = new RetentionQuery(opened.store.dataSource);
    await insertBehaviourEvents(opened.store.dataSource, [...fixedEvents(), ...generatedEvents(11)]);
  });

  afterAll(async () => {
    await opened?.dispose();
  });

  it('agrees with analytics-core in Berlin days across the DST change, for this tenant only', async () => {
    const counts = await query.counts(TENANT, { definition: { cohortEvent: { eventType: 'open', filters: [] } }, boundaries: BERLIN_DAYS.map((at) => new Date(at)) });
    const expected = computeRetention(asBehaviourEvents([...fixedEvents(), ...generatedEvents(11)].filter((event) => event.tenantId === TENANT)), { cohortEvent: { eventType: 'open' } }, BERLIN_DAYS, BERLIN);
    expect(assembleRetention(BERLIN_DAYS, counts, BERLIN)).toEqual(expected);
  });

  it('agrees with the hand-computed matrix when only the fixed persons exist', async () => {
    const fixedOnly = await target.open();
    try {
      await insertBehaviourEvents(fixedOnly.store.dataSource, fixedEvents());
      const counts = await new RetentionQuery(fixedOnly.store.dataSource).counts(TENANT, { definition: {}, boundaries: BERLIN_DAYS.map((at) => new Date(at)) });
      expect(assembleRetention(BERLIN_DAYS, counts, BERLIN)).toEqual({
        cohorts: [
          // 03-28: ann, cid. +1 (03-29): ann. +2 (03-30): ann.
          { periodStart: '2026-03-28', size: 2, counts: [2, 1, 1], percentages: [1, 0.5, 0.5] },
          // 03-29: ben (first seen 00:30 local on his phone, one person after stitching). +1: ben.
          { periodStart: '2026-03-29', size: 1, counts: [1, 1], percentages: [1, 1] },
          { periodStart: '2026-03-30', size: 0, counts: [0], percentages: [0] },
        ],
      });
      const empty = retentionPeriodBoundaries({ year: 2020, month: 1, day: 1 }, 'week', 4, BERLIN);
      expect(await new RetentionQuery(fixedOnly.store.dataSource).counts(TENANT, { definition: {}, boundaries: empty.map((at) => new Date(at)) })).toEqual([]);
    } finally {
      await fixedOnly.dispose();
    }
  });

  const definitions: Array<[string, RetentionDefinition]> = [
    ['first seen, any return', {}],
    ['signup cohorts, buy returns', { cohortEvent: { eventType: 'signup' }, returnEvent: { eventType: 'buy' } }],
    ['filtered start event', { cohortEvent: { eventType: 'open', filters: [{ property: 'plan', operator: 'equals', value: 'pro' }] } }],
  ];

  it.each(definitions)('agrees with analytics-core on generated data in New York weeks across DST: %s', async (_name, definition) => {
    const timeZone = 'America/New_York';
    const boundaries = retentionPeriodBoundaries({ year: 2026, month: 2, day: 23 }, 'week', 6, timeZone);
    const events = asBehaviourEvents([...fixedEvents(), ...generatedEvents(11)].filter((event) => event.tenantId === TENANT));
    const expected = computeRetention(events, definition, boundaries, timeZone);
    expect(expected.cohorts[0].size).toBeGreaterThan(5);
    const counts = await query.counts(TENANT, { definition, boundaries: boundaries.map((at) => new Date(at)) });
    expect(assembleRetention(boundaries, counts, timeZone)).toEqual(expected);
  });
});

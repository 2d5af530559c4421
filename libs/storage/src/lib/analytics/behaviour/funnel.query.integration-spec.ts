import { assembleFunnel, computeFunnel, funnelDroppedPersons, funnelOutcomes, type FunnelDefinition } from '@pulse/analytics-core';
import { STORE_TARGETS, type OpenedStore } from '../../../testing/store-targets';
import { asBehaviourEvents, insertBehaviourEvents, roundNumbers, seededRandom, type BehaviourTestEvent } from './behaviour-test-events';
import { FunnelQuery } from './funnel.query';

const TENANT = '0b0f5a4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b';
const OTHER_TENANT = '7d6c5b4a-3928-4716-8594-a3b2c1d0e9f8';
const T0 = Date.parse('2026-03-01T10:00:00Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const RANGE = { from: new Date(T0 - HOUR), to: new Date(T0 + 10 * HOUR) };

const VIEW_CART_BUY: FunnelDefinition = {
  steps: [{ eventType: 'view' }, { eventType: 'cart' }, { eventType: 'buy' }],
  conversionWindowMs: HOUR,
};

function fixedEvents(): BehaviourTestEvent[] {
  let n = 0;
  const at = (userKey: string, type: string, offsetMs: number, extra: Partial<BehaviourTestEvent> = {}): BehaviourTestEvent => ({
    tenantId: TENANT,
    eventId: `fixed-${String(++n).padStart(3, '0')}`,
    type,
    occurredAt: T0 + offsetMs,
    userKey,
    ...extra,
  });
  return [
    // alice: 3 steps, 600 s then 1200 s.
    at('alice', 'view', 0),
    at('alice', 'cart', 10 * MINUTE),
    at('alice', 'buy', 30 * MINUTE),
    // bob: cart 2 h later, outside the window: 1 step.
    at('bob', 'view', 0),
    at('bob', 'cart', 2 * HOUR),
    // carol: a second start completes: 3 steps, 1200 s then 1800 s.
    at('carol', 'view', 0),
    at('carol', 'view', 3 * HOUR),
    at('carol', 'cart', 3 * HOUR + 20 * MINUTE),
    at('carol', 'buy', 3 * HOUR + 50 * MINUTE),
    // dave, not stitched by the processor (no user_key): counted by user id; cart before view: 1 step.
    at('dave', 'cart', 0, { userKey: null, userId: 'dave' }),
    at('dave', 'view', MINUTE, { userKey: null, userId: 'dave' }),
    // erin, anonymous only: counted as anon:erin-device; buy after 70 min is outside: 2 steps, 300 s.
    at('x', 'view', 0, { userKey: null, anonymousId: 'erin-device' }),
    at('x', 'cart', 5 * MINUTE, { userKey: null, anonymousId: 'erin-device' }),
    at('x', 'buy', 70 * MINUTE, { userKey: null, anonymousId: 'erin-device' }),
    // frank: buys after the range ends (late for this query): 2 steps, 60 s.
    at('frank', 'view', 10 * HOUR - MINUTE),
    at('frank', 'cart', 10 * HOUR - 30_000),
    at('frank', 'buy', 10 * HOUR),
    // another tenant's complete funnel must not count.
    at('alice', 'view', 0, { tenantId: OTHER_TENANT }),
    at('alice', 'cart', MINUTE, { tenantId: OTHER_TENANT }),
    at('alice', 'buy', 2 * MINUTE, { tenantId: OTHER_TENANT }),
  ];
}

/** Random sequences with repeats, ties and conversions inside and outside the window, for a few hundred persons. */
function generatedEvents(seed: number, tenantId: string, persons = 300): BehaviourTestEvent[] {
  const random = seededRandom(seed);
  const types = ['view', 'view', 'cart', 'buy', 'other'];
  const events: BehaviourTestEvent[] = [];
  for (let person = 0; person < persons; person++) {
    const count = 1 + Math.floor(random() * 14);
    const base = T0 - 2 * HOUR + Math.floor(random() * 12 * HOUR);
    for (let index = 0; index < count; index++) {
      // Whole minutes, so simultaneous events (ordered by event id) happen often.
      const offset = Math.floor(random() * 150) * MINUTE;
      const identity = random() < 0.2 ? { anonymousId: `device-${person}` } : { userKey: `user-${person}` };
      events.push({
        tenantId,
        // Mixed case so the code-point order (not a locale's) decides ties.
        eventId: `${random() < 0.5 ? 'E' : 'e'}${person}-${index}`,
        type: types[Math.floor(random() * types.length)],
        occurredAt: base + offset,
        ...identity,
        properties: { plan: random() < 0.45 ? 'free' : random() < 0.8 ? 'pro' : undefined, revenue: Math.floor(random() * 200) },
      });
    }
  }
  return events;
}

describe.each(STORE_TARGETS)('FunnelQuery on $name', (target) => {
  let opened: OpenedStore;
  let query: FunnelQuery;

  beforeAll(async () => {
    opened = await target.open();
    query = new FunnelQuery(opened.store.dataSource);
    await insertBehaviourEvents(opened.store.dataSource, fixedEvents());
  });

  afterAll(async () => {
    await opened?.dispose();
  });

  it('counts the hand-computed funnel, for this tenant only', async () => {
    const totals = await query.stepTotals(TENANT, { definition: VIEW_CART_BUY, ...RANGE });
    const result = assembleFunnel(VIEW_CART_BUY, totals.byBreakdown);
    // step 1: alice bob carol dave anon:erin-device frank = 6; step 2: alice carol erin frank = 4; step 3: alice carol = 2.
    // step 2 seconds [600, 1200, 300, 30] → sorted 30 300 600 1200: median 450; p95 rank 2.85 → 600 + 0.85 × 600 = 1110.
    // step 3 seconds [1200, 1800]: median 1500, p95 1770.
    expect(roundNumbers(result.steps.map((step) => [step.users, step.droppedUsers, step.medianSecondsFromPrevious, step.p95SecondsFromPrevious]))).toEqual([
      [6, 0, null, null],
      [4, 2, 450, 1110],
      [2, 2, 1500, 1770],
    ]);
  });

  it('pages the persons who dropped before a step', async () => {
    const input = { definition: VIEW_CART_BUY, ...RANGE };
    expect(await query.droppedPersons(TENANT, input, 2, { limit: 10, offset: 0 })).toEqual({ personKeys: ['bob', 'dave'], total: 2 });
    expect(await query.droppedPersons(TENANT, input, 3, { limit: 1, offset: 0 })).toEqual({ personKeys: ['anon:erin-device'], total: 2 });
    expect(await query.droppedPersons(TENANT, input, 3, { limit: 1, offset: 1 })).toEqual({ personKeys: ['frank'], total: 2 });
    expect(await query.droppedPersons(TENANT, input, 3, { limit: 1, offset: 5 })).toEqual({ personKeys: [], total: 2 });
  });

  it('answers an empty funnel for an empty range', async () => {
    const totals = await query.stepTotals(TENANT, { definition: VIEW_CART_BUY, from: new Date('2020-01-01'), to: new Date('2020-01-02') });
    expect(totals).toEqual({ byBreakdown: [], overall: [] });
  });

  it('treats an injection attempt in a property value as a plain value', async () => {
    const definition: FunnelDefinition = {
      ...VIEW_CART_BUY,
      steps: [{ eventType: 'view', filters: [{ property: 'plan', operator: 'equals', value: `x'; DROP TABLE events;--` }] }, { eventType: 'cart' }],
    };
    const totals = await query.stepTotals(TENANT, { definition, ...RANGE });
    expect(totals.byBreakdown).toEqual([]);
    await expect(opened.store.dataSource.query(`SELECT count(*)::int AS "n" FROM "events"`)).resolves.toEqual([{ n: 20 }]);
  });

  describe('agrees with analytics-core on generated data', () => {
    const generated = generatedEvents(42, TENANT);
    const inRange = asBehaviourEvents(generated).filter((event) => (event.occurredAt as number) >= RANGE.from.getTime() && (event.occurredAt as number) < RANGE.to.getTime());
    let local: OpenedStore;
    let localQuery: FunnelQuery;

    beforeAll(async () => {
      local = await target.open();
      localQuery = new FunnelQuery(local.store.dataSource);
      await insertBehaviourEvents(local.store.dataSource, [...generated, ...generatedEvents(7, OTHER_TENANT, 100)]);
    });

    afterAll(async () => {
      await local?.dispose();
    });

    const definitions: Array<[string, FunnelDefinition]> = [
      ['three steps', VIEW_CART_BUY],
      ['a repeated step and a filter', { steps: [{ eventType: 'view' }, { eventType: 'view' }, { eventType: 'buy', filters: [{ property: 'revenue', operator: 'gte', value: 50 }] }], conversionWindowMs: 30 * MINUTE }],
      ['a breakdown', { ...VIEW_CART_BUY, breakdownProperty: 'plan' }],
      ['four steps', { steps: [{ eventType: 'view' }, { eventType: 'cart' }, { eventType: 'view' }, { eventType: 'buy' }], conversionWindowMs: 2 * HOUR }],
    ];

    it.each(definitions)('%s', async (_name, definition) => {
      const expected = computeFunnel(inRange, definition);
      expect(expected.steps[0].users).toBeGreaterThan(100);
      expect(expected.steps[expected.steps.length - 1].users).toBeGreaterThan(5);
      const totals = await localQuery.stepTotals(TENANT, { definition, ...RANGE });
      expect(roundNumbers(assembleFunnel(definition, totals.byBreakdown, totals.overall))).toEqual(roundNumbers(expected));
    });

    it('and on who dropped', async () => {
      const outcomes = funnelOutcomes(inRange, VIEW_CART_BUY);
      const page = await localQuery.droppedPersons(TENANT, { definition: VIEW_CART_BUY, ...RANGE }, 3, { limit: 1000, offset: 0 });
      expect(page.personKeys).toEqual(funnelDroppedPersons(outcomes, 3));
    });
  });
});

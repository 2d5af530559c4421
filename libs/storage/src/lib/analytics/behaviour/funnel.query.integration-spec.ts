import { assembleFunnel, computeFunnel, funnelDroppedPersons, funnelOutcomes, type BehaviourEvent, type FunnelDefinition } from '@pulse/analytics-core';
import type { DataSource } from 'typeorm';
import { STORE_TARGETS, type OpenedStore } from '../../../testing/store-targets';
import { asBehaviourEvents, insertBehaviourEventsWithEventTimes, insertProcessedBehaviourEvents, roundNumbers, seededRandom, type BehaviourTestEvent } from './behaviour-test-events';
import { EventTimesFunnelQuery, readsEventTimes } from './event-times-funnel.query';
import { FunnelQuery } from './funnel.query';
import type { PersonCondition } from './person-condition';
import { RawFunnelQuery } from './raw-funnel.query';

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

/**
 * Few distinct timestamps per person (ties everywhere, broken by mixed-case event ids), runs of the same type
 * (A → A → B), rows of a step's type that fail its filter, and persons whose only events are later steps.
 */
function tiedEvents(seed: number, tenantId: string, persons = 200): BehaviourTestEvent[] {
  const random = seededRandom(seed);
  const types = ['view', 'view', 'view', 'cart', 'cart', 'buy', 'other'];
  const events: BehaviourTestEvent[] = [];
  for (let person = 0; person < persons; person++) {
    const count = 1 + Math.floor(random() * 24);
    const base = T0 + Math.floor(random() * 8) * HOUR;
    const onlyLater = random() < 0.05;
    for (let index = 0; index < count; index++) {
      const type = onlyLater ? 'buy' : types[Math.floor(random() * types.length)];
      events.push({
        tenantId,
        eventId: `${random() < 0.5 ? 'T' : 't'}${String.fromCharCode(97 + Math.floor(random() * 26))}${person}-${index}`,
        type,
        // 0, 5, … 50 minutes after the person's base: many events share a timestamp.
        occurredAt: base + Math.floor(random() * 11) * 5 * MINUTE,
        ...(random() < 0.15 ? { userKey: null, userId: `id-${person}` } : { userKey: `tied-${person}` }),
        properties: { plan: random() < 0.5 ? 'free' : random() < 0.7 ? 'pro' : undefined, revenue: Math.floor(random() * 100) },
      });
    }
  }
  return events;
}

type Funnels = Pick<RawFunnelQuery, 'stepTotals' | 'droppedPersons'>;

/**
 * Every test runs on both paths: the events (RawFunnelQuery), and FunnelQuery, which reads the event-time
 * chunks for definitions without filters or breakdown (else the events). The chunks come from the backfill.
 */
const PATHS: Array<{ name: string; funnels: (dataSource: DataSource) => Funnels }> = [
  { name: 'raw events', funnels: (dataSource) => new RawFunnelQuery(dataSource) },
  { name: 'FunnelQuery (event times where it can)', funnels: (dataSource) => new FunnelQuery(dataSource) },
];

describe.each(STORE_TARGETS)('funnels on $name', (target) => describe.each(PATHS)('from $name', (path) => {
  let opened: OpenedStore;
  let query: Funnels;

  beforeAll(async () => {
    opened = await target.open();
    query = path.funnels(opened.store.dataSource);
    await insertBehaviourEventsWithEventTimes(opened.store.dataSource, fixedEvents());
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
    expect(totals).toMatchObject({ byBreakdown: [], overall: [] });
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
    let localQuery: Funnels;

    beforeAll(async () => {
      local = await target.open();
      localQuery = path.funnels(local.store.dataSource);
      await insertBehaviourEventsWithEventTimes(local.store.dataSource, [...generated, ...generatedEvents(7, OTHER_TENANT, 100)]);
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

  describe('agrees with analytics-core where the SQL narrows rows (ties, repeated steps, segments)', () => {
    const generated = tiedEvents(99, TENANT);
    const inRange = asBehaviourEvents(generated).filter((event) => (event.occurredAt as number) >= RANGE.from.getTime() && (event.occurredAt as number) < RANGE.to.getTime());
    let local: OpenedStore;
    let localQuery: Funnels;

    beforeAll(async () => {
      local = await target.open();
      localQuery = path.funnels(local.store.dataSource);
      await insertBehaviourEventsWithEventTimes(local.store.dataSource, [...generated, ...tiedEvents(5, OTHER_TENANT, 50)]);
    });

    afterAll(async () => {
      await local?.dispose();
    });

    const pro = { property: 'plan', operator: 'equals', value: 'pro' } as const;
    const definitions: Array<[string, FunnelDefinition]> = [
      ['A → A → B with ties', { steps: [{ eventType: 'view' }, { eventType: 'view' }, { eventType: 'cart' }], conversionWindowMs: 20 * MINUTE }],
      ['one type for every step', { steps: [{ eventType: 'view' }, { eventType: 'view' }, { eventType: 'view' }, { eventType: 'view' }], conversionWindowMs: HOUR }],
      ['rows of a step type failing its filter', { steps: [{ eventType: 'view', filters: [pro] }, { eventType: 'view' }, { eventType: 'buy', filters: [pro] }], conversionWindowMs: HOUR }],
      ['a window that cuts chains', { steps: [{ eventType: 'view' }, { eventType: 'cart' }, { eventType: 'buy' }], conversionWindowMs: 10 * MINUTE }],
      // Steps 2 and 4 share a type: rows matching later steps only are dropped between passes, these must not be.
      ['a type repeated further on', { steps: [{ eventType: 'view' }, { eventType: 'cart' }, { eventType: 'other' }, { eventType: 'cart' }, { eventType: 'buy' }], conversionWindowMs: HOUR }],
      ['a breakdown with repeated step types', { steps: [{ eventType: 'view' }, { eventType: 'view' }, { eventType: 'buy' }], conversionWindowMs: 30 * MINUTE, breakdownProperty: 'plan' }],
      ['a breakdown by a number', { steps: [{ eventType: 'cart' }, { eventType: 'buy' }], conversionWindowMs: 25 * MINUTE, breakdownProperty: 'revenue' }],
    ];

    it.each(definitions)('%s', async (_name, definition) => {
      const expected = computeFunnel(inRange, definition);
      expect(expected.steps[0].users).toBeGreaterThan(50);
      expect(expected.steps[expected.steps.length - 1].users).toBeGreaterThan(3);
      const totals = await localQuery.stepTotals(TENANT, { definition, ...RANGE });
      expect(roundNumbers(assembleFunnel(definition, totals.byBreakdown, totals.overall))).toEqual(roundNumbers(expected));
    });

    it('for a segment of persons', async () => {
      const members = [...new Set(inRange.map((event) => event.personKey))].filter((_person, index) => index % 3 !== 0);
      const persons: PersonCondition = { sql: (_tenant, parameters) => `SELECT unnest(${parameters.add(members)}::text[])` };
      const inSegment = (events: BehaviourEvent[]) => events.filter((event) => members.includes(event.personKey));
      for (const definition of [definitions[0][1], definitions[5][1]]) {
        const expected = computeFunnel(inSegment(inRange), definition);
        expect(expected.steps[0].users).toBeLessThan(computeFunnel(inRange, definition).steps[0].users);
        const totals = await localQuery.stepTotals(TENANT, { definition, ...RANGE, persons });
        expect(roundNumbers(assembleFunnel(definition, totals.byBreakdown, totals.overall))).toEqual(roundNumbers(expected));
      }
      const outcomes = funnelOutcomes(inSegment(inRange), definitions[0][1]);
      const page = await localQuery.droppedPersons(TENANT, { definition: definitions[0][1], ...RANGE, persons }, 2, { limit: 1000, offset: 0 });
      expect(page.personKeys).toEqual(funnelDroppedPersons(outcomes, 2));
    });

    it('pages who dropped, page by page', async () => {
      const definition = definitions[4][1];
      const outcomes = funnelOutcomes(inRange, definition);
      for (const step of [2, 3, 5]) {
        const expected = funnelDroppedPersons(outcomes, step);
        expect(expected.length).toBeGreaterThan(step === 2 ? 3 : 0);
        const pages: string[] = [];
        for (let offset = 0; offset <= expected.length; offset += 7) {
          const page = await localQuery.droppedPersons(TENANT, { definition, ...RANGE }, step, { limit: 7, offset });
          expect(page.total).toBe(expected.length);
          pages.push(...page.personKeys);
        }
        expect(pages).toEqual(expected);
      }
    });
  });
}));

describe.each(STORE_TARGETS)('FunnelQuery over the event-time chunks on $name', (target) => {
  let opened: OpenedStore;
  // As the processor stores them: every event stitched (user_key set), in batches, the last one late.
  const processed = generatedEvents(11, TENANT).map((event) => ({ ...event, userKey: event.userKey ?? `anon:${event.anonymousId}` }));
  const late = processed.filter((_event, index) => index % 5 === 0);
  const onTime = processed.filter((_event, index) => index % 5 !== 0);
  const inRange = asBehaviourEvents(processed).filter((event) => (event.occurredAt as number) >= RANGE.from.getTime() && (event.occurredAt as number) < RANGE.to.getTime());
  const tied = tiedEvents(99, OTHER_TENANT);
  const tiedInRange = asBehaviourEvents(tied).filter((event) => (event.occurredAt as number) >= RANGE.from.getTime() && (event.occurredAt as number) < RANGE.to.getTime());

  beforeAll(async () => {
    opened = await target.open();
    const dataSource = opened.store.dataSource;
    await dataSource.query(`INSERT INTO "tenants" ("id", "slug", "name", "write_key_hash", "time_zone") VALUES ($1, 'chunks', 'chunks', 'chunks', 'UTC')`, [TENANT]);
    const tenant = { id: TENANT, timeZone: 'UTC', currency: 'EUR' };
    const batches = Array.from({ length: 6 }, (_batch, index) => onTime.filter((_event, position) => position % 6 === index));
    // The backfill first: re-running the migration rebuilds every chunk from the events.
    await insertBehaviourEventsWithEventTimes(dataSource, tied);
    await insertProcessedBehaviourEvents(dataSource, tenant, [...batches, late]);
  });

  afterAll(async () => {
    await opened?.dispose();
  });

  it('reads the chunks for steps without filters and no breakdown, the events otherwise', async () => {
    const query = new FunnelQuery(opened.store.dataSource);
    expect(readsEventTimes(VIEW_CART_BUY)).toBe(true);
    expect((await query.stepTotals(TENANT, { definition: VIEW_CART_BUY, ...RANGE })).path).toBe('event_times');
    const filtered: FunnelDefinition = { ...VIEW_CART_BUY, steps: [{ eventType: 'view', filters: [{ property: 'plan', operator: 'is_set' }] }, { eventType: 'buy' }] };
    expect(readsEventTimes(filtered)).toBe(false);
    expect((await query.stepTotals(TENANT, { definition: filtered, ...RANGE })).path).toBe('raw');
    expect(readsEventTimes({ ...VIEW_CART_BUY, breakdownProperty: 'plan' })).toBe(false);
    // More step events in range than the process may hold: the events, with the same answer.
    const bounded = new FunnelQuery(opened.store.dataSource, 10);
    const fromEvents = await bounded.stepTotals(TENANT, { definition: VIEW_CART_BUY, ...RANGE });
    expect(fromEvents.path).toBe('raw');
    expect(roundNumbers(assembleFunnel(VIEW_CART_BUY, fromEvents.byBreakdown))).toEqual(roundNumbers(computeFunnel(inRange, VIEW_CART_BUY)));
    expect(await bounded.droppedPersons(TENANT, { definition: VIEW_CART_BUY, ...RANGE }, 2, { limit: 5, offset: 0 })).toEqual(
      await query.droppedPersons(TENANT, { definition: VIEW_CART_BUY, ...RANGE }, 2, { limit: 5, offset: 0 }),
    );
  });

  it('answers from chunks the processor appended batch by batch, late events included, as analytics-core does', async () => {
    const query = new FunnelQuery(opened.store.dataSource);
    const [chunks] = await opened.store.dataSource.query(`SELECT count(*)::int AS "n" FROM "event_time_chunks" WHERE "tenant_id" = $1`, [TENANT]);
    expect(chunks.n).toBeGreaterThan(0);
    for (const definition of [VIEW_CART_BUY, { steps: [{ eventType: 'view' }, { eventType: 'view' }, { eventType: 'buy' }], conversionWindowMs: 30 * MINUTE }]) {
      const expected = computeFunnel(inRange, definition);
      expect(expected.steps[2].users).toBeGreaterThan(5);
      const totals = await query.stepTotals(TENANT, { definition, ...RANGE });
      expect(totals.path).toBe('event_times');
      expect(roundNumbers(assembleFunnel(definition, totals.byBreakdown))).toEqual(roundNumbers(expected));
    }
  });

  it('gives the same answer when the tenant’s person ids are spread thin (a Map instead of the id band)', async () => {
    const query = new FunnelQuery(opened.store.dataSource);
    const before = await query.stepTotals(TENANT, { definition: VIEW_CART_BUY, ...RANGE });
    // Ids come from one sequence for all tenants: a far id widens this tenant's band past its records.
    await opened.store.dataSource.query(`INSERT INTO "person_ids" ("tenant_id", "user_key", "person_id") VALUES ($1, 'far-away', 50000000)`, [TENANT]);
    try {
      const after = await query.stepTotals(TENANT, { definition: VIEW_CART_BUY, ...RANGE });
      expect(after).toEqual(before);
      expect(roundNumbers(assembleFunnel(VIEW_CART_BUY, after.byBreakdown))).toEqual(roundNumbers(computeFunnel(inRange, VIEW_CART_BUY)));
    } finally {
      await opened.store.dataSource.query(`DELETE FROM "person_ids" WHERE "person_id" = 50000000`);
    }
  });

  it('recomputes from their events the persons with step events of two types in one millisecond', async () => {
    const definition: FunnelDefinition = { steps: [{ eventType: 'view' }, { eventType: 'cart' }, { eventType: 'buy' }], conversionWindowMs: 20 * MINUTE };
    const read = await new EventTimesFunnelQuery(opened.store.dataSource).read(OTHER_TENANT, { definition, ...RANGE });
    // The tied data puts views, carts and buys on a 5-minute grid: many persons are ambiguous, many are not.
    expect(read?.ambiguousPersonIds.length).toBeGreaterThan(20);
    expect(read?.outcomes.length).toBeGreaterThan(20);
    const totals = await new FunnelQuery(opened.store.dataSource).stepTotals(OTHER_TENANT, { definition, ...RANGE });
    expect(roundNumbers(assembleFunnel(definition, totals.byBreakdown))).toEqual(roundNumbers(computeFunnel(tiedInRange, definition)));
  });
});

import { assembleFunnel, computeFunnel, funnelDroppedPersons, funnelOutcomes, type FunnelDefinition, type FunnelExclusion, type FunnelOrder, type FunnelStartMode } from '@pulse/analytics-core';
import { STORE_TARGETS, type OpenedStore } from '../../../testing/store-targets';
import { asBehaviourEvents, insertBehaviourEventsWithEventTimes, roundNumbers, seededRandom, type BehaviourTestEvent } from './behaviour-test-events';
import { FunnelQuery } from './funnel.query';
import { RawFunnelQuery } from './raw-funnel.query';

const FIXED = '3c1e6a52-8d4f-4b7a-9e21-5f0a7c3b9d10';
const GENERATED = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const T0 = Date.parse('2026-03-01T10:00:00Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const RANGE = { from: new Date(T0 - HOUR), to: new Date(T0 + 10 * HOUR) };

const VIEW_CART_BUY: FunnelDefinition = { steps: [{ eventType: 'view' }, { eventType: 'cart' }, { eventType: 'buy' }], conversionWindowMs: HOUR };
const REFUND_BEFORE_BUY: FunnelExclusion = { eventType: 'refund', afterStep: 2, beforeStep: 3 };
const REFUND_ANYWHERE: FunnelExclusion = { eventType: 'refund', afterStep: 1, beforeStep: 3 };

/** Persons whose outcome differs by start mode, order and exclusion (worked out per mode in the tests). */
function fixedEvents(): BehaviourTestEvent[] {
  let n = 0;
  const at = (userKey: string, type: string, offsetMinutes: number, extra: Partial<BehaviourTestEvent> = {}): BehaviourTestEvent => ({
    tenantId: FIXED,
    eventId: `fixed-${String(++n).padStart(3, '0')}`,
    type,
    occurredAt: T0 + offsetMinutes * MINUTE,
    userKey,
    ...extra,
  });
  return [
    // ann: view 0, cart 10, buy 30 in every mode.
    at('ann', 'view', 0),
    at('ann', 'cart', 10),
    at('ann', 'buy', 30),
    // ben: the first view leads nowhere within the hour, the second converts: [120, 130] (first start: 1 step).
    at('ben', 'view', 0),
    at('ben', 'view', 120),
    at('ben', 'cart', 130),
    // cat: a buy interrupts view → cart: sequential [0, 10, 20], strict 1 step, any order [0, 5, 10].
    at('cat', 'view', 0),
    at('cat', 'buy', 5),
    at('cat', 'cart', 10),
    at('cat', 'buy', 20),
    // dan: buy first: ordered [10, 20], any order [0, 10, 20].
    at('dan', 'buy', 0),
    at('dan', 'view', 10),
    at('dan', 'cart', 20),
    // eve: a refund of 50 between cart and buy.
    at('eve', 'view', 0),
    at('eve', 'cart', 10),
    at('eve', 'refund', 15, { properties: { amount: 50 } }),
    at('eve', 'buy', 20),
    // fay: refunds before the chain and after the window only.
    at('fay', 'refund', -5, { properties: { amount: 50 } }),
    at('fay', 'view', 0),
    at('fay', 'cart', 10),
    at('fay', 'buy', 20),
    at('fay', 'refund', 90, { properties: { amount: 50 } }),
    // gus: view and cart at one millisecond, the cart walked first (event id): ordered 1 step, any order [0, 0, 5].
    at('gus', 'view', 0, { eventId: 'tie-z' }),
    at('gus', 'cart', 0, { eventId: 'tie-a' }),
    at('gus', 'buy', 5),
    // hal: a first chain with a refund of 5 before the buy, a clean second chain [30, 35, 40].
    at('hal', 'view', 0),
    at('hal', 'cart', 10),
    at('hal', 'refund', 15, { properties: { amount: 5 } }),
    at('hal', 'buy', 20),
    at('hal', 'view', 30),
    at('hal', 'cart', 35),
    at('hal', 'buy', 40),
    // ivy: a cart only (a step only in any order).
    at('ivy', 'cart', 0),
  ];
}

/**
 * Few distinct timestamps per person (ties everywhere, broken by mixed-case event ids), repeated steps,
 * refunds with amounts, rows of step types that fail a filter, and persons who never do step 1.
 */
function tiedEvents(seed: number, tenantId: string, persons = 220): BehaviourTestEvent[] {
  const random = seededRandom(seed);
  const types = ['view', 'view', 'view', 'cart', 'cart', 'buy', 'buy', 'refund', 'other'];
  const events: BehaviourTestEvent[] = [];
  for (let person = 0; person < persons; person++) {
    const count = 1 + Math.floor(random() * 20);
    const base = T0 + Math.floor(random() * 8) * HOUR;
    for (let index = 0; index < count; index++) {
      events.push({
        tenantId,
        eventId: `${random() < 0.5 ? 'M' : 'm'}${String.fromCharCode(97 + Math.floor(random() * 26))}${person}-${index}`,
        type: types[Math.floor(random() * types.length)],
        // 0, 5, … 60 minutes after the person's base: many events share a timestamp.
        occurredAt: base + Math.floor(random() * 13) * 5 * MINUTE,
        ...(random() < 0.15 ? { userKey: null, userId: `id-${person}` } : { userKey: `modes-${person}` }),
        properties: { plan: random() < 0.5 ? 'free' : random() < 0.7 ? 'pro' : undefined, amount: Math.floor(random() * 100) },
      });
    }
  }
  return events;
}

const PATHS = [
  { name: 'raw events', funnels: (opened: OpenedStore) => new RawFunnelQuery(opened.store.dataSource) },
  { name: 'FunnelQuery (event times where it can)', funnels: (opened: OpenedStore) => new FunnelQuery(opened.store.dataSource) },
];

describe.each(STORE_TARGETS)('funnel modes on $name', (target) => {
  let opened: OpenedStore;
  const generated = tiedEvents(2026, GENERATED);
  const inRange = asBehaviourEvents(generated).filter((event) => (event.occurredAt as number) >= RANGE.from.getTime() && (event.occurredAt as number) < RANGE.to.getTime());

  beforeAll(async () => {
    opened = await target.open();
    await insertBehaviourEventsWithEventTimes(opened.store.dataSource, [...fixedEvents(), ...generated]);
  });

  afterAll(async () => {
    await opened?.dispose();
  });

  describe.each(PATHS)('from $name', (path) => {
    const usersAndMedians = async (definition: FunnelDefinition) => {
      const totals = await path.funnels(opened).stepTotals(FIXED, { definition, ...RANGE });
      return roundNumbers(assembleFunnel(definition, totals.byBreakdown).steps.map((step) => [step.users, step.medianSecondsFromPrevious]));
    };
    const dropped = async (definition: FunnelDefinition, step: number) => (await path.funnels(opened).droppedPersons(FIXED, { definition, ...RANGE }, step, { limit: 100, offset: 0 })).personKeys;

    it('starts only from the first step-1 event with startMode first', async () => {
      // ben's first view reaches nothing: 8 → 6 → 5; step 2 [600 ann, 600 cat, 600 dan, 600 eve, 600 fay, 600 hal].
      expect(await usersAndMedians({ ...VIEW_CART_BUY, startMode: 'first' })).toEqual([
        [8, null],
        [6, 600],
        [5, 600],
      ]);
      expect(await dropped({ ...VIEW_CART_BUY, startMode: 'first' }, 2)).toEqual(['ben', 'gus']);
    });

    it('ends chains at an interrupting step-type event in strict order', async () => {
      // cat (a buy between view and cart) and gus (the cart walks before the view) stop at 1: 8 → 6 → 4.
      // Step 2: ann ben dan eve fay hal, 600 s each; step 3: ann 1200, eve fay hal 600 → median 600.
      expect(await usersAndMedians({ ...VIEW_CART_BUY, order: 'strict' })).toEqual([
        [8, null],
        [6, 600],
        [4, 600],
      ]);
      expect(await dropped({ ...VIEW_CART_BUY, order: 'strict' }, 2)).toEqual(['cat', 'gus']);
      expect(await dropped({ ...VIEW_CART_BUY, order: 'strict' }, 3)).toEqual(['ben', 'dan']);
    });

    it('counts steps in any order from the earliest event of the window', async () => {
      // Everyone with a step event, ivy included: 9 → 8 → 7 (ben stops at 2, ivy at 1).
      // Step 2 s: ann 600, ben 600, cat 300, dan 600, eve 600, fay 600, gus 0, hal 600 → median 600.
      // Step 3 s: ann 1200, cat 300, dan 600, eve 600, fay 600, gus 300, hal 600 → median 600.
      expect(await usersAndMedians({ ...VIEW_CART_BUY, order: 'any' })).toEqual([
        [9, null],
        [8, 600],
        [7, 600],
      ]);
      expect(await dropped({ ...VIEW_CART_BUY, order: 'any' }, 2)).toEqual(['ivy']);
      expect(await dropped({ ...VIEW_CART_BUY, order: 'any' }, 3)).toEqual(['ben']);
    });

    it('drops a chain at the step after an excluded event, keeping a clean later chain', async () => {
      // eve's refund cuts her at 2; hal's first chain is cut, his second counts (300 s, 300 s): 8 → 7 → 4.
      // Step 2 s: ann ben cat dan eve fay 600, hal 300 → 600; step 3 s: ann 1200, cat 600, fay 600, hal 300 → 600.
      const definition: FunnelDefinition = { ...VIEW_CART_BUY, exclusions: [REFUND_BEFORE_BUY] };
      expect(await usersAndMedians(definition)).toEqual([
        [8, null],
        [7, 600],
        [4, 600],
      ]);
      expect(await dropped(definition, 3)).toEqual(['ben', 'dan', 'eve']);
      // Only the first start: hal's cut chain is the one that counts.
      expect(await dropped({ ...definition, startMode: 'first' }, 3)).toEqual(['dan', 'eve', 'hal']);
      // An exclusion over steps 1 … 3 catches the same refunds.
      expect(await usersAndMedians({ ...VIEW_CART_BUY, exclusions: [REFUND_ANYWHERE] })).toEqual([
        [8, null],
        [7, 600],
        [4, 600],
      ]);
    });

    it('applies exclusions in strict order and whole-funnel exclusions in any order', async () => {
      // Strict: ann fay hal (second chain) reach 3.
      expect((await usersAndMedians({ ...VIEW_CART_BUY, order: 'strict', exclusions: [REFUND_BEFORE_BUY] })).map(([users]) => users)).toEqual([8, 6, 3]);
      // Any order: eve's only full window holds the refund (2 steps); hal's window from his buy at 20 is clean: 9 → 8 → 6.
      expect(await dropped({ ...VIEW_CART_BUY, order: 'any', exclusions: [REFUND_ANYWHERE] }, 3)).toEqual(['ben', 'eve']);
    });

    it('applies an exclusion’s filters (read from the events)', async () => {
      // Refunds over 10 only: eve's (50) cuts her, hal's (5) does not: 8 → 7 → 4 (ann cat fay hal).
      const definition: FunnelDefinition = { ...VIEW_CART_BUY, exclusions: [{ ...REFUND_BEFORE_BUY, filters: [{ property: 'amount', operator: 'gt', value: 10 }] }] };
      expect((await usersAndMedians(definition)).map(([users]) => users)).toEqual([8, 7, 4]);
      expect(await dropped(definition, 3)).toEqual(['ben', 'dan', 'eve']);
      // hal's first chain is clean now, so he converts from his first start too.
      expect(await dropped({ ...definition, startMode: 'first' }, 3)).toEqual(['dan', 'eve']);
    });
  });

  it('reads the event-time chunks in every mode when steps and exclusions have no filters', async () => {
    const query = new FunnelQuery(opened.store.dataSource);
    for (const definition of [
      { ...VIEW_CART_BUY, startMode: 'first' as const },
      { ...VIEW_CART_BUY, order: 'strict' as const, exclusions: [REFUND_BEFORE_BUY] },
      { ...VIEW_CART_BUY, order: 'any' as const, exclusions: [REFUND_ANYWHERE] },
    ]) {
      expect((await query.stepTotals(FIXED, { definition, ...RANGE })).path).toBe('event_times');
    }
    const filtered = { ...VIEW_CART_BUY, exclusions: [{ ...REFUND_BEFORE_BUY, filters: [{ property: 'amount', operator: 'gt' as const, value: 10 }] }] };
    expect((await query.stepTotals(FIXED, { definition: filtered, ...RANGE })).path).toBe('raw');
  });

  describe('both paths agree with analytics-core on generated data in every mode', () => {
    const pro = { property: 'plan', operator: 'equals', value: 'pro' } as const;
    const bigRefund = { property: 'amount', operator: 'gte', value: 50 } as const;
    const STEPS: Array<[string, Pick<FunnelDefinition, 'steps' | 'conversionWindowMs' | 'breakdownProperty'>]> = [
      ['view → cart → buy', { steps: VIEW_CART_BUY.steps, conversionWindowMs: 20 * MINUTE }],
      ['view → view → cart (a repeated step)', { steps: [{ eventType: 'view' }, { eventType: 'view' }, { eventType: 'cart' }], conversionWindowMs: 30 * MINUTE }],
      ['a filtered step and a breakdown', { steps: [{ eventType: 'view', filters: [pro] }, { eventType: 'buy' }, { eventType: 'view' }], conversionWindowMs: 40 * MINUTE, breakdownProperty: 'plan' }],
    ];
    const EXCLUSIONS: Array<[string, (order: FunnelOrder) => FunnelExclusion[]]> = [
      ['no exclusion', () => []],
      ['refunds excluded', (order) => [order === 'any' ? REFUND_ANYWHERE : REFUND_BEFORE_BUY]],
      ['big refunds and others excluded', (order) => [{ eventType: 'refund', filters: [bigRefund], afterStep: 1, beforeStep: 3 }, { eventType: 'other', afterStep: order === 'any' ? 1 : 2, beforeStep: 3 }]],
    ];
    const cases = STEPS.flatMap(([stepsName, steps]) =>
      (['any', 'first'] as FunnelStartMode[]).flatMap((startMode) =>
        (['sequential', 'strict', 'any'] as FunnelOrder[]).flatMap((order) =>
          EXCLUSIONS.map(([exclusionsName, exclusions]) => ({
            name: `${stepsName}, start ${startMode}, order ${order}, ${exclusionsName}`,
            definition: { ...steps, startMode, order, exclusions: exclusions(order) } as FunnelDefinition,
          })),
        ),
      ),
    );

    it.each(PATHS.flatMap((path) => cases.map((testCase) => ({ ...testCase, path }))))('$path.name: $name', async ({ path, definition }) => {
      const expected = computeFunnel(inRange, definition);
      expect(expected.steps[0].users).toBeGreaterThan(50);
      expect(expected.steps[2].users).toBeGreaterThan(3);
      const totals = await path.funnels(opened).stepTotals(GENERATED, { definition, ...RANGE });
      expect(roundNumbers(assembleFunnel(definition, totals.byBreakdown, totals.overall))).toEqual(roundNumbers(expected));
      const page = await path.funnels(opened).droppedPersons(GENERATED, { definition, ...RANGE }, 3, { limit: 1000, offset: 0 });
      expect(page.personKeys).toEqual(funnelDroppedPersons(funnelOutcomes(inRange, definition), 3));
    });
  });
});

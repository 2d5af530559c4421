import type { BehaviourEvent } from './behaviour-event';
import { computeFunnel, funnelOutcomes, type PersonFunnelOutcome } from './funnel';
import { conversionWindowMs, funnelDefinitionProblems, funnelStepGroups, type FunnelDefinition } from './funnel-definition';

const T0 = Date.parse('2026-03-01T10:00:00Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

let sequence = 0;
/** An event; ids follow creation order unless given (ties at one millisecond are walked by id). */
function event(personKey: string, type: string, offsetMs: number, properties: Record<string, unknown> = {}, eventId?: string): BehaviourEvent {
  sequence += 1;
  return { eventId: eventId ?? `e${String(sequence).padStart(4, '0')}`, personKey, type, occurredAt: T0 + offsetMs, properties };
}

function outcome(personKey: string, offsets: number[], breakdownValue: string | null = null): PersonFunnelOutcome {
  return { personKey, stepsReached: offsets.length, stepTimes: offsets.map((offset) => T0 + offset), breakdownValue };
}

const VIEW_CART: FunnelDefinition = { steps: [{ eventType: 'view' }, { eventType: 'cart' }], conversionWindowMs: HOUR };
const VIEW_CART_BUY: FunnelDefinition = { steps: [{ eventType: 'view' }, { eventType: 'cart' }, { eventType: 'buy' }], conversionWindowMs: HOUR };

describe('funnel start modes', () => {
  // view at 0 leads nowhere within the hour; the view 2 h later converts 10 min after.
  const repeatedStart = [event('p', 'view', 0), event('p', 'view', 2 * HOUR), event('p', 'cart', 2 * HOUR + 10 * MINUTE)];

  it('lets any step-1 event start the chain by default, keeping the furthest', () => {
    expect(funnelOutcomes(repeatedStart, VIEW_CART)).toEqual([outcome('p', [2 * HOUR, 2 * HOUR + 10 * MINUTE])]);
  });

  it('with startMode first, starts only from the first step-1 event in the range', () => {
    expect(funnelOutcomes(repeatedStart, { ...VIEW_CART, startMode: 'first' })).toEqual([outcome('p', [0])]);
  });

  it('with startMode first, takes the breakdown from that first event', () => {
    const events = [event('p', 'view', 0, { plan: 'free' }), event('p', 'view', MINUTE, { plan: 'pro' }), event('p', 'cart', 2 * MINUTE)];
    const definition: FunnelDefinition = { ...VIEW_CART, startMode: 'first', breakdownProperty: 'plan' };
    // The first view reaches the cart too (2 min): free, [0, 2 min].
    expect(funnelOutcomes(events, definition)).toEqual([outcome('p', [0, 2 * MINUTE], 'free')]);
  });

  it('with startMode first, walks the first of two step-1 events at one millisecond by event id', () => {
    // view "b" and view "a" at 0: "a" is first; step 2 (a second view) is then "b".
    const events = [event('p', 'view', 0, {}, 'b'), event('p', 'view', 0, {}, 'a'), event('p', 'buy', 5)];
    const definition: FunnelDefinition = { steps: [{ eventType: 'view' }, { eventType: 'view' }, { eventType: 'buy' }], conversionWindowMs: HOUR, startMode: 'first' };
    expect(funnelOutcomes(events, definition)).toEqual([outcome('p', [0, 0, 5])]);
  });
});

describe('strict order', () => {
  const strict: FunnelDefinition = { ...VIEW_CART_BUY, order: 'strict' };

  it('counts steps that follow each other with no other step-type event between', () => {
    const events = [event('p', 'view', 0), event('p', 'cart', MINUTE), event('p', 'buy', 2 * MINUTE)];
    expect(funnelOutcomes(events, strict)).toEqual([outcome('p', [0, MINUTE, 2 * MINUTE])]);
  });

  it('ends the chain at an event of a step type that is not the next step', () => {
    // The buy at 1 min interrupts view → cart: 1 step (sequential order: all 3).
    const events = [event('p', 'view', 0), event('p', 'buy', MINUTE), event('p', 'cart', 2 * MINUTE), event('p', 'buy', 3 * MINUTE)];
    expect(funnelOutcomes(events, strict)).toEqual([outcome('p', [0])]);
    expect(funnelOutcomes(events, VIEW_CART_BUY)).toEqual([outcome('p', [0, 2 * MINUTE, 3 * MINUTE])]);
  });

  it('ignores events of types that are no step', () => {
    const events = [event('p', 'view', 0), event('p', 'scroll', MINUTE), event('p', 'cart', 2 * MINUTE)];
    expect(funnelOutcomes(events, { ...VIEW_CART, order: 'strict' })).toEqual([outcome('p', [0, 2 * MINUTE])]);
  });

  it('starts again from a later step-1 event when a repeated step 1 interrupts', () => {
    // view 0, view 1 min, cart 2 min: from view 0 the next step-type event is a view (1 step); from view 1 min: 2 steps.
    const events = [event('p', 'view', 0), event('p', 'view', MINUTE), event('p', 'cart', 2 * MINUTE)];
    expect(funnelOutcomes(events, { ...VIEW_CART, order: 'strict' })).toEqual([outcome('p', [MINUTE, 2 * MINUTE])]);
    expect(funnelOutcomes(events, { ...VIEW_CART, order: 'strict', startMode: 'first' })).toEqual([outcome('p', [0])]);
  });

  it('is interrupted by an event of a step type that fails the step’s filters', () => {
    const bigBuy: FunnelDefinition = { steps: [{ eventType: 'view' }, { eventType: 'buy', filters: [{ property: 'revenue', operator: 'gt', value: 100 }] }], conversionWindowMs: HOUR, order: 'strict' };
    const events = [event('p', 'view', 0), event('p', 'buy', MINUTE, { revenue: 20 }), event('p', 'buy', 2 * MINUTE, { revenue: 150 })];
    expect(funnelOutcomes(events, bigBuy)).toEqual([outcome('p', [0])]);
    expect(funnelOutcomes(events, { ...bigBuy, order: 'sequential' })).toEqual([outcome('p', [0, 2 * MINUTE])]);
  });

  it('orders events at one millisecond by event id', () => {
    const interrupted = [event('p', 'view', 0, {}, 'a'), event('p', 'buy', 0, {}, 'b'), event('p', 'cart', 0, {}, 'c')];
    expect(funnelOutcomes(interrupted, strict)).toEqual([outcome('p', [0])]);
    const clean = [event('q', 'view', 0, {}, 'a'), event('q', 'cart', 0, {}, 'b'), event('q', 'buy', 0, {}, 'c')];
    expect(funnelOutcomes(clean, strict)).toEqual([outcome('q', [0, 0, 0])]);
  });

  it('still needs each step within the window', () => {
    const events = [event('p', 'view', 0), event('p', 'cart', HOUR), event('p', 'buy', HOUR + 1)];
    expect(funnelOutcomes(events, strict)).toEqual([outcome('p', [0, HOUR])]);
  });
});

describe('any order (unordered)', () => {
  const any: FunnelDefinition = { ...VIEW_CART_BUY, order: 'any' };

  it('counts the steps done in any order within the window from the earliest of them', () => {
    // buy 0, view 10 min, cart 20 min: 3 steps, 600 s and 600 s (sequential: view → cart, 2 steps).
    const events = [event('p', 'buy', 0), event('p', 'view', 10 * MINUTE), event('p', 'cart', 20 * MINUTE)];
    expect(funnelOutcomes(events, any)).toEqual([outcome('p', [0, 10 * MINUTE, 20 * MINUTE])]);
    expect(funnelOutcomes(events, VIEW_CART_BUY)).toEqual([outcome('p', [10 * MINUTE, 20 * MINUTE])]);
  });

  it('counts a person who did any one step as having done 1 step', () => {
    const events = [event('p', 'cart', 0), event('p', 'view', 70 * MINUTE)];
    expect(funnelOutcomes(events, any)).toEqual([outcome('p', [0])]);
  });

  it('keeps the window that holds the most steps, the earliest on ties', () => {
    // From buy 0: buy, view 50 min (2). From view 50 min: view, cart 70 min (2). Tie: buy 0's window.
    const events = [event('p', 'buy', 0), event('p', 'view', 50 * MINUTE), event('p', 'cart', 70 * MINUTE)];
    expect(funnelOutcomes(events, any)).toEqual([outcome('p', [0, 50 * MINUTE])]);
  });

  it('needs as many events as steps that repeat one matcher', () => {
    const viewViewBuy: FunnelDefinition = { steps: [{ eventType: 'view' }, { eventType: 'view' }, { eventType: 'buy' }], conversionWindowMs: HOUR, order: 'any' };
    expect(funnelOutcomes([event('once', 'view', 0), event('once', 'buy', 5)], viewViewBuy)).toEqual([outcome('once', [0, 5])]);
    const twice = [event('twice', 'buy', 0), event('twice', 'view', 2), event('twice', 'view', 4), event('twice', 'view', 6)];
    expect(funnelOutcomes(twice, viewViewBuy)).toEqual([outcome('twice', [0, 2, 4])]);
  });

  it('lets one event serve steps with different matchers', () => {
    const viewAndProView: FunnelDefinition = {
      steps: [{ eventType: 'view' }, { eventType: 'view', filters: [{ property: 'plan', operator: 'equals', value: 'pro' }] }],
      conversionWindowMs: HOUR,
      order: 'any',
    };
    expect(funnelOutcomes([event('p', 'view', 0, { plan: 'pro' })], viewAndProView)).toEqual([outcome('p', [0, 0])]);
  });

  it('includes events at the start’s millisecond walked after it, by event id', () => {
    // view "a" and cart "b" at 0: from view, the window holds the cart (2 steps at 0 s).
    const events = [event('p', 'cart', 0, {}, 'b'), event('p', 'view', 0, {}, 'a')];
    expect(funnelOutcomes(events, any)).toEqual([outcome('p', [0, 0])]);
  });

  it('with startMode first, starts only from the first event of any step', () => {
    const events = [event('p', 'cart', 0), event('p', 'view', 2 * HOUR), event('p', 'buy', 2 * HOUR + 1)];
    expect(funnelOutcomes(events, any)).toEqual([outcome('p', [2 * HOUR, 2 * HOUR + 1])]);
    expect(funnelOutcomes(events, { ...any, startMode: 'first' })).toEqual([outcome('p', [0])]);
  });

  it('takes the breakdown from the event that starts the window', () => {
    const events = [event('p', 'cart', 0, { plan: 'pro' }), event('p', 'view', MINUTE, { plan: 'free' })];
    expect(funnelOutcomes(events, { ...any, breakdownProperty: 'plan' })).toEqual([outcome('p', [0, MINUTE], 'pro')]);
  });
});

describe('exclusions', () => {
  const refundBetweenCartAndBuy: FunnelDefinition = { ...VIEW_CART_BUY, exclusions: [{ eventType: 'refund', afterStep: 2, beforeStep: 3 }] };

  it('drops a chain at beforeStep when the excluded event happens between the two steps', () => {
    const events = [event('p', 'view', 0), event('p', 'cart', 10 * MINUTE), event('p', 'refund', 15 * MINUTE), event('p', 'buy', 20 * MINUTE)];
    expect(funnelOutcomes(events, refundBetweenCartAndBuy)).toEqual([outcome('p', [0, 10 * MINUTE])]);
  });

  it('ignores an excluded event before the chain started or after the window', () => {
    const before = [event('before', 'refund', -5 * MINUTE), event('before', 'view', 0), event('before', 'cart', 10 * MINUTE), event('before', 'buy', 20 * MINUTE)];
    // The buy after 70 min is outside the hour: the chain stops at 2, so the refund after it does not matter.
    const after = [event('after', 'view', 0), event('after', 'cart', 10 * MINUTE), event('after', 'buy', 70 * MINUTE), event('after', 'refund', 65 * MINUTE)];
    const late = [event('late', 'view', 0), event('late', 'cart', 10 * MINUTE), event('late', 'buy', 20 * MINUTE), event('late', 'refund', 90 * MINUTE)];
    expect(funnelOutcomes([...before, ...after, ...late], refundBetweenCartAndBuy)).toEqual([
      outcome('after', [0, 10 * MINUTE]),
      outcome('before', [0, 10 * MINUTE, 20 * MINUTE]),
      outcome('late', [0, 10 * MINUTE, 20 * MINUTE]),
    ]);
  });

  it('counts an excluded event only strictly between the steps’ times', () => {
    const events = [event('p', 'view', 0), event('p', 'cart', 10 * MINUTE), event('p', 'refund', 10 * MINUTE), event('p', 'refund', 20 * MINUTE), event('p', 'buy', 20 * MINUTE)];
    expect(funnelOutcomes(events, refundBetweenCartAndBuy)).toEqual([outcome('p', [0, 10 * MINUTE, 20 * MINUTE])]);
  });

  it('keeps a clean later chain of the same person', () => {
    const events = [
      event('p', 'view', 0),
      event('p', 'cart', 10 * MINUTE),
      event('p', 'refund', 15 * MINUTE),
      event('p', 'buy', 20 * MINUTE),
      event('p', 'view', 30 * MINUTE),
      event('p', 'cart', 35 * MINUTE),
      event('p', 'buy', 40 * MINUTE),
    ];
    expect(funnelOutcomes(events, refundBetweenCartAndBuy)).toEqual([outcome('p', [30 * MINUTE, 35 * MINUTE, 40 * MINUTE])]);
    // Only the first start may count: its chain is cut.
    expect(funnelOutcomes(events, { ...refundBetweenCartAndBuy, startMode: 'first' })).toEqual([outcome('p', [0, 10 * MINUTE])]);
  });

  it('spans several steps: an excluded event anywhere between afterStep and beforeStep stops the chain before beforeStep', () => {
    const wide: FunnelDefinition = { ...VIEW_CART_BUY, exclusions: [{ eventType: 'refund', afterStep: 1, beforeStep: 3 }] };
    const events = [event('p', 'view', 0), event('p', 'refund', 5 * MINUTE), event('p', 'cart', 10 * MINUTE), event('p', 'buy', 20 * MINUTE)];
    expect(funnelOutcomes(events, wide)).toEqual([outcome('p', [0, 10 * MINUTE])]);
  });

  it('applies the exclusion’s filters, and the lowest beforeStep of several hit exclusions', () => {
    const definition: FunnelDefinition = {
      ...VIEW_CART_BUY,
      exclusions: [
        { eventType: 'refund', filters: [{ property: 'amount', operator: 'gt', value: 10 }], afterStep: 2, beforeStep: 3 },
        { eventType: 'logout', afterStep: 1, beforeStep: 2 },
      ],
    };
    const small = [event('small', 'view', 0), event('small', 'cart', 10 * MINUTE), event('small', 'refund', 15 * MINUTE, { amount: 5 }), event('small', 'buy', 20 * MINUTE)];
    const both = [event('both', 'view', 0), event('both', 'logout', MINUTE), event('both', 'cart', 10 * MINUTE), event('both', 'refund', 15 * MINUTE, { amount: 50 }), event('both', 'buy', 20 * MINUTE)];
    expect(funnelOutcomes([...small, ...both], definition)).toEqual([outcome('both', [0]), outcome('small', [0, 10 * MINUTE, 20 * MINUTE])]);
  });

  it('cuts strict chains the same way', () => {
    const events = [event('p', 'view', 0), event('p', 'cart', 10 * MINUTE), event('p', 'refund', 15 * MINUTE), event('p', 'buy', 20 * MINUTE)];
    // The refund is no step type: it does not interrupt the strict order, the exclusion cuts the chain.
    expect(funnelOutcomes(events, { ...refundBetweenCartAndBuy, order: 'strict' })).toEqual([outcome('p', [0, 10 * MINUTE])]);
  });

  it('with order any, drops a window that completes every step with an excluded event inside', () => {
    const definition: FunnelDefinition = { ...VIEW_CART_BUY, order: 'any', exclusions: [{ eventType: 'refund', afterStep: 1, beforeStep: 3 }] };
    // From buy 0: all 3 steps, refund at 5 min inside → 2. From view 10 min: view, cart (2). Tie: buy 0's first two.
    const events = [event('p', 'buy', 0), event('p', 'refund', 5 * MINUTE), event('p', 'view', 10 * MINUTE), event('p', 'cart', 20 * MINUTE)];
    expect(funnelOutcomes(events, definition)).toEqual([outcome('p', [0, 10 * MINUTE])]);
  });
});

describe('funnel definition rules', () => {
  it('converts a window in minutes, hours, days and weeks', () => {
    expect([conversionWindowMs({ value: 30, unit: 'minute' }), conversionWindowMs({ value: 2, unit: 'hour' }), conversionWindowMs({ value: 1, unit: 'day' }), conversionWindowMs({ value: 2, unit: 'week' })]).toEqual([
      30 * MINUTE,
      2 * HOUR,
      24 * HOUR,
      14 * 24 * HOUR,
    ]);
  });

  it('names the exclusion field whose steps are out of range or out of order', () => {
    const exclusions = [
      { eventType: 'x', afterStep: 0, beforeStep: 2 },
      { eventType: 'x', afterStep: 3, beforeStep: 4 },
      { eventType: 'x', afterStep: 2, beforeStep: 2 },
      { eventType: 'x', afterStep: 1, beforeStep: 4 },
      { eventType: 'x', afterStep: 1, beforeStep: 3 },
    ];
    expect(funnelDefinitionProblems({ ...VIEW_CART_BUY, exclusions }).map((problem) => [problem.field, problem.rule])).toEqual([
      ['exclusions[0].afterStep', 'isStepBeforeLast'],
      ['exclusions[1].afterStep', 'isStepBeforeLast'],
      ['exclusions[2].beforeStep', 'isStepAfterAfterStep'],
      ['exclusions[3].beforeStep', 'isStepAfterAfterStep'],
    ]);
  });

  it('allows only whole-funnel exclusions with order any, and names unknown modes', () => {
    const definition = { ...VIEW_CART_BUY, order: 'any', exclusions: [{ eventType: 'x', afterStep: 1, beforeStep: 2 }] } as const;
    expect(funnelDefinitionProblems(definition).map((problem) => problem.field)).toEqual(['exclusions[0].afterStep']);
    const unknown = { ...VIEW_CART_BUY, order: 'random', startMode: 'last' } as unknown as FunnelDefinition;
    expect(funnelDefinitionProblems(unknown).map((problem) => problem.field)).toEqual(['startMode', 'order']);
    expect(() => computeFunnel([], unknown)).toThrow(RangeError);
  });

  it('groups steps that share a matcher', () => {
    const pro = [{ property: 'plan', operator: 'equals' as const, value: 'pro' }];
    expect(funnelStepGroups([{ eventType: 'a' }, { eventType: 'b' }, { eventType: 'a', filters: [] }, { eventType: 'a', filters: pro }, { eventType: 'a', filters: pro }])).toEqual([0, 1, 0, 2, 2]);
  });
});

import type { BehaviourEvent } from './behaviour-event';
import { computeFunnel, funnelDroppedPersons, funnelOutcomes } from './funnel';
import type { FunnelDefinition } from './funnel-definition';

const T0 = Date.parse('2026-03-01T10:00:00Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

let sequence = 0;
function event(personKey: string, type: string, offsetMs: number, properties: Record<string, unknown> = {}): BehaviourEvent {
  sequence += 1;
  return { eventId: `e${String(sequence).padStart(4, '0')}`, personKey, type, occurredAt: T0 + offsetMs, properties };
}

const VIEW_CART_BUY: FunnelDefinition = {
  steps: [{ eventType: 'view' }, { eventType: 'cart' }, { eventType: 'buy' }],
  conversionWindowMs: HOUR,
};

describe('funnel', () => {
  it('counts users per step, conversions, drop-offs and times to convert (hand-computed)', () => {
    const events = [
      // alice: view → cart 10 min → buy 30 min: 3 steps, 600 s and 1200 s.
      event('alice', 'view', 0),
      event('alice', 'cart', 10 * MINUTE),
      event('alice', 'buy', 30 * MINUTE),
      // bob: the cart comes 2 h after the view, outside the 1 h window: 1 step.
      event('bob', 'view', 0),
      event('bob', 'cart', 2 * HOUR),
      // carol: the first view leads nowhere in time; the second completes in 50 min: 3 steps, 1200 s, 1800 s.
      event('carol', 'view', 0),
      event('carol', 'view', 3 * HOUR),
      event('carol', 'cart', 3 * HOUR + 20 * MINUTE),
      event('carol', 'buy', 3 * HOUR + 50 * MINUTE),
      // dave: cart before view does not count: 1 step.
      event('dave', 'cart', 0),
      event('dave', 'view', MINUTE),
      // erin: cart after 5 min, buy after 70 min (outside): 2 steps, 300 s.
      event('erin', 'view', 0),
      event('erin', 'cart', 5 * MINUTE),
      event('erin', 'view', 6 * MINUTE),
      event('erin', 'buy', 70 * MINUTE),
      // frank never starts the funnel.
      event('frank', 'cart', 0),
    ];
    const result = computeFunnel(events, VIEW_CART_BUY);
    // step 1: alice bob carol dave erin = 5; step 2: alice carol erin = 3; step 3: alice carol = 2.
    // step 2 seconds [600, 1200, 300]: median 600; p95 rank 0.95 × 2 = 1.9 → 600 + 0.9 × 600 = 1140.
    // step 3 seconds [1200, 1800]: median 1500; p95 rank 0.95 → 1200 + 0.95 × 600 = 1770.
    expect(result).toEqual({
      steps: [
        { step: 1, eventType: 'view', users: 5, conversionFromPrevious: 1, conversionFromFirst: 1, droppedUsers: 0, medianSecondsFromPrevious: null, p95SecondsFromPrevious: null },
        { step: 2, eventType: 'cart', users: 3, conversionFromPrevious: 0.6, conversionFromFirst: 0.6, droppedUsers: 2, medianSecondsFromPrevious: 600, p95SecondsFromPrevious: 1140 },
        { step: 3, eventType: 'buy', users: 2, conversionFromPrevious: 2 / 3, conversionFromFirst: 0.4, droppedUsers: 1, medianSecondsFromPrevious: 1500, p95SecondsFromPrevious: 1770 },
      ],
    });
    const outcomes = funnelOutcomes(events, VIEW_CART_BUY);
    expect(funnelDroppedPersons(outcomes, 2)).toEqual(['bob', 'dave']);
    expect(funnelDroppedPersons(outcomes, 3)).toEqual(['erin']);
  });

  it('counts a conversion exactly at the end of the window, not one millisecond later', () => {
    const events = [event('a', 'view', 0), event('a', 'cart', HOUR), event('b', 'view', 0), event('b', 'cart', HOUR + 1)];
    const [, cart] = computeFunnel(events, { ...VIEW_CART_BUY, steps: VIEW_CART_BUY.steps.slice(0, 2) }).steps;
    expect(cart.users).toBe(1);
  });

  it('breaks ties between starts that reach the same step by the earliest start', () => {
    // view 0, cart 10 min, view 20 min, cart 25 min: both starts reach step 2; the first one is kept → 600 s, not 300 s.
    const events = [event('a', 'view', 0), event('a', 'cart', 10 * MINUTE), event('a', 'view', 20 * MINUTE), event('a', 'cart', 25 * MINUTE)];
    const [outcome] = funnelOutcomes(events, VIEW_CART_BUY);
    expect(outcome).toEqual({ personKey: 'a', stepsReached: 2, stepTimes: [T0, T0 + 10 * MINUTE], breakdownValue: null });
  });

  it('counts a user once per step even when the step repeats, and never uses one event for two steps', () => {
    const twoViews: FunnelDefinition = { steps: [{ eventType: 'view' }, { eventType: 'view' }], conversionWindowMs: HOUR };
    const events = [event('once', 'view', 0), event('thrice', 'view', 0), event('thrice', 'view', MINUTE), event('thrice', 'view', 2 * MINUTE)];
    const result = computeFunnel(events, twoViews);
    expect(result.steps.map((step) => step.users)).toEqual([2, 1]);
    // thrice: start at 0 → second view at 1 min (the earliest later one): 60 s.
    expect(result.steps[1].medianSecondsFromPrevious).toBe(60);
  });

  it('applies property filters to the steps', () => {
    const bigBuy: FunnelDefinition = {
      steps: [{ eventType: 'view' }, { eventType: 'buy', filters: [{ property: 'revenue', operator: 'gt', value: 100 }] }],
      conversionWindowMs: HOUR,
    };
    const events = [
      event('small', 'view', 0),
      event('small', 'buy', MINUTE, { revenue: 20 }),
      event('big', 'view', 0),
      event('big', 'buy', MINUTE, { revenue: 20 }),
      event('big', 'buy', 2 * MINUTE, { revenue: 150 }),
    ];
    const result = computeFunnel(events, bigBuy);
    expect(result.steps.map((step) => step.users)).toEqual([2, 1]);
    expect(result.steps[1].medianSecondsFromPrevious).toBe(120);
  });

  it('breaks the funnel down by a property of the start event, biggest group first', () => {
    const byPlan: FunnelDefinition = { ...VIEW_CART_BUY, steps: VIEW_CART_BUY.steps.slice(0, 2), breakdownProperty: 'plan' };
    const events = [
      event('a', 'view', 0, { plan: 'free' }),
      event('a', 'cart', MINUTE),
      event('b', 'view', 0, { plan: 'pro' }),
      event('c', 'view', 0, { plan: 'pro' }),
      event('c', 'cart', 2 * MINUTE),
      event('d', 'view', 0),
    ];
    const result = computeFunnel(events, byPlan);
    expect(result.steps.map((step) => step.users)).toEqual([4, 2]);
    expect(result.breakdowns?.map((group) => [group.breakdownValue, group.steps.map((step) => step.users)])).toEqual([
      ['pro', [2, 1]],
      ['free', [1, 1]],
      [null, [1, 0]],
    ]);
    // overall step 2 times: [60, 120] → median 90.
    expect(result.steps[1].medianSecondsFromPrevious).toBe(90);
  });

  it('answers an empty funnel for no events', () => {
    const result = computeFunnel([], VIEW_CART_BUY);
    expect(result.steps.map((step) => [step.users, step.conversionFromPrevious, step.conversionFromFirst])).toEqual([
      [0, null, null],
      [0, null, null],
      [0, null, null],
    ]);
  });

  it('orders simultaneous events by event id', () => {
    const events: BehaviourEvent[] = [
      { eventId: 'b', personKey: 'p', type: 'view', occurredAt: T0 },
      { eventId: 'a', personKey: 'p', type: 'cart', occurredAt: T0 },
    ];
    // cart (id a) comes before view (id b): no conversion.
    expect(computeFunnel(events, VIEW_CART_BUY).steps.map((step) => step.users)).toEqual([1, 0, 0]);
  });
});

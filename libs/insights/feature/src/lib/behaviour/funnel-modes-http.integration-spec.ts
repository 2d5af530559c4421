import type { NewEvent } from '@pulse/storage';
import { startEmbeddedInsights, type InsightsUnderTest } from '../../testing/behaviour-app';

const T0 = Date.parse('2026-03-01T10:00:00Z');
const MINUTE = 60_000;

describe('funnel start modes, orders, exclusions and window units (embedded insights service)', () => {
  let insights: InsightsUnderTest;
  let tenant: { id: string; secretKey: string };
  let n = 0;

  const event = (userId: string, type: string, minutes: number, properties: Record<string, unknown> = {}): NewEvent => ({
    tenantId: tenant.id,
    eventId: `modes-${++n}`,
    type,
    category: 'test',
    occurredAt: new Date(T0 + minutes * MINUTE),
    receivedAt: new Date(T0 + minutes * MINUTE),
    userId,
    properties,
  });

  const funnel = {
    from: '2026-03-01T00:00:00Z',
    to: '2026-03-02T00:00:00Z',
    steps: [{ eventType: 'view' }, { eventType: 'cart' }, { eventType: 'buy' }],
    conversionWindow: { value: 1, unit: 'hour' },
  };
  const users = async (body: Record<string, unknown>) => {
    const answer = await insights.post('/v1/funnels', body, tenant.secretKey);
    expect(answer.status).toBe(200);
    return { path: answer.body.path, users: answer.body.steps.map((step: { users: number }) => step.users) };
  };

  beforeAll(async () => {
    insights = await startEmbeddedInsights();
    tenant = await insights.createTenant('UTC');
    await insights.insertEvents([
      // ann: view 0, cart 10, buy 30.
      event('ann', 'view', 0),
      event('ann', 'cart', 10),
      event('ann', 'buy', 30),
      // ben: the first view leads nowhere within the hour, the second reaches the cart.
      event('ben', 'view', 0),
      event('ben', 'view', 120),
      event('ben', 'cart', 130),
      // cat: a buy between view and cart.
      event('cat', 'view', 0),
      event('cat', 'buy', 5),
      event('cat', 'cart', 10),
      event('cat', 'buy', 20),
      // eve: a refund of 50 between cart and buy.
      event('eve', 'view', 0),
      event('eve', 'cart', 10),
      event('eve', 'refund', 15, { amount: 50 }),
      event('eve', 'buy', 20),
    ]);
  });

  afterAll(async () => {
    await insights?.stop();
  });

  it('answers the default funnel with a window in hours, as with conversionWindowSeconds', async () => {
    // ann 3, ben 2 (from his second view), cat 3 (view, cart 10, buy 20), eve 3.
    expect(await users(funnel)).toEqual({ path: 'event_times', users: [4, 4, 3] });
    const { conversionWindow: _window, ...inSeconds } = funnel;
    const answer = await insights.post('/v1/funnels', { ...inSeconds, conversionWindowSeconds: 3600 }, tenant.secretKey);
    expect([answer.body.conversionWindowSeconds, answer.body.startMode, answer.body.order, answer.body.steps.map((step: { users: number }) => step.users)]).toEqual([3600, 'any', 'sequential', [4, 4, 3]]);
  });

  it('counts only steps within a window in minutes', async () => {
    // 15 minutes: every cart (10 min after the view) counts, no buy does (20 and 30 min).
    const answer = await insights.post('/v1/funnels', { ...funnel, conversionWindow: { value: 15, unit: 'minute' } }, tenant.secretKey);
    expect([answer.body.conversionWindowSeconds, answer.body.steps.map((step: { users: number }) => step.users)]).toEqual([900, [4, 4, 0]]);
  });

  it('starts from the first step-1 event only with startMode first', async () => {
    // ben's first view reaches no cart within the hour.
    expect(await users({ ...funnel, startMode: 'first' })).toEqual({ path: 'event_times', users: [4, 3, 3] });
  });

  it('stops at an interrupting step-type event with order strict', async () => {
    // cat's buy comes between view and cart: 1 step; the rest as before except that ben and cat are not at 3.
    expect(await users({ ...funnel, order: 'strict' })).toEqual({ path: 'event_times', users: [4, 3, 2] });
  });

  it('counts steps in any order with order any', async () => {
    const answer = await insights.post('/v1/funnels', { ...funnel, order: 'any' }, tenant.secretKey);
    // cat: view 0, buy 5, cart 10 → 3 steps, 300 s and 300 s; ann 600/1200, eve 600/600, ben 600 (2 steps).
    expect(answer.body.steps.map((step: { users: number; medianSecondsFromPrevious: number | null }) => [step.users, step.medianSecondsFromPrevious])).toEqual([
      [4, null],
      [4, 600],
      [3, 600],
    ]);
    expect(answer.body.order).toBe('any');
  });

  it('drops a chain at the step after an excluded event, from the chunks or (with filters) the events', async () => {
    const refund = { eventType: 'refund', afterStep: 2, beforeStep: 3 };
    expect(await users({ ...funnel, exclusions: [refund] })).toEqual({ path: 'event_times', users: [4, 4, 2] });
    expect(await users({ ...funnel, exclusions: [{ ...refund, filters: [{ property: 'amount', operator: 'gt', value: 10 }] }] })).toEqual({ path: 'raw', users: [4, 4, 2] });
    expect(await users({ ...funnel, exclusions: [{ ...refund, filters: [{ property: 'amount', operator: 'gt', value: 100 }] }] })).toEqual({ path: 'raw', users: [4, 4, 3] });
    const dropped = await insights.post('/v1/funnels/dropped-users', { ...funnel, exclusions: [refund], step: 3 }, tenant.secretKey);
    expect(dropped.body).toEqual({ step: 3, users: ['ben', 'eve'], total: 2, limit: 100, offset: 0 });
  });

  const { conversionWindow: _window, ...withoutWindow } = funnel;
  it.each([
    ['an unknown startMode', { ...funnel, startMode: 'last' }, 'startMode', 'isIn'],
    ['an unknown order', { ...funnel, order: 'random' }, 'order', 'isIn'],
    ['an unknown window unit', { ...funnel, conversionWindow: { value: 1, unit: 'month' } }, 'conversionWindow.unit', 'isIn'],
    ['a window value of zero', { ...funnel, conversionWindow: { value: 0, unit: 'day' } }, 'conversionWindow.value', 'min'],
    ['a window over 90 days', { ...funnel, conversionWindow: { value: 13, unit: 'week' } }, 'conversionWindow.value', 'max'],
    ['both window fields', { ...funnel, conversionWindowSeconds: 60 }, 'conversionWindow', 'exactlyOneWindow'],
    ['neither window field', withoutWindow, 'conversionWindow', 'exactlyOneWindow'],
    ['an exclusion without event type', { ...funnel, exclusions: [{ afterStep: 1, beforeStep: 2 }] }, 'exclusions[0].eventType', 'isDefined'],
    ['an exclusion after step 0', { ...funnel, exclusions: [{ eventType: 'refund', afterStep: 0, beforeStep: 2 }] }, 'exclusions[0].afterStep', 'min'],
    ['an exclusion after the last step', { ...funnel, exclusions: [{ eventType: 'refund', afterStep: 3, beforeStep: 4 }] }, 'exclusions[0].afterStep', 'isStepBeforeLast'],
    ['an exclusion with afterStep = beforeStep', { ...funnel, exclusions: [{ eventType: 'refund', afterStep: 2, beforeStep: 2 }] }, 'exclusions[0].beforeStep', 'isStepAfterAfterStep'],
    ['an exclusion before a step the funnel lacks', { ...funnel, exclusions: [{ eventType: 'refund', afterStep: 1, beforeStep: 4 }] }, 'exclusions[0].beforeStep', 'isStepAfterAfterStep'],
    ['a partial exclusion with order any', { ...funnel, order: 'any', exclusions: [{ eventType: 'refund', afterStep: 2, beforeStep: 3 }] }, 'exclusions[0].afterStep', 'spansAllStepsWhenUnordered'],
  ])('answers 400 for %s, naming the field and the rule', async (_case, body, field, rule) => {
    const answer = await insights.post('/v1/funnels', body, tenant.secretKey);
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule })]));
    expect(answer.body.message).toContain(field);
  });
});

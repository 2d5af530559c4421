import type { NewEvent } from '@pulse/storage';
import { startEmbeddedInsights, type InsightsUnderTest } from '../../testing/behaviour-app';

const T0 = Date.parse('2026-03-01T10:00:00Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('behaviour endpoints (embedded insights service)', () => {
  let insights: InsightsUnderTest;
  let tenant: { id: string; secretKey: string };
  let other: { id: string; secretKey: string };
  let n = 0;

  const event = (tenantId: string, userId: string, type: string, at: number, properties: Record<string, unknown> = {}): NewEvent => ({
    tenantId,
    eventId: `http-${++n}`,
    type,
    category: 'test',
    occurredAt: new Date(at),
    receivedAt: new Date(at),
    userId,
    properties,
  });

  const funnelRequest = {
    from: '2026-03-01T00:00:00Z',
    to: '2026-03-02T00:00:00Z',
    steps: [{ eventType: 'view' }, { eventType: 'cart' }, { eventType: 'buy', filters: [{ property: 'revenue', operator: 'gt', value: 10 }] }],
    conversionWindowSeconds: 3600,
  };

  beforeAll(async () => {
    insights = await startEmbeddedInsights();
    tenant = await insights.createTenant('Europe/Berlin');
    other = await insights.createTenant('UTC');
    await insights.insertEvents([
      // alice: 3 steps (cart after 10 min, buy of 50 after 30 min): 600 s, 1200 s.
      event(tenant.id, 'alice', 'view', T0, { plan: 'pro' }),
      event(tenant.id, 'alice', 'cart', T0 + 10 * MINUTE),
      event(tenant.id, 'alice', 'buy', T0 + 30 * MINUTE, { revenue: 50 }),
      // bob: cart 2 h after the view (outside the window): 1 step.
      event(tenant.id, 'bob', 'view', T0, { plan: 'free' }),
      event(tenant.id, 'bob', 'cart', T0 + 2 * HOUR),
      // carl: buys for 5, which step 3's filter refuses: 2 steps, 120 s.
      event(tenant.id, 'carl', 'view', T0, { plan: 'pro' }),
      event(tenant.id, 'carl', 'cart', T0 + 2 * MINUTE),
      event(tenant.id, 'carl', 'buy', T0 + 3 * MINUTE, { revenue: 5 }),
      // the other tenant's complete funnel must not show.
      event(other.id, 'alice', 'view', T0),
      event(other.id, 'alice', 'cart', T0 + MINUTE),
      event(other.id, 'alice', 'buy', T0 + 2 * MINUTE, { revenue: 99 }),
    ]);
  });

  afterAll(async () => {
    await insights?.stop();
  });

  it('refuses a request without a secret key', async () => {
    expect((await insights.post('/v1/funnels', funnelRequest)).status).toBe(401);
  });

  it('answers the hand-computed funnel of the key’s tenant only', async () => {
    const answer = await insights.post('/v1/funnels', funnelRequest, tenant.secretKey);
    expect(answer.status).toBe(200);
    // users 3 → 2 → 1; step 2 seconds [600, 120]: median 360, p95 120 + 0.95 × 480 = 576; step 3: [1200].
    expect(answer.body.steps.map((step: Record<string, unknown>) => [step['users'], step['conversionFromPrevious'], step['droppedUsers'], step['medianSecondsFromPrevious'], step['p95SecondsFromPrevious']])).toEqual([
      [3, 1, 0, null, null],
      [2, 2 / 3, 1, 360, 576],
      [1, 0.5, 1, 1200, 1200],
    ]);
    expect(answer.body.path).toBe('raw');
    const theirs = await insights.post('/v1/funnels', funnelRequest, other.secretKey);
    expect(theirs.body.steps.map((step: Record<string, unknown>) => step['users'])).toEqual([1, 1, 1]);
  });

  it('answers a funnel without filters from the event-time chunks, with the same meaning', async () => {
    const unfiltered = { ...funnelRequest, steps: [{ eventType: 'view' }, { eventType: 'cart' }, { eventType: 'buy' }] };
    const answer = await insights.post('/v1/funnels', unfiltered, tenant.secretKey);
    expect(answer.status).toBe(200);
    expect(answer.body.path).toBe('event_times');
    // carl's buy of 5 now counts: users 3 → 2 → 2; step 3 seconds [1200, 60]: median 630, p95 60 + 0.95 × 1140 = 1143.
    expect(answer.body.steps.map((step: Record<string, unknown>) => [step['users'], step['droppedUsers'], step['medianSecondsFromPrevious'], step['p95SecondsFromPrevious']])).toEqual([
      [3, 0, null, null],
      [2, 1, 360, 576],
      [2, 0, 630, 1143],
    ]);
    const dropped = await insights.post('/v1/funnels/dropped-users', { ...unfiltered, step: 2, limit: 10 }, tenant.secretKey);
    expect(dropped.body).toEqual({ step: 2, users: ['bob'], total: 1, limit: 10, offset: 0 });
    const theirs = await insights.post('/v1/funnels', unfiltered, other.secretKey);
    expect([theirs.body.path, theirs.body.steps.map((step: Record<string, unknown>) => step['users'])]).toEqual(['event_times', [1, 1, 1]]);
  });

  it('breaks down by a property of the start event', async () => {
    const answer = await insights.post('/v1/funnels', { ...funnelRequest, breakdownProperty: 'plan' }, tenant.secretKey);
    expect(answer.body.breakdowns.map((group: { breakdownValue: string; steps: Array<{ users: number }> }) => [group.breakdownValue, group.steps.map((step) => step.users)])).toEqual([
      ['pro', [2, 2, 1]],
      ['free', [1, 0, 0]],
    ]);
  });

  it('pages the users who dropped before a step', async () => {
    const answer = await insights.post('/v1/funnels/dropped-users', { ...funnelRequest, step: 3, limit: 10 }, tenant.secretKey);
    expect(answer.body).toEqual({ step: 3, users: ['carl'], total: 1, limit: 10, offset: 0 });
  });

  it('answers the retention matrix in the tenant’s local days across the DST change', async () => {
    await insights.insertEvents([
      // In Berlin, 2026-03-29 lasts 23 h. dora: first seen 03-28, back 03-29 at 23:30 local (21:30Z).
      event(tenant.id, 'dora', 'open', Date.parse('2026-03-28T10:00:00Z')),
      event(tenant.id, 'dora', 'open', Date.parse('2026-03-29T21:30:00Z')),
      // emil: first seen at 00:30 local on 03-29 (23:30Z on 03-28), back the next day.
      event(tenant.id, 'emil', 'open', Date.parse('2026-03-28T23:30:00Z')),
      event(tenant.id, 'emil', 'open', Date.parse('2026-03-30T09:00:00Z')),
    ]);
    const answer = await insights.post('/v1/retention', { start: '2026-03-28', period: 'day', periods: 3, cohortEvent: { eventType: 'open' } }, tenant.secretKey);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      timeZone: 'Europe/Berlin',
      period: 'day',
      cohorts: [
        { periodStart: '2026-03-28', size: 1, counts: [1, 1, 0], percentages: [1, 1, 0] },
        { periodStart: '2026-03-29', size: 1, counts: [1, 1], percentages: [1, 1] },
        { periodStart: '2026-03-30', size: 0, counts: [0], percentages: [0] },
      ],
    });
  });

  it.each([
    ['an unknown field', { ...funnelRequest, colour: 'red' }, 'colour', 'isUnknownField'],
    ['a bad operator', { ...funnelRequest, steps: [{ eventType: 'view', filters: [{ property: 'plan', operator: 'like', value: 'x' }] }, { eventType: 'cart' }] }, 'steps[0].filters[0].operator', 'isIn'],
    ['an injection attempt in a property name', { ...funnelRequest, steps: [{ eventType: 'view', filters: [{ property: "a'; drop table events;--", operator: 'equals', value: 'x' }] }, { eventType: 'cart' }] }, 'steps[0].filters[0].property', 'matches'],
    ['an injection attempt in the breakdown', { ...funnelRequest, breakdownProperty: "plan' OR 1=1" }, 'breakdownProperty', 'matches'],
    ['a value that does not fit the operator', { ...funnelRequest, steps: [{ eventType: 'view', filters: [{ property: 'revenue', operator: 'gt', value: 'ten' }] }, { eventType: 'cart' }] }, 'steps[0].filters[0].value', 'valueFitsOperator'],
    ['end before start', { ...funnelRequest, to: '2026-02-01T00:00:00Z' }, 'to', 'isAfterFrom'],
    ['a single step', { ...funnelRequest, steps: [{ eventType: 'view' }] }, 'steps', 'arrayMinSize'],
    ['a window of zero', { ...funnelRequest, conversionWindowSeconds: 0 }, 'conversionWindowSeconds', 'min'],
    // Found by fuzzing (each was a 500): a null window passed @IsOptional, a list in place of a filter passed @ValidateNested.
    ['a null conversionWindow', { ...funnelRequest, conversionWindowSeconds: undefined, conversionWindow: null }, 'conversionWindow', 'isObject'],
    ['a null conversionWindowSeconds', { ...funnelRequest, conversionWindowSeconds: null, conversionWindow: { value: 1, unit: 'hour' } }, 'conversionWindowSeconds', 'isInt'],
    ['a list in place of a filter', { ...funnelRequest, steps: [{ eventType: 'view', filters: [[]] }, { eventType: 'cart' }] }, 'steps[0].filters', 'isObject'],
    ['a list in place of a step', { ...funnelRequest, steps: [[{ eventType: 'view' }], { eventType: 'cart' }] }, 'steps', 'isObject'],
  ])('answers 400 for %s in a funnel, naming the field and the rule', async (_case, body, field, rule) => {
    const answer = await insights.post('/v1/funnels', body, tenant.secretKey);
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule })]));
    expect(answer.body.message).toContain(field);
  });

  it.each([
    ['too many periods', { start: '2026-03-01', period: 'day', periods: 91 }, 'periods', 'max'],
    ['an unknown period', { start: '2026-03-01', period: 'year', periods: 3 }, 'period', 'isIn'],
    ['a date that does not exist', { start: '2026-02-30', period: 'day', periods: 3 }, 'start', 'isCalendarDate'],
    // Found by fuzzing: a null matcher passed @IsOptional and the query builder read null.filters (500).
    ['a null cohortEvent', { start: '2026-03-01', period: 'day', periods: 3, cohortEvent: null }, 'cohortEvent', 'isObject'],
    ['a null returnEvent', { start: '2026-03-01', period: 'day', periods: 3, returnEvent: null }, 'returnEvent', 'isObject'],
    ['a list in place of a filter', { start: '2026-03-01', period: 'day', periods: 3, returnEvent: { eventType: 'open', filters: [[[]]] } }, 'returnEvent.filters', 'isObject'],
  ])('answers 400 for %s in a retention query', async (_case, body, field, rule) => {
    const answer = await insights.post('/v1/retention', body, tenant.secretKey);
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule })]));
  });
});

describe('journey, paths and sessions endpoints (embedded insights service)', () => {
  let insights: InsightsUnderTest;
  let tenant: { id: string; secretKey: string };
  const range = 'from=2026-03-01T00:00:00Z&to=2026-03-02T00:00:00Z';

  beforeAll(async () => {
    insights = await startEmbeddedInsights();
    tenant = await insights.createTenant('Europe/Berlin');
    const other = await insights.createTenant('UTC');
    await insights.adapters.store.dataSource.query(
      `INSERT INTO "identity_links" ("tenant_id", "from_id", "to_id", "source_event_id", "linked_at") VALUES ($1, 'tab-1', 'zoe', 'j-3', now())`,
      [tenant.id],
    );
    const at = (minute: number) => new Date(T0 + minute * MINUTE);
    const base = { category: 'test', properties: {} };
    await insights.insertEvents([
      // zoe: two anonymous events on her tablet (stitched as anon:tab-1), then identified; session a has 3 events over 4 min, b one.
      { ...base, tenantId: tenant.id, eventId: 'j-1', type: 'home', occurredAt: at(0), receivedAt: at(0), anonymousId: 'tab-1', sessionId: 'a', userKey: 'anon:tab-1' },
      { ...base, tenantId: tenant.id, eventId: 'j-2', type: 'search', occurredAt: at(2), receivedAt: at(2), anonymousId: 'tab-1', sessionId: 'a', userKey: 'anon:tab-1' },
      { ...base, tenantId: tenant.id, eventId: 'j-3', type: 'identify', occurredAt: at(4), receivedAt: at(4), anonymousId: 'tab-1', userId: 'zoe', sessionId: 'a', userKey: 'zoe' },
      { ...base, tenantId: tenant.id, eventId: 'j-4', type: 'home', occurredAt: at(120), receivedAt: at(120), userId: 'zoe', sessionId: 'b', userKey: 'zoe' },
      // ugo: home → product in one session (120 s).
      { ...base, tenantId: tenant.id, eventId: 'j-5', type: 'home', occurredAt: at(10), receivedAt: at(10), userId: 'ugo', sessionId: 'c', userKey: 'ugo' },
      { ...base, tenantId: tenant.id, eventId: 'j-6', type: 'product', occurredAt: at(12), receivedAt: at(12), userId: 'ugo', sessionId: 'c', userKey: 'ugo' },
      // another tenant's zoe.
      { ...base, tenantId: other.id, eventId: 'j-7', type: 'home', occurredAt: at(1), receivedAt: at(1), userId: 'zoe', sessionId: 'x', userKey: 'zoe' },
    ]);
  });

  afterAll(async () => {
    await insights?.stop();
  });

  it("returns one person's timeline across the identity merge, oldest first", async () => {
    const answer = await insights.get(`/v1/users/zoe/journey?${range}`, tenant.secretKey);
    expect(answer.status).toBe(200);
    expect(answer.body.events.map((event: { eventId: string }) => event.eventId)).toEqual(['j-1', 'j-2', 'j-3', 'j-4']);
    expect(answer.body.truncated).toBe(false);
    // sessions a (240 s, 3 events) and b (1 event): mean 120 s, bounce rate 1/2.
    expect(answer.body.sessions).toEqual({ sessions: 2, averageDurationSeconds: 120, bounceRate: 0.5 });
    const limited = await insights.get(`/v1/users/zoe/journey?${range}&limit=2`, tenant.secretKey);
    expect([limited.body.events.length, limited.body.truncated]).toEqual([2, true]);
  });

  it('answers the most common next steps as Sankey nodes and links', async () => {
    const answer = await insights.post('/v1/paths', { from: '2026-03-01T00:00:00Z', to: '2026-03-02T00:00:00Z', anchorEventType: 'home', direction: 'next', depth: 1 }, tenant.secretKey);
    expect(answer.body).toEqual({
      // Persons are counted by the key stored on each row: anon:tab-1 (home → search), zoe (home j-4, nothing after), ugo (home → product).
      nodes: [
        { step: 0, eventType: 'home', users: 3 },
        { step: 1, eventType: 'product', users: 1 },
        { step: 1, eventType: 'search', users: 1 },
      ],
      links: [
        { sourceStep: 0, sourceEventType: 'home', targetStep: 1, targetEventType: 'product', users: 1 },
        { sourceStep: 0, sourceEventType: 'home', targetStep: 1, targetEventType: 'search', users: 1 },
      ],
    });
  });

  it('summarizes the sessions of the range', async () => {
    const answer = await insights.get(`/v1/sessions?${range}`, tenant.secretKey);
    // a: 120 s (anon:tab-1, j-1 → j-2), a: 0 s (zoe's j-3), b: 0 s, c: 120 s → 4 sessions, mean 60 s, bounces 2/4.
    expect(answer.body).toEqual({ sessions: 4, averageDurationSeconds: 60, bounceRate: 0.5 });
  });

  it('answers 400 for a bad journey limit or range', async () => {
    const tooMany = await insights.get(`/v1/users/zoe/journey?${range}&limit=100000`, tenant.secretKey);
    expect([tooMany.status, tooMany.body.errors[0].field, tooMany.body.errors[0].rule]).toEqual([400, 'limit', 'max']);
    const backwards = await insights.get('/v1/sessions?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z', tenant.secretKey);
    expect([backwards.status, backwards.body.errors[0].field]).toEqual([400, 'to']);
    const depth = await insights.post('/v1/paths', { from: '2026-03-01T00:00:00Z', to: '2026-03-02T00:00:00Z', anchorEventType: 'home', direction: 'sideways', depth: 11 }, tenant.secretKey);
    expect(depth.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['depth', 'direction']);
  });
});

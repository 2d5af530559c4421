import type { NewEvent } from '@pulse/storage';
import { startEmbeddedInsights, type InsightsUnderTest } from '../../testing/behaviour-app';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
// Segment rules count back from the moment a query runs, so these events are placed relative to now.
const NOW = Math.floor(Date.now() / MINUTE) * MINUTE;

const PRO_BUYERS = {
  name: 'Pro buyers',
  description: 'pro plan, at least 2 buys in the last 7 days',
  definition: { traitFilters: [{ property: 'plan', operator: 'equals', value: 'pro' }], performed: [{ eventType: 'buy', minTimes: 2, withinDays: 7 }] },
};

describe('segments, user profiles and stickiness (embedded insights service)', () => {
  let insights: InsightsUnderTest;
  let tenant: { id: string; secretKey: string };
  let other: { id: string; secretKey: string };
  let n = 0;

  const event = (tenantId: string, userId: string, type: string, at: number, extra: Partial<NewEvent> & { deviceType?: string } = {}): NewEvent & { deviceType?: string } => ({
    tenantId,
    eventId: `seg-http-${++n}`,
    type,
    category: 'test',
    occurredAt: new Date(at),
    receivedAt: new Date(at),
    userId,
    ...extra,
  });
  const identify = (tenantId: string, userId: string, at: number, traits: Record<string, unknown>) => event(tenantId, userId, 'identify', at, { properties: { traits } });

  beforeAll(async () => {
    insights = await startEmbeddedInsights();
    tenant = await insights.createTenant('Europe/Berlin');
    other = await insights.createTenant('UTC');
    await insights.insertEvents([
      // ann: pro, views then buys 1 h later (6 d ago), buys again 1 d ago: member; funnel 3600 s.
      identify(tenant.id, 'ann', NOW - 20 * DAY, { plan: 'pro' }),
      event(tenant.id, 'ann', 'view', NOW - 6 * DAY - HOUR),
      event(tenant.id, 'ann', 'buy', NOW - 6 * DAY),
      event(tenant.id, 'ann', 'buy', NOW - DAY),
      // ben: pro, but his first buy is 8 d ago (outside 7 days): not a member; funnel completes in 1 h.
      identify(tenant.id, 'ben', NOW - 20 * DAY, { plan: 'pro' }),
      event(tenant.id, 'ben', 'view', NOW - 8 * DAY - HOUR),
      event(tenant.id, 'ben', 'buy', NOW - 8 * DAY),
      event(tenant.id, 'ben', 'buy', NOW - DAY),
      // cid: free plan: not a member; buys 36 h after the view, outside the 1-day window: step 1 only.
      identify(tenant.id, 'cid', NOW - 20 * DAY, { plan: 'free' }),
      event(tenant.id, 'cid', 'view', NOW - 4 * DAY),
      event(tenant.id, 'cid', 'buy', NOW - 2.5 * DAY),
      event(tenant.id, 'cid', 'buy', NOW - DAY),
      // eve: pro, views and buys 30 min later (2 d ago), buys again 1 d ago: member; funnel 1800 s.
      identify(tenant.id, 'eve', NOW - 20 * DAY, { plan: 'pro' }),
      event(tenant.id, 'eve', 'view', NOW - 2 * DAY - 30 * MINUTE),
      event(tenant.id, 'eve', 'buy', NOW - 2 * DAY),
      event(tenant.id, 'eve', 'buy', NOW - DAY),
      // the other tenant's pro buyer.
      identify(other.id, 'ann', NOW - 20 * DAY, { plan: 'pro' }),
      event(other.id, 'ann', 'view', NOW - 2 * DAY - MINUTE),
      event(other.id, 'ann', 'buy', NOW - 2 * DAY),
      event(other.id, 'ann', 'buy', NOW - DAY),
    ]);
  });

  afterAll(async () => {
    await insights?.stop();
  });

  describe('segments', () => {
    it('creates, lists, reads and deletes a segment of the key’s tenant only', async () => {
      const created = await insights.post('/v1/segments', PRO_BUYERS, tenant.secretKey);
      expect(created.status).toBe(201);
      expect(created.body).toEqual({ id: expect.any(String), ...PRO_BUYERS, createdAt: expect.any(String), updatedAt: expect.any(String) });
      const id = created.body.id as string;

      expect((await insights.get('/v1/segments', tenant.secretKey)).body.segments.map((segment: { id: string }) => segment.id)).toEqual([id]);
      expect((await insights.get(`/v1/segments/${id}`, tenant.secretKey)).body).toEqual(created.body);
      // another tenant neither lists, reads nor deletes it.
      expect((await insights.get('/v1/segments', other.secretKey)).body).toEqual({ segments: [] });
      expect((await insights.get(`/v1/segments/${id}`, other.secretKey)).status).toBe(404);
      expect((await insights.delete(`/v1/segments/${id}`, other.secretKey)).status).toBe(404);
      // a second segment of the same name in the same tenant is a conflict; in another tenant it is fine.
      expect((await insights.post('/v1/segments', PRO_BUYERS, tenant.secretKey)).status).toBe(409);
      expect((await insights.post('/v1/segments', PRO_BUYERS, other.secretKey)).status).toBe(201);

      expect((await insights.delete(`/v1/segments/${id}`, tenant.secretKey)).status).toBe(204);
      expect((await insights.get(`/v1/segments/${id}`, tenant.secretKey)).status).toBe(404);
      expect((await insights.get('/v1/segments/not-a-uuid', tenant.secretKey)).status).toBe(404);
    });

    it('restricts a funnel and its dropped users to the segment’s members (hand-computed)', async () => {
      const segment = await insights.post('/v1/segments', { ...PRO_BUYERS, name: 'Pro buyers (funnel)' }, tenant.secretKey);
      const funnel = {
        from: new Date(NOW - 10 * DAY).toISOString(),
        to: new Date(NOW + MINUTE).toISOString(),
        steps: [{ eventType: 'view' }, { eventType: 'buy' }],
        conversionWindowSeconds: 86_400,
      };
      const everyone = await insights.post('/v1/funnels', funnel, tenant.secretKey);
      // ann, ben, cid, eve view; ann, ben, eve buy within a day of it.
      expect(everyone.body.steps.map((step: { users: number }) => step.users)).toEqual([4, 3]);
      const members = await insights.post('/v1/funnels', { ...funnel, segmentId: segment.body.id }, tenant.secretKey);
      expect(members.status).toBe(200);
      // members ann (3600 s) and eve (1800 s): 2 → 2, median 2700 s.
      expect(members.body.steps.map((step: Record<string, unknown>) => [step['users'], step['medianSecondsFromPrevious']])).toEqual([
        [2, null],
        [2, 2700],
      ]);
      const dropped = await insights.post('/v1/funnels/dropped-users', { ...funnel, step: 2 }, tenant.secretKey);
      expect(dropped.body.users).toEqual(['cid']);
      const droppedMembers = await insights.post('/v1/funnels/dropped-users', { ...funnel, step: 2, segmentId: segment.body.id }, tenant.secretKey);
      expect(droppedMembers.body.users).toEqual([]);
    });

    it('restricts retention cohorts to the segment’s members', async () => {
      const segment = await insights.post('/v1/segments', { ...PRO_BUYERS, name: 'Pro buyers (retention)' }, tenant.secretKey);
      const start = new Date(NOW - 25 * DAY).toISOString().slice(0, 10);
      const answer = await insights.post('/v1/retention', { start, period: 'month', periods: 3, segmentId: segment.body.id }, tenant.secretKey);
      expect(answer.status).toBe(200);
      // ann and eve were first seen (identify) 20 days ago: one cohort of 2, whichever month that is.
      expect(answer.body.cohorts.reduce((sum: number, cohort: { size: number }) => sum + cohort.size, 0)).toBe(2);
    });

    it.each([
      ['a missing name', { definition: PRO_BUYERS.definition }, 'name', 'isDefined'],
      ['an empty definition', { name: 'x', definition: {} }, 'definition', 'conditionCount'],
      ['an injection attempt in a trait name', { name: 'x', definition: { traitFilters: [{ property: "plan'; drop table segments;--", operator: 'equals', value: 'pro' }] } }, 'definition.traitFilters[0].property', 'matches'],
      ['a bad operator', { name: 'x', definition: { traitFilters: [{ property: 'plan', operator: 'like', value: 'pro' }] } }, 'definition.traitFilters[0].operator', 'isIn'],
      ['zero times', { name: 'x', definition: { performed: [{ eventType: 'buy', minTimes: 0, withinDays: 7 }] } }, 'definition.performed[0].minTimes', 'min'],
      ['a window over a year', { name: 'x', definition: { performed: [{ eventType: 'buy', minTimes: 1, withinDays: 400 }] } }, 'definition.performed[0].withinDays', 'max'],
      ['an unknown field', { ...PRO_BUYERS, colour: 'red' }, 'colour', 'isUnknownField'],
    ])('answers 400 for %s in a segment, naming the field and the rule', async (_case, body, field, rule) => {
      const answer = await insights.post('/v1/segments', body, tenant.secretKey);
      expect(answer.status).toBe(400);
      expect(answer.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule })]));
      expect(answer.body.message).toContain(field);
    });

    it.each([
      ['a malformed segment id', 'not-a-uuid', 'isUuid'],
      ['another tenant’s or an unknown segment', '00000000-0000-4000-8000-000000000000', 'segmentExists'],
    ])('answers 400 for %s in a funnel', async (_case, segmentId, rule) => {
      const funnel = { from: new Date(NOW - DAY).toISOString(), to: new Date(NOW).toISOString(), steps: [{ eventType: 'view' }, { eventType: 'buy' }], conversionWindowSeconds: 60, segmentId };
      const answer = await insights.post('/v1/funnels', funnel, tenant.secretKey);
      expect(answer.status).toBe(400);
      expect(answer.body.errors).toEqual([expect.objectContaining({ field: 'segmentId', rule })]);
    });
  });

  describe('user profile', () => {
    beforeAll(async () => {
      await insights.adapters.store.dataSource.query(
        `INSERT INTO "identity_links" ("tenant_id", "from_id", "to_id", "source_event_id", "linked_at") VALUES ($1, 'laptop-1', 'mia', 'mia-2', now())`,
        [tenant.id],
      );
      const at = (iso: string) => Date.parse(iso);
      await insights.insertEvents([
        // Anonymous visit from the newsletter on the laptop, 40 days before asOf (outside the engagement window).
        { ...event(tenant.id, 'x', 'page_view', at('2026-02-19T12:00:00Z'), { userId: null, anonymousId: 'laptop-1', sessionId: 's1', context: { campaign: { source: 'newsletter' } } }), userKey: 'anon:laptop-1', deviceType: 'desktop' },
        { ...identify(tenant.id, 'mia', at('2026-02-19T12:01:00Z'), { plan: 'free', name: 'Mia' }), anonymousId: 'laptop-1', sessionId: 's1', userKey: 'mia', deviceType: 'desktop' },
        // Within the window (03-02 … 03-31 in Berlin): 03-28, 03-29 (two events), 03-30 local days; sessions s2, s3, s4.
        { ...event(tenant.id, 'mia', 'page_view', at('2026-03-28T12:00:00Z'), { sessionId: 's2', context: { referrer: 'https://www.Google.com/search?q=pulse' } }), userKey: 'mia', deviceType: 'mobile' },
        { ...identify(tenant.id, 'mia', at('2026-03-29T12:00:00Z'), { plan: 'pro' }), sessionId: 's3', userKey: 'mia', deviceType: 'mobile' },
        { ...event(tenant.id, 'mia', 'buy', at('2026-03-29T12:01:00Z'), { sessionId: 's3' }), userKey: 'mia', deviceType: 'mobile' },
        // Not stitched by the processor (no user_key): still hers by user id.
        { ...event(tenant.id, 'mia', 'buy', at('2026-03-30T12:00:00Z'), { sessionId: 's4', context: { page: { referrer: 'https://www.google.com/' } } }), deviceType: 'mobile' },
        // the other tenant's mia.
        { ...event(other.id, 'mia', 'buy', at('2026-03-30T12:00:00Z'), { sessionId: 's9' }), deviceType: 'tablet' },
      ]);
    });

    it('assembles the hand-computed profile across the identity merge', async () => {
      const answer = await insights.get('/v1/users/mia?asOf=2026-03-31T12:00:00Z', tenant.secretKey);
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({
        personId: 'mia',
        traits: { name: 'Mia', plan: 'pro' },
        firstSeen: '2026-02-19T12:00:00.000Z',
        lastSeen: '2026-03-30T12:00:00.000Z',
        eventCount: 6,
        sessionCount: 4,
        eventTypes: [
          { eventType: 'buy', count: 2 },
          { eventType: 'identify', count: 2 },
          { eventType: 'page_view', count: 2 },
        ],
        // www.google.com twice (referrer hosts, lower case) against newsletter once.
        preferredChannel: 'www.google.com',
        preferredDevice: 'mobile',
        // 3 active days, 3 sessions, 4 events: 40 × 3/20 + 30 × 3/30 + 30 × 4/300 = 6 + 3 + 0.4 = 9.4.
        engagement: { activeDays: 3, sessions: 3, events: 4, score: expect.closeTo(9.4, 10), windowStart: '2026-03-01T23:00:00.000Z', windowEnd: '2026-03-31T22:00:00.000Z' },
      });
    });

    it('answers 404 for a person without events in the tenant, and 400 for a bad asOf', async () => {
      expect((await insights.get('/v1/users/nobody', tenant.secretKey)).status).toBe(404);
      const bad = await insights.get('/v1/users/mia?asOf=yesterday', tenant.secretKey);
      expect([bad.status, bad.body.errors[0].field, bad.body.errors[0].rule]).toEqual([400, 'asOf', 'isIso8601']);
    });
  });

  describe('stickiness', () => {
    beforeAll(async () => {
      const at = (iso: string) => Date.parse(iso);
      await insights.insertEvents([
        // The week of Monday 2026-03-23 in Berlin ends with the 23-hour DST Sunday 03-29.
        // kai: Monday 03-23 twice and Sunday 03-29 at 23:30 CEST (21:30Z): 2 days.
        event(tenant.id, 'kai', 'open', at('2026-03-23T10:00:00Z')),
        event(tenant.id, 'kai', 'open', at('2026-03-23T12:00:00Z')),
        event(tenant.id, 'kai', 'open', at('2026-03-29T21:30:00Z')),
        // lea: Sunday 00:30 CET (03-28T23:30Z): 1 day; Monday 03-30 00:30 CEST (03-29T22:30Z) is the next week.
        event(tenant.id, 'lea', 'open', at('2026-03-28T23:30:00Z')),
        event(tenant.id, 'lea', 'open', at('2026-03-29T22:30:00Z')),
        // max: every day of the week at 12:00Z: 7 days; his 'close' events do not count with eventType open.
        ...['23', '24', '25', '26', '27', '28', '29'].map((day) => event(tenant.id, 'max', 'open', at(`2026-03-${day}T12:00:00Z`))),
        event(tenant.id, 'max', 'close', at('2026-03-30T12:00:00Z')),
      ]);
    });

    it('answers the hand-computed distribution of active local days across the DST week', async () => {
      const answer = await insights.post('/v1/stickiness', { from: '2026-03-23', to: '2026-04-06', eventType: 'open' }, tenant.secretKey);
      expect(answer.status).toBe(200);
      // week 1: kai 2, lea 1, max 7 → mean 10/3; week 2: lea 1. Overall 4 person-weeks, 11 days: 2.75.
      expect(answer.body).toEqual({
        timeZone: 'Europe/Berlin',
        weeks: [
          { weekStart: '2026-03-23', activeUsers: 3, usersByActiveDays: [1, 1, 0, 0, 0, 0, 1], averageActiveDays: expect.closeTo(10 / 3, 10), dauOverWau: expect.closeTo(10 / 21, 10) },
          { weekStart: '2026-03-30', activeUsers: 1, usersByActiveDays: [1, 0, 0, 0, 0, 0, 0], averageActiveDays: 1, dauOverWau: expect.closeTo(1 / 7, 10) },
        ],
        usersByActiveDays: [2, 1, 0, 0, 0, 0, 1],
        averageActiveDays: 2.75,
        dauOverWau: expect.closeTo(2.75 / 7, 10),
      });
    });

    it.each([
      ['a start that is not a Monday', { from: '2026-03-24', to: '2026-04-06' }, 'from', 'isMonday'],
      ['an end before the start', { from: '2026-03-23', to: '2026-03-16' }, 'to', 'isAfterFrom'],
      ['more than 26 weeks', { from: '2026-01-05', to: '2026-12-28' }, 'to', 'maxWeeks'],
      ['a malformed date', { from: '23.03.2026', to: '2026-04-06' }, 'from', 'matches'],
    ])('answers 400 for %s', async (_case, body, field, rule) => {
      const answer = await insights.post('/v1/stickiness', body, tenant.secretKey);
      expect(answer.status).toBe(400);
      expect(answer.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule })]));
    });
  });
});

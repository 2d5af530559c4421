import { computePathFlows, summarizeSessions, type PathDefinition } from '@pulse/analytics-core';
import { STORE_TARGETS, type OpenedStore } from '../../../testing/store-targets';
import { asBehaviourEvents, insertBehaviourEvents, seededRandom, type BehaviourTestEvent } from './behaviour-test-events';
import { JourneyQuery } from './journey.query';
import { PathsQuery } from './paths.query';
import { SessionsQuery } from './sessions.query';

const TENANT = '0b0f5a4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b';
const OTHER_TENANT = '7d6c5b4a-3928-4716-8594-a3b2c1d0e9f8';
const T0 = Date.parse('2026-03-01T10:00:00Z');
const MINUTE = 60_000;
const RANGE = { from: new Date(T0 - 60 * MINUTE), to: new Date(T0 + 48 * 60 * MINUTE) };

function generatedEvents(seed: number, tenantId: string): BehaviourTestEvent[] {
  const random = seededRandom(seed);
  const types = ['home', 'search', 'product', 'cart', 'buy'];
  const events: BehaviourTestEvent[] = [];
  for (let person = 0; person < 200; person++) {
    let at = T0 - 2 * 60 * MINUTE + Math.floor(random() * 40 * 60) * MINUTE;
    let session = 0;
    for (let index = 0; index < 1 + Math.floor(random() * 12); index++) {
      const gap = random() < 0.2 ? 45 : Math.floor(random() * 5);
      if (gap > 30) session += 1;
      at += gap * MINUTE;
      events.push({
        tenantId,
        eventId: `${random() < 0.5 ? 'J' : 'j'}${person}-${index}`,
        type: types[Math.floor(random() * types.length)],
        occurredAt: at,
        userKey: `user-${person}`,
        sessionId: random() < 0.1 ? null : `s-${person}-${session}`,
      });
    }
  }
  return events;
}

describe.each(STORE_TARGETS)('paths, sessions and journeys on $name', (target) => {
  let opened: OpenedStore;
  const generated = generatedEvents(5, TENANT);
  const inRange = asBehaviourEvents(generated).filter((event) => (event.occurredAt as number) >= RANGE.from.getTime() && (event.occurredAt as number) < RANGE.to.getTime());

  beforeAll(async () => {
    opened = await target.open();
    await insertBehaviourEvents(opened.store.dataSource, [...generated, ...generatedEvents(6, OTHER_TENANT)]);
  });

  afterAll(async () => {
    await opened?.dispose();
  });

  it.each<[string, PathDefinition]>([
    ['next steps', { anchorEventType: 'search', direction: 'next', depth: 3 }],
    ['previous steps', { anchorEventType: 'buy', direction: 'previous', depth: 2 }],
  ])('path flows agree with analytics-core on generated data: %s', async (_name, definition) => {
    const expected = computePathFlows(inRange, definition);
    expect(expected.links.length).toBeGreaterThan(10);
    expect(await new PathsQuery(opened.store.dataSource).flows(TENANT, { definition, ...RANGE })).toEqual(expected);
  });

  it('session summary agrees with analytics-core on generated data', async () => {
    const expected = summarizeSessions(inRange);
    expect(expected.sessions).toBeGreaterThan(100);
    const summary = await new SessionsQuery(opened.store.dataSource).summary(TENANT, RANGE);
    expect(summary.sessions).toBe(expected.sessions);
    expect(summary.bounceRate).toBeCloseTo(expected.bounceRate as number, 10);
    expect(summary.averageDurationSeconds).toBeCloseTo(expected.averageDurationSeconds as number, 6);
  });

  it('answers an empty range with no paths and no sessions', async () => {
    const empty = { from: new Date('2020-01-01'), to: new Date('2020-01-02') };
    expect(await new PathsQuery(opened.store.dataSource).flows(TENANT, { definition: { anchorEventType: 'home', direction: 'next', depth: 2 }, ...empty })).toEqual({ nodes: [], links: [] });
    expect(await new SessionsQuery(opened.store.dataSource).summary(TENANT, empty)).toEqual({ sessions: 0, averageDurationSeconds: null, bounceRate: null });
  });

  it('follows identity links to one person’s whole journey, in order, for this tenant only', async () => {
    const sql = opened.store.dataSource;
    await sql.query(
      `INSERT INTO "identity_links" ("tenant_id", "from_id", "to_id", "source_event_id", "linked_at")
       VALUES ($1, 'laptop-1', 'mia', 'id-3', now()), ($1, 'old-mia', 'mia', 'id-9', now()), ($1, 'phone-2', 'old-mia', 'id-10', now())`,
      [TENANT],
    );
    const at = (minute: number) => T0 + minute * MINUTE;
    await insertBehaviourEvents(sql, [
      // before identify: stitched as anon:laptop-1 by the processor.
      { tenantId: TENANT, eventId: 'id-1', type: 'home', occurredAt: at(0), anonymousId: 'laptop-1', userKey: 'anon:laptop-1' },
      { tenantId: TENANT, eventId: 'id-2', type: 'search', occurredAt: at(1), anonymousId: 'laptop-1', userKey: 'anon:laptop-1' },
      { tenantId: TENANT, eventId: 'id-3', type: 'identify', occurredAt: at(2), anonymousId: 'laptop-1', userId: 'mia', userKey: 'mia' },
      // written by another path: no user_key, matched by user id / anonymous id (phone-2 → old-mia → mia).
      { tenantId: TENANT, eventId: 'id-4', type: 'buy', occurredAt: at(3), userId: 'mia' },
      { tenantId: TENANT, eventId: 'id-5', type: 'home', occurredAt: at(4), anonymousId: 'phone-2' },
      // not mia: someone else, and mia of another tenant.
      { tenantId: TENANT, eventId: 'id-6', type: 'home', occurredAt: at(1), userKey: 'max' },
      { tenantId: OTHER_TENANT, eventId: 'id-7', type: 'home', occurredAt: at(1), userKey: 'mia' },
    ]);
    const journey = new JourneyQuery(sql);
    const events = await journey.events(TENANT, 'mia', { ...RANGE, limit: 100 });
    expect(events.map((event) => event.eventId)).toEqual(['id-1', 'id-2', 'id-3', 'id-4', 'id-5']);
    expect((await journey.events(TENANT, 'mia', { ...RANGE, limit: 2 })).map((event) => event.eventId)).toEqual(['id-1', 'id-2']);
    // Asking for the anonymous device gives only what is known as that device.
    expect((await journey.events(TENANT, 'anon:laptop-1', { ...RANGE, limit: 100 })).map((event) => event.eventId)).toEqual(['id-1', 'id-2']);
    expect(await journey.events(TENANT, 'nobody', { ...RANGE, limit: 100 })).toEqual([]);
  });
});

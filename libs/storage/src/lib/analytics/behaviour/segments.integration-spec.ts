import { assembleFunnel, retentionPeriodBoundaries, segmentMembers, type FunnelDefinition, type SegmentDefinition } from '@pulse/analytics-core';
import { STORE_TARGETS, type OpenedStore } from '../../../testing/store-targets';
import { SegmentNameTakenError, SegmentRepository } from '../../repositories/segment.repository';
import { asBehaviourEvents, insertBehaviourEvents, insertBehaviourEventsWithEventTimes, seededRandom, type BehaviourTestEvent } from './behaviour-test-events';
import { FunnelQuery } from './funnel.query';
import { RetentionQuery } from './retention.query';
import { SegmentPersonCondition } from './segment-person-condition';
import { SqlParameters } from './sql-parameters';

const TENANT = '0b0f5a4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b';
const OTHER_TENANT = '7d6c5b4a-3928-4716-8594-a3b2c1d0e9f8';
const AS_OF = new Date('2026-03-31T00:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const PRO_BUYERS: SegmentDefinition = {
  traitFilters: [{ property: 'plan', operator: 'equals', value: 'pro' }],
  performed: [{ eventType: 'buy', minTimes: 2, withinDays: 7 }],
};

function fixedEvents(): BehaviourTestEvent[] {
  let n = 0;
  const at = (person: Partial<BehaviourTestEvent>, type: string, daysBefore: number, properties: Record<string, unknown> = {}, tenantId = TENANT): BehaviourTestEvent => ({
    tenantId,
    eventId: `seg-${String(++n).padStart(3, '0')}`,
    type,
    occurredAt: AS_OF.getTime() - daysBefore * DAY,
    properties,
    ...person,
  });
  return [
    // ann: pro, buys 6 and 1 days ago: member. Views 1 h before the first buy: funnel view → buy completes.
    at({ userKey: 'ann' }, 'identify', 20, { traits: { plan: 'pro' } }),
    at({ userKey: 'ann' }, 'view', 6 + 1 / 24),
    at({ userKey: 'ann' }, 'buy', 6),
    at({ userKey: 'ann' }, 'buy', 1),
    // ben: pro, but one of the two buys is 8 days ago: not a member. Funnel completes.
    at({ userKey: 'ben' }, 'identify', 20, { traits: { plan: 'pro' } }),
    at({ userKey: 'ben' }, 'view', 8 + 1 / 24),
    at({ userKey: 'ben' }, 'buy', 8),
    at({ userKey: 'ben' }, 'buy', 1),
    // cid: buys twice but downgraded to free 2 days ago: not a member. View 4 d ago, buy 3 d ago: completes.
    at({ userKey: 'cid' }, 'identify', 20, { traits: { plan: 'pro' } }),
    at({ userKey: 'cid' }, 'identify', 2, { traits: { plan: 'free' } }),
    at({ userKey: 'cid' }, 'view', 4),
    at({ userKey: 'cid' }, 'buy', 3),
    at({ userKey: 'cid' }, 'buy', 1),
    // dee: never identified (plan not set): not a member; no view.
    at({ userKey: 'dee' }, 'buy', 1),
    at({ userKey: 'dee' }, 'buy', 2),
    // eve, unstitched (user id only): plan pro set once, a later identify adds a name only: member.
    // Her view comes after her buys: step 1 only.
    at({ userId: 'eve' }, 'identify', 15, { traits_set_once: { plan: 'pro' } }),
    at({ userId: 'eve' }, 'identify', 10, { traits: { name: 'Eve' } }),
    at({ userId: 'eve' }, 'buy', 2),
    at({ userId: 'eve' }, 'buy', 1),
    at({ userId: 'eve' }, 'view', 0.5),
    // another tenant's pro buyer must not become a member here.
    at({ userKey: 'fay' }, 'identify', 20, { traits: { plan: 'pro' } }, OTHER_TENANT),
    at({ userKey: 'fay' }, 'buy', 1, {}, OTHER_TENANT),
    at({ userKey: 'fay' }, 'buy', 2, {}, OTHER_TENANT),
  ];
}

/** Persons with random plans (set, overwritten, set once, cleared) and random buys and views over 20 days. */
function generatedEvents(seed: number, tenantId: string): BehaviourTestEvent[] {
  const random = seededRandom(seed);
  const plans = ['free', 'pro', 'team', null];
  const events: BehaviourTestEvent[] = [];
  for (let person = 0; person < 150; person++) {
    const identity = random() < 0.2 ? { anonymousId: `device-${person}` } : { userKey: `user-${person}` };
    for (let index = 0; index < 1 + Math.floor(random() * 10); index++) {
      const identify = random() < 0.3;
      const traitsField = random() < 0.3 ? 'traits_set_once' : 'traits';
      events.push({
        tenantId,
        eventId: `${random() < 0.5 ? 'G' : 'g'}${person}-${index}`,
        type: identify ? 'identify' : random() < 0.5 ? 'buy' : 'view',
        // Whole hours over 20 days, so ties in time happen.
        occurredAt: AS_OF.getTime() - Math.floor(random() * 20 * 24) * HOUR,
        ...identity,
        properties: identify ? { [traitsField]: { plan: plans[Math.floor(random() * plans.length)], seats: Math.floor(random() * 20) } } : { revenue: Math.floor(random() * 200) },
      });
    }
  }
  return events;
}

async function membersInSql(opened: OpenedStore, tenantId: string, definition: SegmentDefinition): Promise<string[]> {
  const parameters = new SqlParameters();
  const tenant = parameters.add(tenantId);
  const sql = new SegmentPersonCondition(definition, AS_OF).sql(tenant, parameters);
  const rows: Array<{ person: string }> = await opened.store.dataSource.query(`SELECT "person" FROM (${sql}) AS m ORDER BY "person" COLLATE "C"`, parameters.values);
  return rows.map((row) => row.person);
}

describe.each(STORE_TARGETS)('segments on $name', (target) => {
  let opened: OpenedStore;

  beforeAll(async () => {
    opened = await target.open();
    // With the event-time chunks: the funnel test below reads them.
    await insertBehaviourEventsWithEventTimes(opened.store.dataSource, fixedEvents());
    for (const [id, slug] of [
      [TENANT, 'seg-one'],
      [OTHER_TENANT, 'seg-two'],
    ]) {
      await opened.store.dataSource.query(`INSERT INTO "tenants" ("id", "slug", "name", "write_key_hash") VALUES ($1, $2, $2, $2)`, [id, slug]);
    }
  });

  afterAll(async () => {
    await opened?.dispose();
  });

  it('selects the hand-computed members, for this tenant only', async () => {
    // ann and eve (see the fixture); ben, cid and dee miss a condition; fay is another tenant's.
    expect(await membersInSql(opened, TENANT, PRO_BUYERS)).toEqual(['ann', 'eve']);
    expect(await membersInSql(opened, OTHER_TENANT, PRO_BUYERS)).toEqual(['fay']);
  });

  it('restricts a funnel to the segment’s members', async () => {
    const definition: FunnelDefinition = { steps: [{ eventType: 'view' }, { eventType: 'buy' }], conversionWindowMs: DAY };
    const range = { from: new Date(AS_OF.getTime() - 10 * DAY), to: AS_OF };
    const query = new FunnelQuery(opened.store.dataSource);
    const everyone = assembleFunnel(definition, (await query.stepTotals(TENANT, { definition, ...range })).byBreakdown);
    // everyone: views by ann, ben, cid, eve = 4; ann, ben, cid buy within a day of their view = 3.
    expect(everyone.steps.map((step) => step.users)).toEqual([4, 3]);
    const members = assembleFunnel(definition, (await query.stepTotals(TENANT, { definition, ...range, persons: new SegmentPersonCondition(PRO_BUYERS, AS_OF) })).byBreakdown);
    // members ann (view → buy in 1 h) and eve (view after her buys): 2 → 1.
    expect(members.steps.map((step) => [step.users, step.medianSecondsFromPrevious])).toEqual([
      [2, null],
      [1, 3600],
    ]);
  });

  it('restricts retention cohorts to the segment’s members', async () => {
    // 21 UTC days from 03-10: ann first seen 03-11 (identify 20 d before 03-31), eve 03-16 (15 d before).
    const boundaries = retentionPeriodBoundaries({ year: 2026, month: 3, day: 10 }, 'day', 21, 'UTC').map((at) => new Date(at));
    const counts = await new RetentionQuery(opened.store.dataSource).counts(TENANT, { definition: {}, boundaries, persons: new SegmentPersonCondition(PRO_BUYERS, AS_OF) });
    const sizes = counts.filter((count) => count.offset === 0).sort((a, b) => a.cohort - b.cohort);
    expect(sizes).toEqual([
      { cohort: 1, offset: 0, users: 1 },
      { cohort: 6, offset: 0, users: 1 },
    ]);
  });

  it('binds an injection attempt in a trait value as a plain value', async () => {
    const definition: SegmentDefinition = { traitFilters: [{ property: 'plan', operator: 'equals', value: `pro' OR '1'='1` }] };
    expect(await membersInSql(opened, TENANT, definition)).toEqual([]);
  });

  it('agrees with analytics-core on generated data', async () => {
    const local = await target.open();
    try {
      const generated = generatedEvents(11, TENANT);
      await insertBehaviourEvents(local.store.dataSource, [...generated, ...generatedEvents(12, OTHER_TENANT)]);
      const definitions: SegmentDefinition[] = [
        { traitFilters: [{ property: 'plan', operator: 'equals', value: 'pro' }] },
        { traitFilters: [{ property: 'plan', operator: 'is_not_set' }, { property: 'seats', operator: 'gte', value: 5 }] },
        { traitFilters: [{ property: 'plan', operator: 'not_equals', value: 'free' }], performed: [{ eventType: 'buy', filters: [{ property: 'revenue', operator: 'gt', value: 50 }], minTimes: 2, withinDays: 10 }] },
        { performed: [{ eventType: 'view', minTimes: 1, withinDays: 3 }, { eventType: 'buy', minTimes: 1, withinDays: 14 }] },
      ];
      for (const definition of definitions) {
        const expected = segmentMembers(asBehaviourEvents(generated), definition, AS_OF);
        expect(expected.length).toBeGreaterThan(3);
        expect(expected.length).toBeLessThan(140);
        expect(await membersInSql(local, TENANT, definition)).toEqual(expected);
      }
    } finally {
      await local.dispose();
    }
  });

  describe('repository', () => {
    it('creates, lists, finds and deletes a tenant’s segments', async () => {
      const segments = new SegmentRepository(opened.store.dataSource);
      const created = await segments.create(TENANT, { name: 'Pro buyers', description: 'pro plan, 2 buys a week', definition: PRO_BUYERS });
      expect(created).toEqual({ id: expect.any(String), tenantId: TENANT, name: 'Pro buyers', description: 'pro plan, 2 buys a week', definition: PRO_BUYERS, createdAt: expect.any(Date), updatedAt: expect.any(Date) });
      const other = await segments.create(TENANT, { name: 'Anyone viewing', definition: { performed: [{ eventType: 'view', minTimes: 1, withinDays: 30 }] } });
      expect((await segments.list(TENANT)).map((segment) => segment.name)).toEqual(['Anyone viewing', 'Pro buyers']);
      expect(await segments.find(TENANT, created.id)).toEqual(created);
      expect(await segments.delete(TENANT, other.id)).toBe(true);
      expect(await segments.delete(TENANT, other.id)).toBe(false);
      expect((await segments.list(TENANT)).map((segment) => segment.name)).toEqual(['Pro buyers']);
      await segments.delete(TENANT, created.id);
    });

    it('keeps names unique within a tenant only', async () => {
      const segments = new SegmentRepository(opened.store.dataSource);
      await segments.create(TENANT, { name: 'Same', definition: PRO_BUYERS });
      await expect(segments.create(TENANT, { name: 'Same', definition: PRO_BUYERS })).rejects.toBeInstanceOf(SegmentNameTakenError);
      await expect(segments.create(OTHER_TENANT, { name: 'Same', definition: PRO_BUYERS })).resolves.toMatchObject({ tenantId: OTHER_TENANT });
    });

    it('treats another tenant’s segment and a malformed id as absent', async () => {
      const segments = new SegmentRepository(opened.store.dataSource);
      const theirs = await segments.create(OTHER_TENANT, { name: 'Theirs', definition: PRO_BUYERS });
      expect(await segments.find(TENANT, theirs.id)).toBeNull();
      expect(await segments.delete(TENANT, theirs.id)).toBe(false);
      expect(await segments.find(OTHER_TENANT, theirs.id)).not.toBeNull();
      expect(await segments.find(TENANT, 'not-a-uuid')).toBeNull();
    });
  });
});

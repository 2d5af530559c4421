import { TENANT_A, TENANT_B, anEvent } from '../../testing/event-fixtures';
import { STORE_TARGETS, openFreshPostgresStore, type OpenedStore } from '../../testing/store-targets';
import { ConversationMetricsRepository } from './conversation-metrics.repository';
import { EventRollupRepository, type RollupDeltaInput } from './event-rollup.repository';
import { IdentityLinkRepository } from './identity-link.repository';
import { eventKey, ProcessedEventRepository, type ProcessedEvent } from './processed-event.repository';
import { UserSessionRepository } from './user-session.repository';

const DAY = new Date('2025-03-11T23:00:00Z');

function processed(overrides: Partial<ProcessedEvent> = {}): ProcessedEvent {
  return {
    ...anEvent(),
    userKey: 'user-42',
    localDate: '2025-03-30',
    hourOfDay: 3,
    dayOfWeek: 7,
    isBusinessHours: false,
    deviceType: 'mobile',
    browser: 'Safari',
    os: 'iOS',
    ...overrides,
  };
}

function delta(overrides: Partial<RollupDeltaInput> = {}): RollupDeltaInput {
  return {
    tenantId: TENANT_A,
    granularity: 'day',
    bucketStart: DAY,
    bucketLabel: '2025-03-12',
    eventType: 'purchase',
    dimensions: {},
    count: 2,
    userKeys: ['alice', 'bob'],
    metrics: { revenue: { count: 2, sum: 30.5, min: 10, max: 20.5, histogram: { p20: 1, p26: 1 } } },
    ...overrides,
  };
}

describe.each(STORE_TARGETS)("the stream processor's repositories on $name", (target) => {
  let opened: OpenedStore;

  beforeAll(async () => {
    opened = await target.open();
  });

  afterAll(async () => {
    await opened?.dispose();
  });

  it('inserts only events not stored yet and says which, with their enrichment', async () => {
    const events = new ProcessedEventRepository(opened.store.dataSource);
    const first = processed({ eventId: 'p-1' });

    expect(await events.insertNew([first])).toEqual(new Set([eventKey(TENANT_A, 'p-1')]));
    expect(await events.insertNew([first, processed({ eventId: 'p-2' })])).toEqual(new Set([eventKey(TENANT_A, 'p-2')]));
    expect(await events.findStored([{ tenantId: TENANT_A, eventId: 'p-1' }, { tenantId: TENANT_B, eventId: 'p-1' }])).toEqual(
      new Set([eventKey(TENANT_A, 'p-1')]),
    );
    const [row] = await opened.store.dataSource.query(
      `SELECT user_key, local_date::text AS local_date, hour_of_day, day_of_week, is_business_hours, device_type, browser, os, properties
         FROM events WHERE event_id = 'p-1'`,
    );
    expect(row).toEqual({
      user_key: 'user-42',
      local_date: '2025-03-30',
      hour_of_day: 3,
      day_of_week: 7,
      is_business_hours: false,
      device_type: 'mobile',
      browser: 'Safari',
      os: 'iOS',
      properties: first.properties,
    });
  });

  it('adds rollup deltas: counts add up, a user counts once, histograms merge key by key', async () => {
    const rollups = new EventRollupRepository(opened.store.dataSource);

    await rollups.applyDeltas([delta()]);
    await rollups.applyDeltas([
      delta({ count: 1, userKeys: ['bob', 'carol'], metrics: { revenue: { count: 1, sum: 4.5, min: 4.5, max: 4.5, histogram: { p13: 1, p26: 1 } } } }),
    ]);

    expect(await rollups.find(TENANT_A, { granularity: 'day', from: DAY, to: new Date('2025-03-12T23:00:00Z') })).toEqual([
      {
        bucketStart: DAY,
        bucketLabel: '2025-03-12',
        eventType: 'purchase',
        dimensions: {},
        eventCount: 3,
        uniqueUsers: 3,
        metrics: { revenue: { count: 3, sum: 35, min: 4.5, max: 20.5, histogram: { p13: 1, p20: 1, p26: 2 } } },
      },
    ]);
  });

  it('keeps dimension sets apart and scopes reads to the tenant', async () => {
    const rollups = new EventRollupRepository(opened.store.dataSource);
    await rollups.applyDeltas([
      delta({ dimensions: { device_type: 'mobile' }, metrics: {} }),
      delta({ tenantId: TENANT_B, eventType: 'page_view', metrics: {} }),
    ]);

    const byDevice = await rollups.find(TENANT_A, { granularity: 'day', from: DAY, to: new Date('2025-03-12T23:00:00Z'), dimensions: ['device_type'] });
    const otherTenant = await rollups.find(TENANT_B, { granularity: 'day', from: DAY, to: new Date('2025-03-12T23:00:00Z'), eventTypes: ['purchase'] });

    expect(byDevice.map(({ dimensions, eventCount }) => [dimensions, eventCount])).toEqual([[{ device_type: 'mobile' }, 2]]);
    expect(otherTenant).toEqual([]);
  });

  it('follows identity links through chains, and the first link of an id wins', async () => {
    const links = new IdentityLinkRepository(opened.store.dataSource);
    const link = (fromId: string, toId: string) => ({ tenantId: TENANT_A, fromId, toId, sourceEventId: `link-${fromId}`, linkedAt: DAY });

    expect(await links.insertNew([link('anon-1', 'old-id'), link('old-id', 'new-id')])).toEqual(
      new Set([`${TENANT_A}\u0000anon-1`, `${TENANT_A}\u0000old-id`]),
    );
    expect(await links.insertNew([link('anon-1', 'someone-else')])).toEqual(new Set());
    const chains = await links.findChains([{ tenantId: TENANT_A, id: 'anon-1' }, { tenantId: TENANT_B, id: 'anon-1' }]);

    expect(chains).toEqual(new Map([[TENANT_A, new Map([['anon-1', 'old-id'], ['old-id', 'new-id']])]]));
  });

  it('saves and reloads session windows', async () => {
    const sessions = new UserSessionRepository(opened.store.dataSource);
    const windows = [{ sessionId: 's-1', startedAt: 1_000, lastEventAt: 2_000 }];

    await sessions.saveAll([{ tenantId: TENANT_A, userKey: 'alice', sessions: windows }]);

    expect(
      await opened.store.dataSource.transaction((manager) =>
        new UserSessionRepository(manager).lockAndLoad([{ tenantId: TENANT_A, userKey: 'alice' }, { tenantId: TENANT_A, userKey: 'nobody' }]),
      ),
    ).toEqual([{ tenantId: TENANT_A, userKey: 'alice', sessions: windows }]);
  });

  it('adds daily conversation deltas, negative ones included, and counts a customer once a day', async () => {
    const metrics = new ConversationMetricsRepository(opened.store.dataSource);
    const day = {
      tenantId: TENANT_A,
      day: '2025-03-12',
      totalConversations: 1,
      resolvedConversations: 1,
      escalatedConversations: 0,
      abandonedConversations: 0,
      responseTimeSumMs: 3000,
      responseTimeCount: 2,
      totalMessages: 4,
      customers: ['carl'],
    };

    await metrics.applyDailyDeltas([day]);
    await metrics.applyDailyDeltas([{ ...day, resolvedConversations: -1, escalatedConversations: 1, responseTimeSumMs: 1000, responseTimeCount: 1, customers: ['carl', 'dana'] }]);

    expect(await metrics.findDaily(TENANT_A, '2025-03-12', '2025-03-12')).toEqual([
      {
        day: '2025-03-12',
        totalConversations: 2,
        resolvedConversations: 0,
        escalatedConversations: 1,
        abandonedConversations: 0,
        responseTimeSumMs: 4000,
        responseTimeCount: 3,
        averageResponseTimeMs: 1333,
        totalMessages: 8,
        uniqueCustomers: 2,
      },
    ]);
  });

  it('saves and reloads conversation states', async () => {
    const metrics = new ConversationMetricsRepository(opened.store.dataSource);
    const state = {
      tenantId: TENANT_A,
      conversationId: 'c1',
      status: 'escalated' as const,
      startedAt: new Date('2025-03-12T09:00:00Z'),
      startDate: '2025-03-12',
      lastEventAt: new Date('2025-03-12T09:30:00Z'),
      outcomeAt: new Date('2025-03-12T09:30:00Z'),
      outcomeDate: '2025-03-12',
      outcomeEventId: 'e-9',
      userKey: 'carl',
      channel: 'web_chat',
      messageCount: 6,
    };

    await metrics.saveStates([state]);

    expect(
      await opened.store.dataSource.transaction((manager) => new ConversationMetricsRepository(manager).lockAndLoad([{ tenantId: TENANT_A, conversationId: 'c1' }])),
    ).toEqual([state]);
  });
});

// Two connections are needed to see one transaction wait for another: PostgreSQL only (PGlite has one).
describe('IdentityLinkRepository.lockIds on PostgreSQL', () => {
  let opened: OpenedStore;

  beforeAll(async () => {
    opened = await openFreshPostgresStore({ poolSize: 4 });
  });

  afterAll(async () => {
    await opened?.dispose();
  });

  it("makes a transaction touching a person's id wait until another holding it commits, and leaves others alone", async () => {
    const order: string[] = [];
    let releaseFirst!: () => void;
    const firstMayCommit = new Promise<void>((resolve) => (releaseFirst = resolve));
    let firstHolds!: () => void;
    const firstHasLock = new Promise<void>((resolve) => (firstHolds = resolve));

    const first = opened.store.dataSource.transaction(async (manager) => {
      await new IdentityLinkRepository(manager).lockIds([{ tenantId: TENANT_A, id: 'anon-1' }, { tenantId: TENANT_A, id: 'u2' }]);
      firstHolds();
      await firstMayCommit;
      order.push('first commits');
    });
    await firstHasLock;
    const sameId = opened.store.dataSource.transaction(async (manager) => {
      await new IdentityLinkRepository(manager).lockIds([{ tenantId: TENANT_A, id: 'anon-1' }]);
      order.push('same id locked');
    });
    // Another tenant's id of the same name, and another id, are not held: these finish while the first waits.
    await opened.store.dataSource.transaction(async (manager) => {
      await new IdentityLinkRepository(manager).lockIds([{ tenantId: TENANT_B, id: 'anon-1' }, { tenantId: TENANT_A, id: 'u3' }]);
      order.push('other ids locked');
    });
    releaseFirst();
    await Promise.all([first, sameId]);

    expect(order).toEqual(['other ids locked', 'first commits', 'same id locked']);
  });
});

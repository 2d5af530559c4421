import {
  retentionPeriodBoundaries,
  STREAM_PROCESSOR_ROLLUP_CATALOG,
  planMetricQuery,
  queryPeriods,
  validateMetricQuery,
  type MetricQueryRequest,
} from '@pulse/analytics-core';
import type { IdentifiedPulseEvent } from '@pulse/contracts';
import type { ReceivedMessage } from '@pulse/messaging';
import { FunnelQuery, MetricQueryExecutor, PersonErasureRepository, RetentionQuery, type SqlExecutor } from '@pulse/storage';
import { STORE_TARGETS, type OpenedStore } from '@pulse/storage/testing';
import { storeEventBatch } from '../pipeline/event-batch-store';
import type { IncomingEvent, TenantProfile } from '../pipeline/incoming-event';

/**
 * The erase's promise: afterwards the store holds exactly what it would hold had the person's events never been
 * stored. Two stores get the same batches through the processor's storage path (`storeEventBatch`), one without
 * the person's events; the person is erased from the other; then every table and every query must agree.
 */
const TENANT: TenantProfile = {
  id: '6f1c3a52-8a9b-4d7e-9c1f-2b3a4c5d6e7f',
  timeZone: 'Europe/Berlin',
  currency: 'EUR',
  schemaPolicy: 'lenient',
  storeMessageText: false,
  suppressErasedUsers: false,
};
const DESKTOP = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';
const PHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';

interface Spec {
  id: string;
  type: string;
  category: string;
  at: string;
  userId?: string;
  anonymousId?: string;
  properties?: Record<string, unknown>;
  agent?: string;
  /** Whose event it is: the erased person's events are left out of the reference store. */
  victor?: true;
}

/**
 * Victor browses anonymously (anon-v, phone), identifies, buys the day's largest order and, a day later, its
 * smallest, comes back on a third day and talks to support; Alice and Bob (one order in USD) share his buckets;
 * a heartbeat has no user.
 */
const BATCHES: Spec[][] = [
  [
    { id: 'v1', type: 'page_view', category: 'content', at: '2026-03-02T09:00:00Z', anonymousId: 'anon-v', agent: PHONE, properties: { content_type: 'article' }, victor: true },
    { id: 'v2', type: 'product_view', category: 'commerce', at: '2026-03-02T09:05:00Z', anonymousId: 'anon-v', agent: PHONE, properties: { product_category: 'books', price: 12 }, victor: true },
    { id: 'a1', type: 'page_view', category: 'content', at: '2026-03-02T09:01:00Z', userId: 'alice', agent: DESKTOP, properties: { content_type: 'article' } },
    { id: 'a2', type: 'purchase', category: 'commerce', at: '2026-03-02T09:30:00Z', userId: 'alice', agent: DESKTOP, properties: { revenue: 50, currency: 'EUR', product_category: 'books' } },
    { id: 'h1', type: 'heartbeat', category: 'system', at: '2026-03-02T09:02:00Z', properties: { metric_name: 'cpu', value: 0.5 } },
  ],
  [
    { id: 'v3', type: 'identify', category: 'identity', at: '2026-03-02T09:10:00Z', userId: 'victor', anonymousId: 'anon-v', agent: PHONE, victor: true },
    { id: 'v4', type: 'purchase', category: 'commerce', at: '2026-03-02T09:20:00Z', userId: 'victor', anonymousId: 'anon-v', agent: PHONE, properties: { revenue: 999.99, currency: 'EUR', product_category: 'books' }, victor: true },
    { id: 'b1', type: 'purchase', category: 'commerce', at: '2026-03-02T09:25:00Z', userId: 'bob', agent: PHONE, properties: { revenue: 80, currency: 'USD', product_category: 'games' } },
    { id: 'a3', type: 'purchase', category: 'commerce', at: '2026-03-02T09:40:00Z', userId: 'alice', agent: DESKTOP, properties: { revenue: 120.25, currency: 'EUR', product_category: 'books' } },
  ],
  [
    { id: 'v5', type: 'purchase', category: 'commerce', at: '2026-03-03T14:00:00Z', userId: 'victor', agent: PHONE, properties: { revenue: 5.5, currency: 'EUR', product_category: 'games' }, victor: true },
    { id: 'a4', type: 'purchase', category: 'commerce', at: '2026-03-03T14:10:00Z', userId: 'alice', agent: DESKTOP, properties: { revenue: 30, currency: 'EUR', product_category: 'games' } },
    { id: 'b2', type: 'page_view', category: 'content', at: '2026-03-03T14:00:30Z', userId: 'bob', agent: PHONE, properties: { content_type: 'video' } },
    { id: 'v6', type: 'page_view', category: 'content', at: '2026-03-04T20:00:00Z', userId: 'victor', agent: PHONE, properties: { content_type: 'video' }, victor: true },
    { id: 'a5', type: 'page_view', category: 'content', at: '2026-03-04T20:30:00Z', userId: 'alice', agent: DESKTOP, properties: { content_type: 'video' } },
    { id: 'h2', type: 'heartbeat', category: 'system', at: '2026-03-04T20:00:00Z', properties: { metric_name: 'cpu', value: 0.7 } },
  ],
  [
    // Victor's own conversation, and a message of his in Bob's (it counts a message and a customer there).
    { id: 'vc1', type: 'conversation_started', category: 'conversation', at: '2026-03-04T10:00:00Z', userId: 'victor', properties: { conversation_id: 'c-v', channel: 'web_chat' }, victor: true },
    { id: 'vc2', type: 'message_sent', category: 'conversation', at: '2026-03-04T10:01:00Z', userId: 'victor', properties: { conversation_id: 'c-v', channel: 'web_chat' }, victor: true },
    { id: 'vc3', type: 'message_received', category: 'conversation', at: '2026-03-04T10:02:00Z', userId: 'victor', properties: { conversation_id: 'c-v', channel: 'web_chat', response_time_ms: 1500 }, victor: true },
    { id: 'vc4', type: 'conversation_resolved', category: 'conversation', at: '2026-03-04T10:05:00Z', userId: 'victor', properties: { conversation_id: 'c-v', channel: 'web_chat' }, victor: true },
    { id: 'bc1', type: 'conversation_started', category: 'conversation', at: '2026-03-04T11:00:00Z', userId: 'bob', properties: { conversation_id: 'c-b', channel: 'whatsapp' } },
    { id: 'vc5', type: 'message_sent', category: 'conversation', at: '2026-03-04T11:01:00Z', userId: 'victor', properties: { conversation_id: 'c-b', channel: 'whatsapp' }, victor: true },
    { id: 'bc2', type: 'message_received', category: 'conversation', at: '2026-03-04T11:02:00Z', userId: 'bob', properties: { conversation_id: 'c-b', channel: 'whatsapp', response_time_ms: 800 } },
    { id: 'bc3', type: 'conversation_escalated', category: 'conversation', at: '2026-03-05T09:00:00Z', userId: 'bob', properties: { conversation_id: 'c-b', channel: 'whatsapp' } },
  ],
];

const RANGE = { from: new Date('2026-03-01T23:00:00Z'), to: new Date('2026-03-05T23:00:00Z') };

function incoming(spec: Spec): IncomingEvent {
  const event = {
    eventId: spec.id,
    type: spec.type,
    category: spec.category,
    timestamp: spec.at,
    ...(spec.userId ? { userId: spec.userId } : {}),
    ...(spec.anonymousId ? { anonymousId: spec.anonymousId } : {}),
    properties: spec.properties ?? {},
    context: spec.agent ? { userAgent: spec.agent } : {},
  } as unknown as IdentifiedPulseEvent;
  const at = new Date(spec.at);
  return { tenant: TENANT, event, occurredAt: at, receivedAt: new Date(at.getTime() + 1000), source: 'http', message: {} as ReceivedMessage };
}

async function storeBatches(opened: OpenedStore, keep: (spec: Spec) => boolean): Promise<void> {
  const dataSource = opened.store.dataSource;
  await dataSource.query(
    `INSERT INTO "tenants" ("id", "slug", "name", "write_key_hash", "time_zone", "currency") VALUES ($1, 'erase', 'Erase', 'erase-key', $2, $3)`,
    [TENANT.id, TENANT.timeZone, TENANT.currency],
  );
  for (const batch of BATCHES) {
    const events = batch.filter(keep).map(incoming);
    await dataSource.transaction((manager) => storeEventBatch(manager, events));
  }
}

/** Every per-tenant table the processor writes, as comparable rows (bookkeeping timestamps left out). */
async function snapshot(sql: SqlExecutor) {
  const rows = (statement: string) => sql.query(statement, [TENANT.id]);
  const personKeys = new Map<number, string>(
    (await rows(`SELECT "person_id", "user_key" FROM "person_ids" WHERE "tenant_id" = $1`)).map((row: { person_id: number; user_key: string }) => [
      Number(row.person_id),
      row.user_key,
    ]),
  );
  const chunks: Array<{ event_type: string; day: string; data: Buffer }> = await rows(
    `SELECT "event_type", "day"::text AS "day", "data" FROM "event_time_chunks" WHERE "tenant_id" = $1`,
  );
  const eventTimes = chunks
    .flatMap((chunk) =>
      Array.from({ length: chunk.data.length / 8 }, (_, index) =>
        [chunk.event_type, chunk.day, personKeys.get(chunk.data.readInt32BE(index * 8)) ?? '?', chunk.data.readInt32BE(index * 8 + 4)].join(' '),
      ),
    )
    .sort();
  const metrics: Array<Record<string, unknown>> = await rows(
    `SELECT m."rollup_id", m."metric", m."value_count", m."value_sum"::float8 AS "value_sum", m."value_min", m."value_max", m."histogram"
       FROM "event_rollup_metrics" m JOIN "event_rollups" r ON r."id" = m."rollup_id" WHERE r."tenant_id" = $1 ORDER BY 1, 2`,
  );
  return {
    events: await rows(
      `SELECT "event_id", "type", "user_id", "anonymous_id", "user_key", "session_id", "properties" FROM "events" WHERE "tenant_id" = $1 ORDER BY 1`,
    ),
    identityLinks: await rows(`SELECT "from_id", "to_id", "source_event_id" FROM "identity_links" WHERE "tenant_id" = $1 ORDER BY 1`),
    sessions: await rows(`SELECT "user_key", "sessions" FROM "user_sessions" WHERE "tenant_id" = $1 ORDER BY 1`),
    rollups: await rows(
      `SELECT "id", "granularity", "bucket_start", "event_type", "dimensions", "event_count", "unique_users" FROM "event_rollups" WHERE "tenant_id" = $1 ORDER BY 1`,
    ),
    rollupUsers: await rows(
      `SELECT u."rollup_id", u."user_key" FROM "event_rollup_users" u JOIN "event_rollups" r ON r."id" = u."rollup_id" WHERE r."tenant_id" = $1 ORDER BY 1, 2`,
    ),
    // Sums are numeric sums of each batch's floating-point sum: compared to the cent.
    metrics: metrics.map((row) => ({ ...row, value_sum: Math.round(Number(row['value_sum']) * 100) / 100 })),
    firstSeen: await rows(`SELECT "event_type", "user_key", "first_at" FROM "person_first_seen" WHERE "tenant_id" = $1 ORDER BY 1, 2`),
    activeDays: await rows(`SELECT "year", "user_key", "w0", "w1", "w2", "w3", "w4", "w5" FROM "person_active_days" WHERE "tenant_id" = $1 ORDER BY 1, 2`),
    personKeys: [...personKeys.values()].sort(),
    conversationStates: await rows(
      `SELECT "conversation_id", "status", "started_at", "start_date"::text, "last_event_at", "outcome_at", "outcome_date"::text, "outcome_event_id",
              "user_key", "channel", "message_count" FROM "conversation_states" WHERE "tenant_id" = $1 ORDER BY 1`,
    ),
    conversationDays: await rows(
      `SELECT "day"::text, "total_conversations", "resolved_conversations", "escalated_conversations", "abandoned_conversations",
              "response_time_sum_ms", "response_time_count", "total_messages", "unique_customers"
         FROM "conversation_daily_metrics" WHERE "tenant_id" = $1 ORDER BY 1`,
    ),
    conversationCustomers: await rows(`SELECT "day"::text, "user_key" FROM "conversation_daily_customers" WHERE "tenant_id" = $1 ORDER BY 1, 2`),
    eventTimes,
  };
}

/** Result rows in a stable order: the SQL of a raw metric query does not sort its buckets. */
function unordered(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(unordered);
    return items.every((item) => typeof item === 'object' && item !== null && 'bucket' in item)
      ? [...items].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1))
      : items;
  }
  if (value instanceof Date || typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, unordered(item)]));
}

describe.each(STORE_TARGETS)('erasing a person on $name', (target) => {
  let erased: OpenedStore;
  let reference: OpenedStore;

  beforeAll(async () => {
    erased = await target.open();
    reference = await target.open();
    await storeBatches(erased, () => true);
    await storeBatches(reference, (spec) => !spec.victor);
  });

  afterAll(async () => {
    await erased?.dispose();
    await reference?.dispose();
  });

  const erase = () =>
    erased.store.dataSource.transaction((manager) => new PersonErasureRepository(manager).erase(TENANT, 'victor', { suppress: false }));

  it('removes the person with their anonymous id, and every table equals a store that never had them', async () => {
    const before = await snapshot(erased.store.dataSource);
    expect(before.personKeys).toEqual(expect.arrayContaining(['anon:anon-v', 'victor']));
    const expected = await snapshot(reference.store.dataSource);
    // Victor's orders were the largest and the smallest of their buckets: min and max must be recomputed.
    expect(before.metrics).not.toEqual(expected.metrics);
    expect(before.rollups).not.toEqual(expected.rollups);

    const result = await erase();

    expect(result).toMatchObject({ ids: ['anon-v', 'victor'], events: 11, identityLinks: 1, personIds: 2, conversations: 2, conversationCustomers: 1 });
    expect(result.rollupsDeleted + result.rollupsUpdated).toBeGreaterThan(0);
    const after = await snapshot(erased.store.dataSource);
    for (const table of Object.keys(expected) as Array<keyof typeof expected>) {
      expect({ table, rows: after[table] }).toEqual({ table, rows: expected[table] });
    }
  });

  it('leaves nothing of the person in any per-person table', async () => {
    const count = async (statement: string) =>
      Number((await erased.store.dataSource.query(statement, [TENANT.id, ['victor', 'anon-v', 'anon:anon-v']]))[0].count);
    expect(await count(`SELECT count(*) FROM "events" WHERE "tenant_id" = $1 AND ("user_key" = ANY($2) OR "user_id" = ANY($2) OR "anonymous_id" = ANY($2))`)).toBe(0);
    for (const table of ['user_sessions', 'person_first_seen', 'person_active_days', 'person_ids', 'conversation_daily_customers', 'conversation_states']) {
      expect({ table, count: await count(`SELECT count(*) FROM "${table}" WHERE "tenant_id" = $1 AND "user_key" = ANY($2)`) }).toEqual({ table, count: 0 });
    }
    expect(await count(`SELECT count(*) FROM "identity_links" WHERE "tenant_id" = $1 AND ("from_id" = ANY($2) OR "to_id" = ANY($2))`)).toBe(0);
    expect(await count(`SELECT count(*) FROM "event_rollup_users" u JOIN "event_rollups" r ON r."id" = u."rollup_id" WHERE r."tenant_id" = $1 AND u."user_key" = ANY($2)`)).toBe(0);
  });

  it('answers metric queries, funnels and retention as a store that never had the person', async () => {
    const answers = async (opened: OpenedStore) => {
      const sql = opened.store.dataSource;
      const executor = new MetricQueryExecutor(sql);
      const metric = async (request: Partial<MetricQueryRequest>) => {
        const validated = validateMetricQuery(
          { metric: { type: 'event_count' }, from: RANGE.from.toISOString(), to: RANGE.to.toISOString(), granularity: 'day', ...request },
          TENANT.timeZone,
        );
        if (!validated.ok) throw new Error(JSON.stringify(validated.issues));
        const plan = planMetricQuery(validated.query, STREAM_PROCESSOR_ROLLUP_CATALOG, TENANT.timeZone);
        return executor.run(TENANT, validated.query, plan, [queryPeriods(validated.query).current]);
      };
      const funnel = await new FunnelQuery(sql).stepTotals(TENANT.id, {
        definition: { steps: [{ eventType: 'page_view' }, { eventType: 'purchase' }], conversionWindowMs: 7 * 86_400_000 },
        ...RANGE,
      });
      const boundaries = retentionPeriodBoundaries({ year: 2026, month: 3, day: 2 }, 'day', 4, TENANT.timeZone).map((ms) => new Date(ms));
      return {
        counts: await metric({}),
        hourly: await metric({ granularity: 'hour', metric: { type: 'event_count', events: ['purchase'] } } as Partial<MetricQueryRequest>),
        users: await metric({ metric: { type: 'unique_users' } }),
        byDevice: await metric({ groupBy: ['device_type'] } as Partial<MetricQueryRequest>),
        revenue: await Promise.all(
          ['sum', 'avg', 'min', 'max', 'p50'].map((aggregation) =>
            metric({ metric: { type: 'aggregate', events: ['purchase'], field: 'properties.revenue', aggregation } } as Partial<MetricQueryRequest>),
          ),
        ),
        funnel,
        retention: await new RetentionQuery(sql).counts(TENANT.id, { definition: {}, boundaries, tenantTimeZone: TENANT.timeZone }),
      };
    };
    expect(unordered(await answers(erased))).toEqual(unordered(await answers(reference)));
  });

  it('answers a second erase with zeros and changes nothing', async () => {
    const before = await snapshot(erased.store.dataSource);
    const again = await erase();
    expect(again).toEqual({
      ids: ['victor'],
      events: 0,
      identityLinks: 0,
      sessions: 0,
      firstSeen: 0,
      activeDays: 0,
      eventTimeRecords: 0,
      personIds: 0,
      rollupsUpdated: 0,
      rollupsDeleted: 0,
      rollupUsers: 0,
      conversations: 0,
      conversationCustomers: 0,
      quarantinedEvents: 0,
      reportRuns: [],
      suppressedIds: 0,
    });
    expect(await snapshot(erased.store.dataSource)).toEqual(before);
  });
});

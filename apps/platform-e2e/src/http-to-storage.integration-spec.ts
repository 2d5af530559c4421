import { randomBytes } from 'node:crypto';
import { Client, escapeIdentifier } from 'pg';
import { cleanEnv, freePort, ProcessUnderTest } from './support/process-under-test';
import {
  ADMIN_DATABASE_URL,
  deleteLiveState,
  KAFKA_BROKERS,
  REDIS_URL,
  runAsAdmin,
  skipOldBacklog,
  withDatabase,
} from './support/test-stack';

const ADMIN_TOKEN = 'http-to-storage-admin-token-0123456789';
const TIME_ZONE = 'Europe/Berlin';
const CURRENCY = 'EUR';
const MINUTE = 60_000;

/**
 * The hand-computed fixture, relative to `now` (the test's clock when it sends). Minutes ago:
 *
 * - u1: page_view 33, product_view 32.5, page_view 32 (one session), purchase 100 EUR at 1 (31 minutes
 *   after the third: a second session).
 * - anon-1: page_view 3, product_view 2.5, then identify at 2 (userId u2, anonymousId anon-1), then u2
 *   buys for 30 EUR at 0.5: one visit, one session, one person (u2). The whole visit is inside the last
 *   5 minutes on purpose: see the live-state assertion below.
 * - u1's product_view is sent twice with the same event id (stored once), and one purchase without
 *   `order_id` is invalid under the tenant's strict schema policy (index 9, rejected; the other nine are accepted).
 *
 * Stored: 8 rows. Sessions: u1 2, u2 (with anon-1) 1. Day rollup of purchase: 2 events, 2 users,
 * revenue 130. Live: orders 2, revenue 130; active in the last 5 and 30 minutes: u1 (1 min ago), u2, and
 * `anon:anon-1` as a key of its own when the visit was stored before the identify; sessions: u1's second
 * and the visit's = 2 (u1's first ended 32 minutes ago).
 */
function fixture(now: number) {
  const at = (minutesAgo: number) => new Date(now - minutesAgo * MINUTE).toISOString();
  const ua = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';
  const context = { userAgent: ua };
  const u1View = {
    eventId: 'h2s-u1-2',
    type: 'product_view',
    timestamp: at(32.5),
    userId: 'u1',
    properties: { product_id: 'p-1' },
    context,
  };
  const events: Array<Record<string, unknown>> = [
    {
      eventId: 'h2s-u1-1',
      type: 'page_view',
      timestamp: at(33),
      userId: 'u1',
      properties: { path: '/' },
      context,
    },
    u1View,
    {
      eventId: 'h2s-u1-3',
      type: 'page_view',
      timestamp: at(32),
      userId: 'u1',
      properties: { path: '/cart' },
      context,
    },
    {
      eventId: 'h2s-u1-4',
      type: 'purchase',
      timestamp: at(1),
      userId: 'u1',
      properties: { order_id: 'o-1', revenue: 100, currency: CURRENCY },
      context,
    },
    {
      eventId: 'h2s-a-1',
      type: 'page_view',
      timestamp: at(3),
      anonymousId: 'anon-1',
      properties: { path: '/' },
      context,
    },
    {
      eventId: 'h2s-a-2',
      type: 'product_view',
      timestamp: at(2.5),
      anonymousId: 'anon-1',
      properties: { product_id: 'p-2' },
      context,
    },
    {
      eventId: 'h2s-identify',
      type: 'identify',
      timestamp: at(2),
      userId: 'u2',
      anonymousId: 'anon-1',
      properties: { traits: { plan: 'pro' } },
      context,
    },
    {
      eventId: 'h2s-u2-1',
      type: 'purchase',
      timestamp: at(0.5),
      userId: 'u2',
      properties: { order_id: 'o-2', revenue: 30, currency: CURRENCY },
      context,
    },
    { ...u1View },
    // Invalid: a purchase needs an order_id.
    {
      eventId: 'h2s-bad',
      type: 'purchase',
      timestamp: at(0.5),
      userId: 'u1',
      properties: { revenue: 5, currency: CURRENCY },
      context,
    },
  ];
  const storedIds = [...new Set(events.slice(0, 9).map((event) => event.eventId as string))];
  const storedTimes = new Map(events.slice(0, 9).map((event) => [event.eventId as string, Date.parse(event.timestamp as string)]));
  return { events, storedIds, storedTimes, invalidIndex: 9 };
}

/** HTTP batch → Kafka → stream processor → PostgreSQL rows and rollups + Redis live state, on the built apps. */
describe('HTTP batch to storage, end to end', () => {
  const database = `pulse_e2e_${randomBytes(6).toString('hex')}`;
  const databaseUrl = withDatabase(ADMIN_DATABASE_URL, database);
  const processes: ProcessUnderTest[] = [];
  let sql: Client | undefined;
  let tenantId: string | undefined;

  beforeAll(async () => {
    await skipOldBacklog('http-to-storage-e2e-admin');
    await runAsAdmin(`CREATE DATABASE ${escapeIdentifier(database)}`);
    sql = new Client({ connectionString: databaseUrl });
    await sql.connect();
  });

  afterAll(async () => {
    // SIGTERM first, so the processor leaves its consumer group (a SIGKILLed member blocks the next run's
    // offset reset until its session times out); SIGKILL whatever does not exit in time.
    await Promise.all(
      processes.map(async (started) => {
        started.signal('SIGTERM');
        await started.waitForExit(20_000).catch(() => started.kill());
      }),
    );
    await sql?.end();
    await runAsAdmin(`DROP DATABASE IF EXISTS ${escapeIdentifier(database)} WITH (FORCE)`);
    if (tenantId) await deleteLiveState(tenantId);
  });

  async function start(app: 'ingestion' | 'stream-processor' | 'insights', extra: Record<string, string> = {}): Promise<string> {
    const port = await freePort();
    const started = new ProcessUnderTest(
      app,
      cleanEnv({
        PORT: String(port),
        HOST: '127.0.0.1',
        KAFKA_BROKERS,
        DATABASE_URL: databaseUrl,
        REDIS_URL,
        ...extra,
      }),
    );
    processes.push(started);
    await started.waitForOutput(new RegExp(`${app} listening on`), 90_000).catch((error: Error) => {
      throw new Error(
        `the built ${app} did not start (Kafka, PostgreSQL and Redis must be up; bash tools/kafka/kafka.sh start): ${error.message}`,
      );
    });
    return `http://127.0.0.1:${port}`;
  }

  it('stores exactly the hand-computed rows, sessions, identity merge, rollups and live counters', async () => {
    // The processor first: it migrates the fresh database (the others would wait on the same lock).
    await start('stream-processor');
    const [ingestion, insights] = await Promise.all([start('ingestion', { ADMIN_TOKEN }), start('insights')]);
    if (sql === undefined) throw new Error('no database connection');
    const db = sql;

    const created = await fetch(`${ingestion}/v1/admin/tenants`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${ADMIN_TOKEN}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        slug: `h2s-${randomBytes(4).toString('hex')}`,
        name: 'HTTP to storage',
        timeZone: TIME_ZONE,
        currency: CURRENCY,
        // Strict, so the purchase without order_id is refused at the edge (lenient would store it with its violation).
        schemaPolicy: 'strict',
      }),
    });
    expect(created.status).toBe(201);
    const { tenant, writeKey, secretKey } = (await created.json()) as {
      tenant: { id: string };
      writeKey: string;
      secretKey: { key: string };
    };
    tenantId = tenant.id;

    const now = Date.now();
    const { events, storedIds, storedTimes, invalidIndex } = fixture(now);
    const sent = await fetch(`${ingestion}/v1/events/batch`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${writeKey}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ events }),
    });
    const answer = (await sent.json()) as {
      accepted: number;
      rejected: Array<{
        index: number;
        errors: Array<{ field: string; rule: string }>;
      }>;
    };
    expect({
      status: sent.status,
      accepted: answer.accepted,
      rejectedIndexes: answer.rejected.map((rejected) => rejected.index),
    }).toEqual({
      status: 202,
      accepted: 9,
      rejectedIndexes: [invalidIndex],
    });
    expect(answer.rejected[0].errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: expect.stringContaining('order_id') })]),
    );

    // Bounded: the 8 distinct events stored (a ninth would be a duplicate stored twice: checked below).
    const count = async () => Number((await db.query(`SELECT count(*) AS n FROM events WHERE tenant_id = $1`, [tenant.id])).rows[0].n);
    await waitFor(
      async () => (await count()) >= storedIds.length,
      60_000,
      async () => `${storedIds.length} stored events (have ${await count()})`,
    );

    const rows = (
      await db.query(
        `SELECT event_id, type, user_id, anonymous_id, user_key, session_id, local_date::text AS local_date
           FROM events WHERE tenant_id = $1 ORDER BY occurred_at, event_id`,
        [tenant.id],
      )
    ).rows as Array<{
      event_id: string;
      type: string;
      user_id: string | null;
      anonymous_id: string | null;
      user_key: string;
      session_id: string;
      local_date: string;
    }>;
    expect(rows.map((row) => row.event_id).sort()).toEqual([...storedIds].sort());
    const byId = new Map(rows.map((row) => [row.event_id, row]));
    const row = (eventId: string) => byId.get(eventId) ?? missing(`stored row ${eventId}`);
    const timeOf = (eventId: string) => storedTimes.get(eventId) ?? missing(`fixture time of ${eventId}`);

    // Every row enriched with the tenant-local date of its time.
    expect(rows.map((stored) => [stored.event_id, stored.local_date])).toEqual(
      rows.map((stored) => [stored.event_id, berlinDate(timeOf(stored.event_id))]),
    );

    // Sessions: u1 has two (the 31-minute gap), the anonymous visit continues as u2's one session.
    const u1 = ['h2s-u1-1', 'h2s-u1-2', 'h2s-u1-3', 'h2s-u1-4'].map(row);
    expect(new Set(u1.map((stored) => stored.session_id)).size).toBe(2);
    expect(u1[0].session_id).toBe(u1[1].session_id);
    expect(u1[1].session_id).toBe(u1[2].session_id);
    expect(u1[3].session_id).not.toBe(u1[2].session_id);
    const visit = ['h2s-a-1', 'h2s-a-2', 'h2s-identify', 'h2s-u2-1'].map(row);
    expect(new Set(visit.map((stored) => stored.session_id)).size).toBe(1);
    expect(new Set([...u1, ...visit].map((stored) => stored.session_id)).size).toBe(3);

    // Identity: the link anon-1 → u2 is stored from the identify, and every event of the visit resolves to u2.
    expect(u1.map((stored) => stored.user_key)).toEqual(['u1', 'u1', 'u1', 'u1']);
    expect([row('h2s-identify').user_key, row('h2s-u2-1').user_key]).toEqual(['u2', 'u2']);
    const links = await db.query(`SELECT from_id, to_id, source_event_id FROM identity_links WHERE tenant_id = $1`, [tenant.id]);
    expect(links.rows).toEqual([{ from_id: 'anon-1', to_id: 'u2', source_event_id: 'h2s-identify' }]);
    // The anonymous events keep `anon:anon-1` when processed before the identify, or get `u2` when the
    // identify was processed in the same batch or earlier (it is keyed, and partitioned, by u2, the
    // visit by anon-1): which one is up to Kafka. Resolved through identity_links, they are u2 either way.
    for (const anonymous of visit.slice(0, 2)) expect(['anon:anon-1', 'u2']).toContain(anonymous.user_key);
    process.stdout.write(
      `http-to-storage: anonymous events stored with user_key ${visit
        .slice(0, 2)
        .map((stored) => stored.user_key)
        .join(', ')}\n`,
    );
    const resolved = await db.query(
      `SELECT DISTINCT COALESCE(l.to_id, e.user_key) AS person
         FROM events e LEFT JOIN identity_links l ON l.tenant_id = e.tenant_id AND e.user_key = 'anon:' || l.from_id
        WHERE e.tenant_id = $1 ORDER BY 1`,
      [tenant.id],
    );
    expect(resolved.rows.map((person) => person.person)).toEqual(['u1', 'u2']);

    // The day rollup of purchase (no dimensions): 2 orders by 2 users, revenue 100 + 30.
    const rollups = await db.query(
      `SELECT r.bucket_label, r.event_count::int AS events, r.unique_users AS users,
              m.value_count::int AS revenue_count, m.value_sum::float8 AS revenue_sum
         FROM event_rollups r LEFT JOIN event_rollup_metrics m ON m.rollup_id = r.id AND m.metric = 'revenue'
        WHERE r.tenant_id = $1 AND r.granularity = 'day' AND r.event_type = 'purchase' AND r.dimension_set = ''`,
      [tenant.id],
    );
    expect(rollups.rows).toEqual([
      {
        bucket_label: berlinDate(timeOf('h2s-u1-4')),
        events: 2,
        users: 2,
        revenue_count: 2,
        revenue_sum: 130,
      },
    ]);
    expect(berlinDate(timeOf('h2s-u2-1'))).toBe(berlinDate(timeOf('h2s-u1-4')));
    // The per-type day rollups together hold the 8 stored events and nothing else; so do the all-types ('*') ones.
    const dayTotals = await db.query(
      `SELECT (event_type = '*') AS all_types, sum(event_count)::int AS n FROM event_rollups
        WHERE tenant_id = $1 AND granularity = 'day' AND dimension_set = '' GROUP BY 1 ORDER BY 1`,
      [tenant.id],
    );
    expect(dayTotals.rows).toEqual([
      { all_types: false, n: storedIds.length },
      { all_types: true, n: storedIds.length },
    ]);

    // Live state, through the insights app (written after the commit: poll, bounded).
    const today = berlinDate(Date.now());
    const storedToday = rows.filter((stored) => stored.local_date === today);
    const expectedEventsToday = storedToday.length;
    const readOverview = async () => {
      const response = await fetch(`${insights}/v1/realtime/overview`, {
        headers: { authorization: `Bearer ${secretKey.key}` },
      });
      if (response.status !== 200) throw new Error(`GET /v1/realtime/overview answered ${response.status}: ${await response.text()}`);
      return (await response.json()) as Record<string, unknown> & {
        eventsToday: number;
      };
    };
    let overview = await readOverview();
    await waitFor(
      async () => (overview = await readOverview()).eventsToday >= expectedEventsToday,
      30_000,
      async () => `eventsToday ${expectedEventsToday} (have ${JSON.stringify(overview)})`,
    );
    const visitors = new Set(storedToday.map((stored) => stored.user_key)).size;
    const orders = storedToday.filter((stored) => stored.type === 'purchase').length;
    expect(orders).toBe(2); // The purchases are under a minute old: always today.
    const anonymousKey = visit.slice(0, 2).some((stored) => stored.user_key === 'anon:anon-1') ? 1 : 0;
    expect(overview).toEqual({
      timestamp: expect.any(String),
      timeZone: TIME_ZONE,
      today,
      // The live state has no ZADD GT: when the visit's anonymous events are processed after the identify
      // and u2's purchase (they are keyed by anon-1, those by u2: other partitions), they are stored as u2
      // and LOWER u2's last-seen score and the session's to their own, older, time. With the visit 3 minutes
      // old or less, u2 and the session stay inside the 5-minute window either way; with a visit 6 minutes
      // old, last5Minutes was 1 in one run of three (see the report of issue 3).
      activeUsers: { last5Minutes: 2 + anonymousKey, last30Minutes: 2 + anonymousKey },
      activeSessions: { last5Minutes: 2, last30Minutes: 2 },
      eventsToday: expectedEventsToday,
      visitors,
      buyers: 2,
      orders: 2,
      revenue: 130,
      currency: CURRENCY,
      conversionRate: 2 / visitors,
      averageOrderValue: 65,
    });
    // Nothing was counted twice: no more rows appeared meanwhile.
    expect(await count()).toBe(storedIds.length);
  }, 300_000);
});

function missing(what: string): never {
  throw new Error(`missing ${what}`);
}

function berlinDate(epochMs: number): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(epochMs);
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs: number, describe: () => Promise<string>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${await describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}


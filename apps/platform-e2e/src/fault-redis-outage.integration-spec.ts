import { TOPICS } from '@pulse/contracts';
import { randomBytes } from 'node:crypto';
import { Client, escapeIdentifier } from 'pg';
import { createClient } from 'redis';
import { BuiltServices } from './support/built-services';
import { EventSender, until } from './support/event-sender';
import { PhaseTimer } from './support/phase-timer';
import { PrivateRedis } from './support/private-redis';
import { ADMIN_DATABASE_URL, runAsAdmin, skipOldBacklog, withDatabase } from './support/test-stack';

const ADMIN_TOKEN = 'redis-outage-admin-token-0123456789';

/** The live figures the overview shows, as the stored events of today say they must be. */
interface LiveFigures {
  eventsToday: number;
  orders: number;
  revenue: number;
  visitors: number;
  buyers: number;
  activeUsers: number;
  activeSessions: number;
}

/**
 * The built services on a Redis of the test's own, stopped while events flow and started again empty (no
 * persistence). Meanwhile the live routes answer 503 saying why, ingestion accepts and the processor stores
 * as before; once Redis is back, the processor rebuilds the live state from PostgreSQL, without a restart.
 */
describe('fault: Redis stopped and started again empty', () => {
  const database = `pulse_e2e_${randomBytes(6).toString('hex')}`;
  const group = `fault-redis-${randomBytes(4).toString('hex')}`;
  let redis: PrivateRedis | undefined;
  let services: BuiltServices | undefined;
  let sql: Client | undefined;

  afterAll(async () => {
    await services?.stop();
    await sql?.end();
    await redis?.stop();
    await runAsAdmin(`DROP DATABASE IF EXISTS ${escapeIdentifier(database)} WITH (FORCE)`);
  });

  it('answers 503 on the live routes while Redis is down, stores every event, and rebuilds the live state when it returns', async () => {
    const phases = new PhaseTimer();
    redis = await PrivateRedis.start();
    await runAsAdmin(`CREATE DATABASE ${escapeIdentifier(database)}`);
    const databaseUrl = withDatabase(ADMIN_DATABASE_URL, database);
    sql = new Client({ connectionString: databaseUrl });
    await sql.connect();
    await skipOldBacklog('fault-redis-admin', group);
    await skipOldBacklog('fault-redis-admin', `${group}-quarantine`, [TOPICS.deadLetter]);

    services = new BuiltServices(databaseUrl);
    const withRedis = { REDIS_URL: redis.url };
    // The processor first: it migrates the fresh database.
    const processor = await services.start('stream-processor', { ...withRedis, PROCESSOR_GROUP_ID: group });
    const [ingestion, insights, dashboards] = await Promise.all([
      services.start('ingestion', { ...withRedis, ADMIN_TOKEN }),
      services.start('insights', withRedis),
      services.start('dashboards', withRedis),
    ]);

    const created = await fetch(`${ingestion}/v1/admin/tenants`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ slug: `fault-redis-${randomBytes(4).toString('hex')}`, name: 'Redis outage', timeZone: 'UTC', currency: 'EUR' }),
    });
    expect(created.status).toBe(201);
    const { tenant, writeKey, secretKey } = (await created.json()) as { tenant: { id: string }; writeKey: string; secretKey: { key: string } };
    const auth = { authorization: `Bearer ${secretKey.key}` };
    const listed = (await (await fetch(`${dashboards}/v1/dashboards`, { headers: auth })).json()) as Array<{ id: string }>;
    const liveUrl = `${dashboards}/v1/dashboards/${listed[0].id}/live`;
    const db = sql;
    const stored = async () => Number((await db.query('SELECT count(*) AS n FROM events WHERE tenant_id = $1', [tenant.id])).rows[0].n);

    const overview = async () => {
      const response = await fetch(`${insights}/v1/realtime/overview`, { headers: auth });
      return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as Record<string, unknown> };
    };
    const liveFigures = async (): Promise<LiveFigures | { status: number }> => {
      const answer = await overview();
      if (answer.status !== 200) return { status: answer.status };
      const body = answer.body as Record<string, number> & { activeUsers: { last30Minutes: number }; activeSessions: { last30Minutes: number } };
      return {
        eventsToday: body.eventsToday,
        orders: body.orders,
        revenue: body.revenue,
        visitors: body.visitors,
        buyers: body.buyers,
        activeUsers: body.activeUsers.last30Minutes,
        activeSessions: body.activeSessions.last30Minutes,
      };
    };
    // What PostgreSQL holds for the live window: today (UTC) and the last 30 minutes (every event of this test).
    // Visitors and buyers are HyperLogLog estimates (user-0, -10, -20 and -30 count as 3): the stored user keys
    // go through Redis's own HyperLogLog, so the comparison is exact.
    const estimate = async (members: string[]) => {
      const scratch = createClient({ url: redis?.url });
      await scratch.connect();
      try {
        const key = `fault-redis-test:${randomBytes(6).toString('hex')}`;
        if (members.length > 0) await scratch.pfAdd(key, members);
        const count = await scratch.pfCount(key);
        await scratch.del(key);
        return count;
      } finally {
        await scratch.close();
      }
    };
    const storedFigures = async (): Promise<LiveFigures> => {
      const { rows } = await db.query(
        `SELECT count(*)::int AS "eventsToday", (count(*) FILTER (WHERE type = 'purchase'))::int AS orders,
                COALESCE(sum((properties->>'revenue')::numeric) FILTER (WHERE type = 'purchase' AND properties->>'currency' = 'EUR'), 0)::float8 AS revenue,
                COALESCE(array_agg(DISTINCT user_key), '{}') AS visitors,
                COALESCE(array_agg(DISTINCT user_key) FILTER (WHERE type = 'purchase'), '{}') AS buyers,
                (count(DISTINCT user_key) FILTER (WHERE occurred_at > now() - interval '30 minutes'))::int AS "activeUsers",
                (count(DISTINCT session_id) FILTER (WHERE occurred_at > now() - interval '30 minutes'))::int AS "activeSessions"
           FROM events WHERE tenant_id = $1 AND local_date = (now() AT TIME ZONE 'UTC')::date`,
        [tenant.id],
      );
      const row = rows[0] as Omit<LiveFigures, 'visitors' | 'buyers'> & { visitors: string[]; buyers: string[] };
      return {
        eventsToday: row.eventsToday,
        orders: row.orders,
        revenue: row.revenue,
        visitors: await estimate(row.visitors),
        buyers: await estimate(row.buyers),
        activeUsers: row.activeUsers,
        activeSessions: row.activeSessions,
      };
    };
    const sendAndStore = async (prefix: string, batches: number): Promise<void> => {
      const sender = new EventSender(ingestion, writeKey, { clients: 2, batchSize: 25, pauseMs: 50, prefix });
      const before = await stored();
      sender.start();
      await until(
        () => sender.answers.length >= batches,
        60_000,
        () => `${batches} batches answered (${prefix})`,
      );
      await sender.stop();
      expect({ prefix, statuses: sender.statuses() }).toEqual({ prefix, statuses: [202] });
      const expected = before + sender.acceptedIds().length;
      await until(
        async () => (await stored()) >= expected,
        60_000,
        async () => `${expected} stored events (have ${await stored()})`,
      );
    };
    const liveEqualsStored = () =>
      until(
        async () => JSON.stringify(await liveFigures()) === JSON.stringify(await storedFigures()),
        30_000,
        async () => `live figures ${JSON.stringify(await liveFigures())} equal to the stored ${JSON.stringify(await storedFigures())}`,
      );

    phases.mark('Redis and services start');
    // Before: the live state follows the stored events.
    await sendAndStore('fault-redis-before', 8);
    await liveEqualsStored();

    phases.mark('before: stored and live');
    await redis.stop();
    // The live routes say why they cannot answer; the other routes and readiness are unaffected.
    await until(
      async () => (await overview()).status === 503,
      15_000,
      async () => `503 from the overview (${JSON.stringify(await overview())})`,
    );
    const refused = await overview();
    expect(refused).toEqual({
      status: 503,
      retryAfter: expect.stringMatching(/^\d+$/),
      body: {
        statusCode: 503,
        error: 'Service Unavailable',
        message: expect.stringMatching(/^live figures are unavailable: the live-state cache does not answer/),
      },
    });
    const live = await fetch(liveUrl, { headers: auth });
    expect({ status: live.status, type: live.headers.get('content-type'), body: await live.json() }).toEqual({
      status: 503,
      type: expect.stringContaining('application/json'),
      body: expect.objectContaining({ message: expect.stringMatching(/^live figures are unavailable/) }),
    });
    for (const url of [insights, dashboards, processor]) {
      const ready = await fetch(`${url}/ready`);
      expect({ url, status: ready.status, body: await ready.json() }).toEqual({
        url,
        status: 200,
        body: expect.objectContaining({ status: 'ready', checks: expect.objectContaining({ cache: expect.stringMatching(/^degraded: /) }) }),
      });
    }

    // Storage is unaffected: every event accepted while Redis is down is stored.
    phases.mark('stop, 503s, ready');
    await sendAndStore('fault-redis-during', 8);
    phases.mark('during: stored');

    // Back, empty: the processor rebuilds today's figures and the sliding windows from PostgreSQL.
    await redis.resume();
    phases.mark('Redis start');
    await liveEqualsStored();
    phases.mark('live state rebuilt');
    expect(services.process('stream-processor').output).toMatch(/live state rebuilt from the stored events after a cache outage/);

    // And goes on counting from there, each new event once.
    await sendAndStore('fault-redis-after', 4);
    await liveEqualsStored();
    const figures = await storedFigures();
    expect(figures.eventsToday).toBe(await stored());
    process.stdout.write(`fault-redis-outage: live figures ${JSON.stringify(figures)} (${phases})\n`);
  }, 240_000);
});

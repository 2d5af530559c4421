import { randomBytes } from 'node:crypto';
import { escapeIdentifier } from 'pg';
import { cleanEnv, freePort, ProcessUnderTest } from './support/process-under-test';
import { SseStream } from './support/sse-stream';
import { ADMIN_DATABASE_URL, deleteLiveState, KAFKA_BROKERS, REDIS_URL, runAsAdmin, skipOldBacklog, withDatabase } from './support/test-stack';

const ADMIN_TOKEN = 'dashboards-live-admin-token-0123456789';

interface LiveEvent {
  overview: { eventsToday: number; activeUsers: { last5Minutes: number } };
  widgets: Array<{ id: string; metric: string; value: number }>;
}

/**
 * Events sent over HTTP → Kafka → stream processor (PostgreSQL, Redis live state, a notice on pulse.live.v1)
 * → both dashboards replicas (each reads every notice) → the browsers' Server-Sent Events, on the built apps.
 */
describe('dashboards live counters, end to end on Kafka and Redis', () => {
  const database = `pulse_e2e_${randomBytes(6).toString('hex')}`;
  const databaseUrl = withDatabase(ADMIN_DATABASE_URL, database);
  const processes: ProcessUnderTest[] = [];
  const streams: SseStream[] = [];
  let tenantId: string | undefined;

  beforeAll(async () => {
    await skipOldBacklog('dashboards-live-e2e-admin');
    await runAsAdmin(`CREATE DATABASE ${escapeIdentifier(database)}`);
  });

  afterAll(async () => {
    for (const stream of streams) stream.close();
    await Promise.all(
      processes.map(async (started) => {
        started.signal('SIGTERM');
        await started.waitForExit(20_000).catch(() => started.kill());
      }),
    );
    await runAsAdmin(`DROP DATABASE IF EXISTS ${escapeIdentifier(database)} WITH (FORCE)`);
    if (tenantId) await deleteLiveState(tenantId);
  });

  async function start(app: 'ingestion' | 'stream-processor' | 'dashboards', extra: Record<string, string> = {}): Promise<string> {
    const port = await freePort();
    const started = new ProcessUnderTest(app, cleanEnv({ PORT: String(port), HOST: '127.0.0.1', KAFKA_BROKERS, DATABASE_URL: databaseUrl, REDIS_URL, ...extra }));
    processes.push(started);
    await started.waitForOutput(new RegExp(`${app} listening on`), 90_000).catch((error: Error) => {
      throw new Error(`the built ${app} did not start (Kafka, PostgreSQL and Redis must be up): ${error.message}`);
    });
    return `http://127.0.0.1:${port}`;
  }

  it('moves the live counter on both replicas’ streams as events are stored, without a reload', async () => {
    // The processor first: it migrates the fresh database (the others would wait on the same lock).
    await start('stream-processor');
    const [ingestion, dashboardsA, dashboardsB] = await Promise.all([start('ingestion', { ADMIN_TOKEN }), start('dashboards'), start('dashboards')]);

    const created = await fetch(`${ingestion}/v1/admin/tenants`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ slug: `live-${randomBytes(4).toString('hex')}`, name: 'Live', timeZone: 'Europe/Berlin', currency: 'EUR' }),
    });
    expect(created.status).toBe(201);
    const { tenant, writeKey, secretKey } = (await created.json()) as { tenant: { id: string }; writeKey: string; secretKey: { key: string } };
    tenantId = tenant.id;
    const auth = { authorization: `Bearer ${secretKey.key}` };

    const listed = (await (await fetch(`${dashboardsA}/v1/dashboards`, { headers: auth })).json()) as Array<{ id: string; prebuiltKey: string }>;
    const executive = listed.find((dashboard) => dashboard.prebuiltKey === 'executive_overview') ?? missing('executive overview');
    const detail = (await (await fetch(`${dashboardsB}/v1/dashboards/${executive.id}`, { headers: auth })).json()) as { widgets: Array<{ id: string; type: string }> };
    const counter = detail.widgets.find((widget) => widget.type === 'live_counter') ?? missing('live counter');

    const opened = await Promise.all([dashboardsA, dashboardsB].map((url) => SseStream.open(`${url}/v1/dashboards/${executive.id}/live`, auth)));
    for (const { stream, status } of opened) {
      streams.push(stream);
      expect(status).toBe(200);
    }
    const valueOf = (event: LiveEvent) => event.widgets.find((widget) => widget.id === counter.id)?.value ?? -1;
    for (const stream of streams) expect(valueOf((await stream.next<LiveEvent>('live', () => true, 10_000)).data)).toBe(0);

    let sent = 0;
    const send = async (users: number) => {
      const now = Date.now();
      const events = Array.from({ length: users }, () => {
        sent += 1;
        return { eventId: `live-${sent}`, type: 'page_view', timestamp: new Date(now).toISOString(), userId: `live-user-${sent}`, properties: { path: '/' } };
      });
      const answer = await fetch(`${ingestion}/v1/events/batch`, {
        method: 'POST',
        headers: { authorization: `Bearer ${writeKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ events }),
      });
      expect(answer.status).toBe(202);
    };

    // The replicas' consumer groups join within seconds of start; a push proves each one reads the notices.
    for (const stream of streams) {
      for (let attempt = 0; ; attempt++) {
        await send(1);
        try {
          await stream.next<LiveEvent>('live', (event) => valueOf(event) >= 1, 5_000);
          break;
        } catch (error) {
          if (attempt >= 8) throw error;
        }
      }
    }

    // Three more users: every replica's stream shows them all, pushed (the browser never asked again).
    const before = sent;
    await send(3);
    for (const stream of streams) {
      const { data } = await stream.next<LiveEvent>('live', (event) => valueOf(event) === before + 3, 20_000);
      expect(data.overview.activeUsers.last5Minutes).toBe(before + 3);
      expect(data.overview.eventsToday).toBe(before + 3);
    }
  });
});

function missing(what: string): never {
  throw new Error(`missing ${what}`);
}

import { TOPICS } from '@pulse/contracts';
import { randomBytes } from 'node:crypto';
import { Pool, type PoolClient } from 'pg';
import { BuiltServices } from './support/built-services';
import { EventSender, until } from './support/event-sender';
import { PhaseTimer } from './support/phase-timer';
import { PrivatePostgres } from './support/private-postgres';
import { ReadinessWatch } from './support/readiness-watch';
import { rollupMismatches, storedVersusAccepted } from './support/stored-events';
import { skipOldBacklog } from './support/test-stack';

const ADMIN_TOKEN = 'postgres-restart-admin-token-0123456789';
/** Long enough for batches to fail and be retried while it is down; short enough to keep the suite lean. */
const OUTAGE_MS = 8_000;

/**
 * HTTP → ingestion → Kafka → the built stream processor → a PostgreSQL of the test's own, which is stopped
 * for a few seconds and started again while events flow. The processor must retry its batches (offsets are
 * committed only after a batch's transaction), say it is not ready meanwhile, and end with every accepted
 * event stored once and rollups equal to what the raw rows add up to.
 */
describe('fault: PostgreSQL restarted while events are processed', () => {
  const group = `fault-pg-${randomBytes(4).toString('hex')}`;
  let postgres: PrivatePostgres | undefined;
  let services: BuiltServices | undefined;
  let sql: Pool | undefined;

  afterAll(async () => {
    await services?.stop();
    await sql?.end();
    await postgres?.destroy();
  });

  it('retries while PostgreSQL is down, is not ready meanwhile, and stores every accepted event exactly once', async () => {
    const phases = new PhaseTimer();
    postgres = await PrivatePostgres.start();
    const admin = new Pool({ connectionString: postgres.url(), max: 1 });
    await admin.query('CREATE DATABASE pulse');
    await admin.end();
    const pool = new Pool({ connectionString: postgres.url('pulse'), max: 2 });
    sql = pool;
    // Idle connections die with the server: that must not fail the test process.
    pool.on('error', () => undefined);

    // A group of its own, moved past what other suites left on the shared broker (and its quarantine past the old dead letters).
    await skipOldBacklog('fault-pg-admin', group);
    await skipOldBacklog('fault-pg-admin', `${group}-quarantine`, [TOPICS.deadLetter]);
    services = new BuiltServices(postgres.url('pulse'));
    const processor = await services.start('stream-processor', { PROCESSOR_GROUP_ID: group });
    const ingestion = await services.start('ingestion', { ADMIN_TOKEN });

    const created = await fetch(`${ingestion}/v1/admin/tenants`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        slug: `fault-pg-${randomBytes(4).toString('hex')}`,
        name: 'PostgreSQL restart',
        timeZone: 'Europe/Berlin',
        currency: 'EUR',
      }),
    });
    expect(created.status).toBe(201);
    const { tenant, writeKey } = (await created.json()) as { tenant: { id: string }; writeKey: string };
    phases.mark('PostgreSQL and services start');
    const stored = async () => Number((await pool.query('SELECT count(*) AS n FROM events WHERE tenant_id = $1', [tenant.id])).rows[0].n);

    const readiness = new ReadinessWatch(`${processor}/ready`);
    const sender = new EventSender(ingestion, writeKey, { clients: 2, batchSize: 10, pauseMs: 100, prefix: 'fault-pg' });
    sender.start();
    try {
      await until(
        async () => (await stored()) >= 300,
        60_000,
        async () => `300 stored events before the outage (have ${await stored()})`,
      );
      expect(await readiness.now()).toMatchObject({ status: 200 });

      phases.mark('300 stored');
      readiness.start();
      await postgres.stop();
      await until(
        () => readiness.seen(503),
        30_000,
        () => `the processor's /ready answering 503 while PostgreSQL is down; saw ${JSON.stringify(readiness.history.slice(-3))}`,
      );
      expect(readiness.history.find((entry) => entry.status === 503)?.body).toMatchObject({
        status: 'not_ready',
        checks: { postgres: expect.stringMatching(/^down: /) },
      });
      phases.mark('stop and not ready');
      await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
      const answeredBeforeRecovery = sender.answers.length;
      await postgres.resume();
      phases.mark('outage and PostgreSQL start');

      await until(
        () => readiness.seenAfter(503, 200),
        60_000,
        () => `the processor's /ready answering 200 again; saw ${JSON.stringify(readiness.history.slice(-3))}`,
      );
      phases.mark('ready again');
      await until(
        () => sender.countSince(answeredBeforeRecovery, 202) >= 20,
        60_000,
        () => `20 batches accepted after the restart`,
      );
    } finally {
      readiness.stop();
      await sender.stop();
    }

    const accepted = sender.acceptedIds();
    const onClient = async <T>(read: (client: PoolClient) => Promise<T>): Promise<T> => {
      const client = await pool.connect();
      try {
        return await read(client);
      } finally {
        client.release();
      }
    };
    const compared = () => onClient((client) => storedVersusAccepted(client, tenant.id, accepted));
    await until(
      async () => (await compared()).missing.length === 0,
      90_000,
      async () => `every accepted event stored: ${JSON.stringify(await compared())}`,
    );
    phases.mark('sending stopped, all stored');
    expect(await compared()).toEqual({ duplicates: 0, missing: [], unexpected: [] });
    for (const granularity of ['minute', 'hour', 'day'] as const) {
      const mismatches = await onClient((client) => rollupMismatches(client, tenant.id, granularity));
      expect({ granularity, mismatches }).toEqual({ granularity, mismatches: [] });
    }
    expect(services.process('stream-processor').running).toBe(true);
    // The processor said why it retried (its batches failed and were delivered again, nothing skipped).
    expect(services.process('stream-processor').output).toMatch(/failed, it will be delivered again/);
    process.stdout.write(
      `fault-postgres-restart: ${accepted.length} events accepted (statuses ${sender.statuses().join(', ')}), all stored once; ` +
        `${services.process('stream-processor').output.match(/will be delivered again/g)?.length ?? 0} batch attempts failed and were retried (${phases})\n`,
    );
  }, 240_000);
});

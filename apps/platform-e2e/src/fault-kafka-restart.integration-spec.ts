import { randomBytes } from 'node:crypto';
import { Client, escapeIdentifier } from 'pg';
import { BuiltServices } from './support/built-services';
import { EventSender, until } from './support/event-sender';
import { PhaseTimer } from './support/phase-timer';
import { PrivateKafka } from './support/private-kafka';
import { ReadinessWatch } from './support/readiness-watch';
import { rollupMismatches, storedVersusAccepted } from './support/stored-events';
import { ADMIN_DATABASE_URL, runAsAdmin, withDatabase } from './support/test-stack';

const ADMIN_TOKEN = 'kafka-restart-admin-token-0123456789';
/** Long enough for producers and the consumer to notice; short enough to keep the suite lean. */
const OUTAGE_MS = 5_000;

/**
 * Ingestion and the stream processor on a broker of the test's own, which is stopped (keeping its data) and
 * started again while clients send. Ingestion answers 503 meanwhile and never 202 for an event that is then
 * lost; producer and consumer reconnect by themselves; the processor says it is not ready while the broker is
 * away; every accepted event ends up stored once.
 */
describe('fault: Kafka restarted while events flow', () => {
  const database = `pulse_e2e_${randomBytes(6).toString('hex')}`;
  let kafka: PrivateKafka | undefined;
  let services: BuiltServices | undefined;
  let sql: Client | undefined;

  afterAll(async () => {
    await services?.stop();
    await sql?.end();
    await kafka?.destroy();
    await runAsAdmin(`DROP DATABASE IF EXISTS ${escapeIdentifier(database)} WITH (FORCE)`);
  });

  it('answers 503 while the broker is away, reconnects without restarts, and stores every accepted event once', async () => {
    const phases = new PhaseTimer();
    kafka = await PrivateKafka.start();
    phases.mark('broker start');
    await runAsAdmin(`CREATE DATABASE ${escapeIdentifier(database)}`);
    const databaseUrl = withDatabase(ADMIN_DATABASE_URL, database);
    sql = new Client({ connectionString: databaseUrl });
    await sql.connect();
    const db = sql;

    services = new BuiltServices(databaseUrl);
    const withBroker = { KAFKA_BROKERS: kafka.brokers };
    const processor = await services.start('stream-processor', withBroker);
    const ingestion = await services.start('ingestion', { ...withBroker, ADMIN_TOKEN });
    const created = await fetch(`${ingestion}/v1/admin/tenants`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        slug: `fault-kafka-${randomBytes(4).toString('hex')}`,
        name: 'Kafka restart',
        timeZone: 'Europe/Berlin',
        currency: 'EUR',
      }),
    });
    expect(created.status).toBe(201);
    const { tenant, writeKey } = (await created.json()) as { tenant: { id: string }; writeKey: string };
    phases.mark('services start');
    const stored = async () => Number((await db.query('SELECT count(*) AS n FROM events WHERE tenant_id = $1', [tenant.id])).rows[0].n);

    const readiness = new ReadinessWatch(`${processor}/ready`);
    const sender = new EventSender(ingestion, writeKey, { clients: 2, batchSize: 10, pauseMs: 100, prefix: 'fault-kafka' });
    sender.start();
    try {
      await until(
        async () => (await stored()) >= 300,
        90_000,
        async () => `300 stored events before the outage (have ${await stored()})`,
      );
      readiness.start();
      phases.mark('300 stored');

      await kafka.stop();
      phases.mark('broker stop');
      const answeredBeforeOutage = sender.answers.length;
      await until(
        () => sender.countSince(answeredBeforeOutage, 503) >= 2 && readiness.seen(503),
        60_000,
        () =>
          `503 answers and a not-ready processor while Kafka is down; answers ${JSON.stringify(sender.answers.slice(-2))}, ready ${JSON.stringify(readiness.history.slice(-1))}`,
      );
      phases.mark('503s and not ready');
      await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));

      expect(await kafka.resume()).toContain('keeping the existing data');
      phases.mark('broker restart');
      const answeredBeforeRecovery = sender.answers.length;
      await until(
        () => sender.countSince(answeredBeforeRecovery, 202) >= 20 && readiness.seenAfter(503, 200),
        90_000,
        () =>
          `20 batches accepted and a ready processor after the restart; answers ${JSON.stringify(sender.answers.slice(-2))}, ready ${JSON.stringify(readiness.history.slice(-1))}`,
      );
      phases.mark('202s and ready again');
    } finally {
      readiness.stop();
      await sender.stop();
    }

    expect(sender.statuses()).toEqual([202, 503]);
    const accepted = sender.acceptedIds();
    // A 503 may still have reached the broker (its acknowledgement was lost): such an event may be stored, once.
    const compared = () => storedVersusAccepted(db, tenant.id, accepted, sender.sentIds());
    const lag = async () =>
      (await (await fetch(`${processor}/metrics`)).text()).split('\n').filter((line) => line.startsWith('pulse_processor_consumer_lag{'));
    await until(
      async () => (await compared()).missing.length === 0,
      90_000,
      async () => `every accepted event stored: ${JSON.stringify(await compared())}; the processor's lag: ${(await lag()).join('; ')}`,
    );
    expect(await compared()).toEqual({ duplicates: 0, missing: [], unexpected: [] });
    phases.mark('all stored');
    for (const granularity of ['minute', 'hour', 'day'] as const) {
      expect({ granularity, mismatches: await rollupMismatches(db, tenant.id, granularity) }).toEqual({ granularity, mismatches: [] });
    }
    expect([services.process('ingestion').running, services.process('stream-processor').running]).toEqual([true, true]);
    process.stdout.write(
      `fault-kafka-restart: ${accepted.length} events accepted, ${sender.countSince(0, 503)} batches answered 503, every accepted one stored once (${phases})\n`,
    );
  }, 300_000);
});

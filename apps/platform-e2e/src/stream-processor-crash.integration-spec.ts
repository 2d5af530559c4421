import { randomBytes } from 'node:crypto';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { Client, escapeIdentifier } from 'pg';
import { cleanEnv, freePort, ProcessUnderTest } from './support/process-under-test';
import { deviceRollupMismatches, rate, rollupMismatches, waitForStored } from './support/stored-events';
import {
  ADMIN_DATABASE_URL,
  deleteLiveState,
  KAFKA_BROKERS,
  REDIS_URL,
  runAsAdmin,
  skipOldBacklog,
  withDatabase,
} from './support/test-stack';

const RAW_TOPIC = 'pulse.events.raw.v1';

const EVENT_COUNT = 60_000;
const USERS = 2_000;
/** Kill once this many are stored: well inside the stream. */
const KILL_AFTER_STORED = 8_000;

/**
 * Kill the built stream processor (SIGKILL: no drain, no commit) in the middle of a large stream,
 * restart it, and check that nothing was lost or stored twice and that the rollups, written in the
 * same transactions as the events, still equal what the raw events add up to.
 */
describe('stream processor killed mid-stream', () => {
  const database = `pulse_e2e_${randomBytes(6).toString('hex')}`;
  const databaseUrl = withDatabase(ADMIN_DATABASE_URL, database);
  let processor: ProcessUnderTest | undefined;
  let sql: Client;

  beforeAll(async () => {
    await skipOldBacklog('crash-e2e-admin');
    await runAsAdmin(`CREATE DATABASE ${escapeIdentifier(database)}`);
    sql = new Client({ connectionString: databaseUrl });
    await sql.connect();
  });

  afterAll(async () => {
    await processor?.kill();
    await sql?.end();
    await runAsAdmin(`DROP DATABASE IF EXISTS ${escapeIdentifier(database)} WITH (FORCE)`);
  });

  const storedCount = async (tenantId: string) =>
    Number((await sql.query(`SELECT count(*) AS n FROM events WHERE tenant_id = $1`, [tenantId])).rows[0].n);

  async function startProcessor(): Promise<ProcessUnderTest> {
    const started = new ProcessUnderTest(
      'stream-processor',
      cleanEnv({
        PORT: String(await freePort()),
        HOST: '127.0.0.1',
        KAFKA_BROKERS,
        DATABASE_URL: databaseUrl,
        REDIS_URL,
      }),
    );
    await started.waitForOutput(/stream-processor listening on/, 90_000).catch(async (error) => {
      throw new Error(`the built stream processor did not start (is Kafka running? bash tools/kafka/kafka.sh start): ${(error as Error).message}`);
    });
    return started;
  }

  it('stores every produced event exactly once after a SIGKILL and a restart, with rollups equal to the raw events', async () => {
    processor = await startProcessor();
    // The processor migrated the fresh database; the tenant is added now, as an admin would.
    const tenantId = (
      await sql.query(
        `INSERT INTO tenants (slug, name, write_key_hash, time_zone, currency) VALUES ($1, 'Crash test', $2, 'Europe/Berlin', 'EUR') RETURNING id`,
        [`crash-${database.slice(-12)}`, `hash-${database}`],
      )
    ).rows[0].id as string;

    const producing = produceStream(tenantId);
    const firstRun = await waitForStored(storedCount, tenantId, KILL_AFTER_STORED, 180_000);
    processor.signal('SIGKILL');
    await processor.waitForExit(10_000);
    await producing;
    const storedAtKill = await storedCount(tenantId);
    expect(storedAtKill).toBeLessThan(EVENT_COUNT);

    processor = await startProcessor();
    const secondRun = await waitForStored(storedCount, tenantId, EVENT_COUNT, 300_000);
    process.stdout.write(
      `stream processor throughput (PostgreSQL, ${EVENT_COUNT} events, one tenant): ` +
        `first run ${rate(firstRun)} events/s until killed at ${storedAtKill} stored; ` +
        `after restart ${rate(secondRun)} events/s (from the first new row, so the group rejoin is not counted)\n`,
    );

    const totals = await sql.query(
      `SELECT count(*)::int AS rows, count(DISTINCT event_id)::int AS ids, count(user_key)::int AS enriched FROM events WHERE tenant_id = $1`,
      [tenantId],
    );
    expect(totals.rows[0]).toEqual({ rows: EVENT_COUNT, ids: EVENT_COUNT, enriched: EVENT_COUNT });
    for (const granularity of ['minute', 'hour', 'day'] as const) {
      expect({ granularity, mismatches: await rollupMismatches(sql, tenantId, granularity) }).toEqual({ granularity, mismatches: [] });
    }
    expect(await deviceRollupMismatches(sql, tenantId)).toEqual([]);

    processor.signal('SIGTERM');
    expect((await processor.waitForExit(30_000)).code).toBe(0);
    await deleteLiveState(tenantId);
    // Bounded waits inside: start 90 s each, first stored events 180 s, catching up 300 s.
  }, 900_000);
});

/** 60k envelopes, mostly from the last minutes, some up to two days late, keyed by tenant + user. */
async function produceStream(tenantId: string): Promise<void> {
  const kafka = new Kafka({ clientId: 'crash-e2e', brokers: KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
  try {
    await producer.connect();
  } catch (error) {
    throw new Error(`Kafka is not reachable at ${KAFKA_BROKERS} (bash tools/kafka/kafka.sh start): ${(error as Error).message}`);
  }
  const now = Date.now();
  const agents = [
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  ];
  try {
    for (let start = 0; start < EVENT_COUNT; start += 2_000) {
      const messages = [];
      for (let index = start; index < Math.min(EVENT_COUNT, start + 2_000); index++) {
        const user = `user-${index % USERS}`;
        // Mostly live traffic (the last 20 minutes), one event in twenty late by up to two days.
        const age = index % 20 === 0 ? (index * 7919) % (47 * 3_600_000) : (index * 104_729) % (20 * 60_000);
        const timestamp = new Date(now - age).toISOString();
        const kind = index % 10;
        const event =
          kind === 0
            ? { type: 'purchase', properties: { order_id: `o-${index}`, revenue: ((index % 500) + 1) / 4, currency: 'EUR' } }
            : kind < 4
              ? { type: 'product_view', properties: { product_id: `p-${index % 300}`, category: `c-${index % 7}`, price: (index % 90) + 0.5 } }
              : { type: 'page_view', properties: { path: `/page/${index % 50}` } };
        messages.push({
          key: `${tenantId}:${user}`,
          value: JSON.stringify({
            schemaVersion: 1,
            tenantId,
            receivedAt: new Date(now).toISOString(),
            source: 'http',
            event: { eventId: `crash-${index}`, timestamp, userId: user, context: { userAgent: agents[index % 2] }, ...event },
          }),
        });
      }
      await producer.send({ topic: RAW_TOPIC, acks: -1, messages });
    }
  } finally {
    await producer.disconnect();
  }
}

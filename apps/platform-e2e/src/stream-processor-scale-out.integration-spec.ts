import { randomBytes, randomUUID } from 'node:crypto';
import { Kafka, logLevel, Partitioners, type Message } from 'kafkajs';
import { Client, escapeIdentifier } from 'pg';
import { cleanEnv, freePort, ProcessUnderTest } from './support/process-under-test';
import { deviceRollupMismatches, rollupMismatches, waitForStored } from './support/stored-events';
import { ADMIN_DATABASE_URL, deleteLiveState, KAFKA_BROKERS, REDIS_URL, runAsAdmin, skipOldBacklog, withDatabase } from './support/test-stack';

const RAW_TOPIC = 'pulse.events.raw.v1';
const PARTITIONS = 6;
const PERSONS = 600;
/** Half the persons browse anonymously first and identify later. */
const ANONYMOUS_VISITS = 3;
const IDENTIFIED_EVENTS = 30;
const PHASE_ONE = (PERSONS / 2) * ANONYMOUS_VISITS;
const PHASE_TWO = PERSONS / 2 + PERSONS * IDENTIFIED_EVENTS;
const TOTAL = PHASE_ONE + PHASE_TWO;
/** A third processor joins the group once this many are stored, and the first is killed at the next mark. */
const JOIN_AFTER_STORED = PHASE_ONE + Math.round(PHASE_TWO / 6);
const KILL_AFTER_STORED = PHASE_ONE + Math.round(PHASE_TWO / 3);

/**
 * Scale-out on the real broker: the built stream processor as two processes in one consumer group on a
 * 6-partition raw topic, a third started mid-stream, then the first SIGKILLed mid-stream, against a single
 * processor (its own group and database) reading the very same messages. Every event must be stored exactly
 * once, the group's rollups must equal a SQL recomputation from its raw rows, and its events (user keys,
 * session ids), identity links, session state and rollups must equal the single processor's.
 */
describe('stream processors scaled out in one consumer group', () => {
  const suffix = randomBytes(6).toString('hex');
  const groupDatabase = `pulse_e2e_group_${suffix}`;
  const singleDatabase = `pulse_e2e_single_${suffix}`;
  const groupId = `pulse-scale-group-${suffix}`;
  const singleGroupId = `pulse-scale-single-${suffix}`;
  const tenantId = randomUUID();
  const processes: ProcessUnderTest[] = [];
  let groupSql: Client;
  let singleSql: Client;

  beforeAll(async () => {
    await ensurePartitions(RAW_TOPIC, PARTITIONS);
    for (const group of [groupId, singleGroupId]) await skipOldBacklog('scale-out-e2e-admin', group);
    for (const database of [groupDatabase, singleDatabase]) await runAsAdmin(`CREATE DATABASE ${escapeIdentifier(database)}`);
    groupSql = new Client({ connectionString: withDatabase(ADMIN_DATABASE_URL, groupDatabase) });
    singleSql = new Client({ connectionString: withDatabase(ADMIN_DATABASE_URL, singleDatabase) });
    await groupSql.connect();
    await singleSql.connect();
  }, 120_000);

  afterAll(async () => {
    for (const started of processes) await started.kill();
    await groupSql?.end();
    await singleSql?.end();
    for (const database of [groupDatabase, singleDatabase]) await runAsAdmin(`DROP DATABASE IF EXISTS ${escapeIdentifier(database)} WITH (FORCE)`);
    await deleteLiveState(tenantId);
  });

  async function startProcessor(database: string, group: string): Promise<ProcessUnderTest> {
    const started = new ProcessUnderTest(
      'stream-processor',
      cleanEnv({
        PORT: String(await freePort()),
        HOST: '127.0.0.1',
        KAFKA_BROKERS,
        DATABASE_URL: withDatabase(ADMIN_DATABASE_URL, database),
        REDIS_URL,
        PROCESSOR_GROUP_ID: group,
      }),
    );
    processes.push(started);
    await started.waitForOutput(/stream-processor listening on/, 90_000);
    return started;
  }

  const stored = (sql: Client) => async (tenant: string) =>
    Number((await sql.query(`SELECT count(*) AS n FROM events WHERE tenant_id = $1`, [tenant])).rows[0].n);

  it('stores every event once with a member killed and one added, and ends as a single processor does', async () => {
    const single = await startProcessor(singleDatabase, singleGroupId);
    const first = await startProcessor(groupDatabase, groupId);
    await startProcessor(groupDatabase, groupId);
    // The processors migrated their databases; the tenant is added to both, as an admin would.
    for (const sql of [groupSql, singleSql]) {
      await sql.query(
        `INSERT INTO tenants (id, slug, name, write_key_hash, time_zone, currency) VALUES ($1, $2, 'Scale-out test', $3, 'Europe/Berlin', 'EUR')`,
        [tenantId, `scale-${suffix}`, `hash-${suffix}`],
      );
    }

    const stream = personStream(tenantId, Date.now());
    // Anonymous visits first, all stored, so that which user key an event gets never depends on how two
    // partitions' batches interleave (an identify and the anonymous events it links travel on different keys).
    await produce(stream.phaseOne);
    await waitForStored(stored(groupSql), tenantId, PHASE_ONE, 180_000);
    await waitForStored(stored(singleSql), tenantId, PHASE_ONE, 180_000);

    const producedAt = Date.now();
    const producing = produce(stream.phaseTwo);
    await waitForStored(stored(groupSql), tenantId, JOIN_AFTER_STORED, 180_000);
    await startProcessor(groupDatabase, groupId);
    await waitForStored(stored(groupSql), tenantId, KILL_AFTER_STORED, 180_000);
    first.signal('SIGKILL');
    await first.waitForExit(10_000);
    await producing;
    await waitForStored(stored(groupSql), tenantId, TOTAL, 300_000);
    const groupSeconds = (Date.now() - producedAt) / 1000;
    await waitForStored(stored(singleSql), tenantId, TOTAL, 300_000);
    const singleSeconds = (Date.now() - producedAt) / 1000;
    // Informative only (the rebalances after the join and the kill dominate at this size): never asserted.
    process.stdout.write(
      `scale-out (${PHASE_TWO} events of phase two, ${PARTITIONS} partitions): the group (2, then 3, then 2 after the kill) stored them ` +
        `${groupSeconds.toFixed(1)} s after production began; the single processor alongside by ${singleSeconds.toFixed(1)} s\n`,
    );

    // Exactly once, every event enriched with a user key and a session.
    const totals = await groupSql.query(
      `SELECT count(*)::int AS rows, count(DISTINCT event_id)::int AS ids, count(user_key)::int AS keyed, count(session_id)::int AS sessions
         FROM events WHERE tenant_id = $1`,
      [tenantId],
    );
    expect(totals.rows[0]).toEqual({ rows: TOTAL, ids: TOTAL, keyed: TOTAL, sessions: TOTAL });
    // The group's rollups equal what its raw rows add up to.
    for (const granularity of ['minute', 'hour', 'day'] as const) {
      expect({ granularity, mismatches: await rollupMismatches(groupSql, tenantId, granularity) }).toEqual({ granularity, mismatches: [] });
    }
    // Identify events belong to the identity category, which has no device rollups.
    expect(await deviceRollupMismatches(groupSql, tenantId, ['identify'])).toEqual([]);

    // And everything the processor derives equals the single processor's answer for the same messages.
    const derived = [
      `SELECT event_id, user_key, session_id FROM events WHERE tenant_id = $1 ORDER BY event_id COLLATE "C"`,
      `SELECT from_id, to_id, source_event_id FROM identity_links WHERE tenant_id = $1 ORDER BY from_id COLLATE "C"`,
      `SELECT user_key, sessions FROM user_sessions WHERE tenant_id = $1 ORDER BY user_key COLLATE "C"`,
      `SELECT granularity, bucket_label, event_type, dimension_set, dimensions, event_count::text, unique_users
         FROM event_rollups WHERE tenant_id = $1
        ORDER BY granularity, bucket_label, event_type, dimension_set, dimensions::text COLLATE "C"`,
    ];
    for (const statement of derived) {
      const [group, alone] = await Promise.all([groupSql.query(statement, [tenantId]), singleSql.query(statement, [tenantId])]);
      expect(group.rows.length).toBeGreaterThan(0);
      expect({ statement, rows: group.rows }).toEqual({ statement, rows: alone.rows });
    }
    const links = await groupSql.query(`SELECT count(*)::int AS n FROM identity_links WHERE tenant_id = $1`, [tenantId]);
    expect(links.rows[0].n).toBe(PERSONS / 2);

    for (const started of [...processes.slice(2), single]) started.signal('SIGTERM');
    // Bounded waits inside: starts 90 s each, phase one 180 s, the join and the kill 180 s each, catching up 300 s.
  }, 1_200_000);
});

/** The raw topic with at least `count` partitions (the broker's default may be fewer). */
async function ensurePartitions(topic: string, count: number): Promise<void> {
  const admin = new Kafka({ clientId: 'scale-out-e2e-admin', brokers: KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: count }] });
    const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
    const current = metadata.topics[0].partitions.length;
    if (current < count) await admin.createPartitions({ topicPartitions: [{ topic, count }] });
  } finally {
    await admin.disconnect();
  }
}

async function produce(messages: Message[]): Promise<void> {
  const kafka = new Kafka({ clientId: 'scale-out-e2e', brokers: KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  try {
    for (let start = 0; start < messages.length; start += 1_000) {
      await producer.send({ topic: RAW_TOPIC, acks: -1, messages: messages.slice(start, start + 1_000) });
    }
  } finally {
    await producer.disconnect();
  }
}

/**
 * Persons as the ingestion service keys them (tenant + user id, or the anonymous id): the odd ones visit
 * anonymously three times (phase one), then every odd one identifies and every person sends 30 events over
 * the last three hours with gaps that open new sessions, some purchases with revenue, a few events late by
 * up to a day (phase two).
 */
function personStream(tenantId: string, now: number): { phaseOne: Message[]; phaseTwo: Message[] } {
  const agents = [
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  ];
  const envelope = (key: string, event: Record<string, unknown>): Message => ({
    key: `${tenantId}:${key}`,
    value: JSON.stringify({ schemaVersion: 1, tenantId, receivedAt: new Date(now).toISOString(), source: 'http', event }),
  });
  const phaseOne: Message[] = [];
  const phaseTwo: Message[] = [];
  for (let person = 0; person < PERSONS; person++) {
    const userId = `user-${person}`;
    const anonymousId = `anon-${person}`;
    const context = { userAgent: agents[person % 2] };
    const anonymous = person % 2 === 1;
    if (anonymous) {
      for (let visit = 0; visit < ANONYMOUS_VISITS; visit++) {
        const timestamp = new Date(now - 4 * 3_600_000 + visit * 5 * 60_000 + person * 1_000).toISOString();
        phaseOne.push(envelope(anonymousId, { eventId: `a-${person}-${visit}`, type: 'page_view', timestamp, anonymousId, context, properties: { path: `/landing/${visit}` } }));
      }
      const identifiedAt = new Date(now - 3 * 3_600_000 + person * 1_000).toISOString();
      phaseTwo.push(envelope(userId, { eventId: `i-${person}`, type: 'identify', timestamp: identifiedAt, userId, anonymousId, context, properties: { traits: { plan: 'pro' } } }));
    }
    for (let index = 0; index < IDENTIFIED_EVENTS; index++) {
      // Every tenth event starts after a 45-minute gap (a new session); one in fifteen is a day late.
      const late = (person + index) % 15 === 0;
      const offset = index * 4 * 60_000 + Math.floor(index / 10) * 45 * 60_000 + person * 1_000;
      const timestamp = new Date(late ? now - 26 * 3_600_000 + offset : now - 3 * 3_600_000 + 60_000 + offset).toISOString();
      const kind = (person + index) % 10;
      const event =
        kind === 0
          ? { type: 'purchase', properties: { order_id: `o-${person}-${index}`, revenue: ((person * 31 + index) % 400) / 4 + 1, currency: 'EUR' } }
          : kind < 4
            ? { type: 'product_view', properties: { product_id: `p-${(person + index) % 90}`, category: `c-${index % 5}` } }
            : { type: 'page_view', properties: { path: `/page/${index % 20}` } };
      phaseTwo.push(envelope(userId, { eventId: `e-${person}-${index}`, timestamp, userId, context, ...event }));
    }
  }
  return { phaseOne, phaseTwo };
}

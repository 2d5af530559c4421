// Backup and restore, checked end to end with the built stream processor (docs/OPERATIONS.md, "Back up"):
//   export NX_DAEMON=false NX_NO_CLOUD=true; npx nx run stream-processor:build
//   node -r @swc-node/register tools/bench/restore-check.ts [--events=20000]
// 1. a processor stores the first half of the events; `pg_dump -Fc` of its database (the backup);
// 2. it stores the second half (what happens after the backup); the database's figures are the reference;
// 3. `pg_restore` of the dump into a new database (the restore: it lacks the second half); the consumer group is
//    rewound to the topic's start (to before the backup) and a processor is started on the restored database;
// 4. once it has caught up, the restored database must equal the reference (events, rollups, sessions, first-seen,
//    active days) and the processor must have counted the first half as duplicates.
// Exits 1 on any difference. Own topics (PROCESSOR_TOPIC_PREFIX) and databases, removed afterwards.
import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import {
  BROKERS,
  createMigratedDatabase,
  deleteTenantRedisKeys,
  dropDatabase,
  httpGet,
  logger,
  PG,
  produceMessages,
  shopEnvelope,
  sleep,
  startProcessor,
  stopProcessors,
  withDatabase,
} from './built-processor';

const EVENTS = Number(process.argv.find((a) => a.startsWith('--events='))?.split('=')[1] ?? '20000');
const RUN = randomBytes(4).toString('hex');
const PREFIX = `restore-check-${RUN}.`;
const RAW_TOPIC = `${PREFIX}pulse.events.raw.v1`;
const GROUP = `${PREFIX}processor`;
const SOURCE_DB = `pulse_restore_${RUN}_source`;
const RESTORED_DB = `pulse_restore_${RUN}_restored`;
const DUMP = join(tmpdir(), `pulse-restore-${RUN}.dump`);
const TENANT = randomUUID();
const PORT = 3950 + Math.floor(Math.random() * 40);
const log = logger('restore');
const kafka = new Kafka({ clientId: `pulse-restore-check-${RUN}`, brokers: BROKERS.split(','), logLevel: logLevel.NOTHING });

/** What a restore must bring back, as comparable text. */
const FIGURES = {
  events: `SELECT count(*)::int AS n, count(DISTINCT "event_id")::int AS ids, coalesce(sum(("properties"->>'revenue')::numeric), 0)::text AS revenue FROM "events"`,
  rollups: `SELECT "granularity", count(*)::int AS rows, sum("event_count")::text AS events, sum("unique_users")::text AS users FROM "event_rollups" GROUP BY 1 ORDER BY 1`,
  rollupUsers: `SELECT count(*)::int AS n FROM "event_rollup_users"`,
  sessions: `SELECT md5(string_agg("user_key" || "sessions"::text, ',' ORDER BY "user_key")) AS digest FROM "user_sessions"`,
  firstSeen: `SELECT md5(string_agg("event_type" || "user_key" || "first_at"::text, ',' ORDER BY "event_type", "user_key")) AS digest FROM "person_first_seen"`,
  activeDays: `SELECT count(*)::int AS n FROM "person_active_days"`,
};

async function figures(database: string): Promise<Record<string, unknown>> {
  return withDatabase(database, async (client) => {
    const answer: Record<string, unknown> = {};
    for (const [name, query] of Object.entries(FIGURES)) answer[name] = (await client.query(query)).rows;
    return answer;
  });
}

/** Runs a processor on `database` until it has stored `expected` events; answers its duplicate count. */
async function processUntilStored(database: string, expected: number): Promise<number> {
  const child = startProcessor({ databaseUrl: `${PG}/${database}`, group: GROUP, topicPrefix: PREFIX, port: PORT }, log);
  try {
    const end = Date.now() + 600_000;
    for (;;) {
      const stored = await withDatabase(
        database,
        async (client) => (await client.query(`SELECT count(*)::int AS n FROM events`)).rows[0].n as number,
      );
      if (stored >= expected) break;
      if (Date.now() > end || child.exitCode !== null) throw new Error(`${stored} of ${expected} events stored in ${database}`);
      await sleep(1000);
    }
    await sleep(3000); // the offsets of the last batch committed
    const metrics = (await httpGet(PORT, '/metrics')).body;
    return [...metrics.matchAll(/^pulse_processor_events_duplicate_total(?:\{[^}]*\})? (\d+)/gm)].reduce((sum, match) => sum + Number(match[1]), 0);
  } finally {
    await stopProcessors([child]);
  }
}

async function main(): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  let failed = false;
  try {
    await createMigratedDatabase(
      SOURCE_DB,
      { id: TENANT, slug: `restore-${RUN}` },
      { group: `${PREFIX}migrate`, topicPrefix: PREFIX, port: PORT },
      log,
    );
    await admin.createTopics({ topics: [{ topic: RAW_TOPIC, numPartitions: 6, replicationFactor: 1 }], waitForLeaders: true });
    const now = Date.now();
    const make = (index: number) => shopEnvelope(`restore-${RUN}`, TENANT, index, { total: EVENTS, users: 2000, now });
    const half = Math.floor(EVENTS / 2);

    await produceMessages(kafka, RAW_TOPIC, { from: 0, to: half }, make);
    await processUntilStored(SOURCE_DB, half);
    execFileSync('pg_dump', ['-Fc', '-f', DUMP, `${PG}/${SOURCE_DB}`]);
    log(`backup taken with ${half} events stored`);

    await produceMessages(kafka, RAW_TOPIC, { from: half, to: EVENTS }, make);
    await processUntilStored(SOURCE_DB, EVENTS);
    const reference = await figures(SOURCE_DB);

    await withDatabase('postgres', (client) => client.query(`CREATE DATABASE "${RESTORED_DB}"`));
    execFileSync('pg_restore', ['--no-owner', '-d', `${PG}/${RESTORED_DB}`, DUMP]);
    const restoredEvents = ((await figures(RESTORED_DB))['events'] as Array<{ n: number }>)[0].n;
    log(`restored: ${restoredEvents} events; rewinding ${GROUP} to the topic's start`);
    await admin.resetOffsets({ groupId: GROUP, topic: RAW_TOPIC, earliest: true });
    const duplicates = await processUntilStored(RESTORED_DB, EVENTS);
    const restored = await figures(RESTORED_DB);

    const same = JSON.stringify(restored) === JSON.stringify(reference);
    const result = { events: EVENTS, inBackup: restoredEvents, duplicatesCounted: duplicates, sameAsReference: same, reference, restored };
    console.log(JSON.stringify(result, null, 2));
    failed = !same || restoredEvents !== half || duplicates !== half;
  } finally {
    for (const database of [SOURCE_DB, RESTORED_DB]) await dropDatabase(database, log);
    rmSync(DUMP, { force: true });
    const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(PREFIX));
    await admin.deleteTopics({ topics, timeout: 30_000 }).catch((error: Error) => log(`delete topics: ${error.message}`));
    for (const group of [GROUP, `${PREFIX}migrate`]) await admin.deleteGroups([group]).catch(() => undefined);
    await admin.disconnect();
    await deleteTenantRedisKeys(TENANT).catch((error: Error) => log(`redis: ${error.message}`));
  }
  if (failed) {
    log('the restored database differs from the reference (see above)');
    process.exit(1);
  }
  log('restored database equals the reference');
}

main().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});

// Stored events/s of the built stream processor with 1, 2, 3… replicas in one consumer group: how it grows with
// replicas, and where the ceiling is. Bounded, cleans up after itself (its topics, groups, databases, Redis keys).
// Build first, then run:
//   export NX_DAEMON=false NX_NO_CLOUD=true; npx nx run stream-processor:build
//   node -r @swc-node/register tools/bench/processor-scale-bench.ts [--events=200000] [--replicas=1,2,3]
//        [--partitions=6] [--users=20000] [--timeout=900] [--out=tools/bench/results/<file>.json]
// Pre-loads --events onto a fresh raw topic (--partitions, produced directly with kafkajs, keyed tenant:user as
// ingestion keys them), then for each replica count starts that many built processors (a fresh database copied
// from a migrated template, a fresh consumer group from the topic's start) and counts stored events in PostgreSQL
// each second until all are stored. The rate is taken between 10 % and 90 % stored (start-up, group joins and the
// last partitions' tail excluded); CPU per process and PostgreSQL's CPU over the same window; the load average
// sampled throughout. The topics are `bench-scale-<run>.<contract name>` (PROCESSOR_TOPIC_PREFIX) on the shared
// broker. Needs PostgreSQL (127.0.0.1:5432, user postgres), Redis (6379), Kafka (9092). See docs/BENCHMARKS.md.
import type { ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { Client } from 'pg';
import {
  BROKERS,
  createMigratedDatabase,
  deleteTenantRedisKeys,
  dropDatabase,
  logger,
  PG,
  produceMessages,
  shopEnvelope,
  sleep,
  startProcessor,
  stopProcessors,
  withDatabase,
} from './built-processor';

const arg = (name: string, fallback: string): string => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;

const EVENTS = Number(arg('events', '200000'));
const REPLICAS = arg('replicas', '1,2,3').split(',').map(Number);
const PARTITIONS = Number(arg('partitions', '6'));
const USERS = Number(arg('users', '20000'));
const TIMEOUT_S = Number(arg('timeout', '900'));
const OUT = arg('out', '');

const RUN = randomBytes(4).toString('hex');
const PREFIX = `bench-scale-${RUN}.`;
const RAW_TOPIC = `${PREFIX}pulse.events.raw.v1`;
const TEMPLATE_DB = `pulse_scale_${RUN}_template`;
const TENANT = randomUUID();
const log = logger('scale');

const kafka = new Kafka({ clientId: `pulse-scale-bench-${RUN}`, brokers: BROKERS.split(','), logLevel: logLevel.NOTHING });
const databases: string[] = [];
const groups: string[] = [];
const children: ChildProcess[] = [];

/** CPU seconds (user + system) a process has used, from /proc/<pid>/stat (100 ticks a second). */
function cpuSecondsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Every `postgres` process together (backends, WAL writer, checkpointer): other helpers' work counts too. */
function postgresCpuSeconds(): number {
  let total = 0;
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres') total += cpuSecondsOf(Number(pid));
    } catch {
      // exited meanwhile
    }
  }
  return total;
}

async function migratedTemplate(): Promise<void> {
  databases.push(TEMPLATE_DB);
  groups.push(`${PREFIX}template`);
  const port = 3900 + Math.floor(Math.random() * 90);
  await createMigratedDatabase(TEMPLATE_DB, { id: TENANT, slug: `scale-${RUN}` }, { group: `${PREFIX}template`, topicPrefix: PREFIX, port }, log);
}

// ---------- Kafka ----------
async function preload(kafkaAdmin: Admin): Promise<number> {
  await kafkaAdmin.createTopics({ topics: [{ topic: RAW_TOPIC, numPartitions: PARTITIONS, replicationFactor: 1 }], waitForLeaders: true });
  const started = Date.now();
  const now = Date.now();
  await produceMessages(kafka, RAW_TOPIC, { from: 0, to: EVENTS }, (index) =>
    shopEnvelope(`scale-${RUN}`, TENANT, index, { total: EVENTS, users: USERS, now }),
  );
  return (Date.now() - started) / 1000;
}

async function cleanKafka(kafkaAdmin: Admin): Promise<void> {
  const topics = (await kafkaAdmin.listTopics()).filter((topic) => topic.startsWith(PREFIX));
  if (topics.length > 0) await kafkaAdmin.deleteTopics({ topics, timeout: 30_000 }).catch((error: Error) => log(`delete topics: ${error.message}`));
  // One at a time: a group that never committed an offset is unknown to the broker, which fails a joint delete.
  for (const group of groups) await kafkaAdmin.deleteGroups([group]).catch(() => undefined);
  log(`deleted topics ${topics.join(', ')} and groups ${groups.join(', ')}`);
}

// ---------- one measurement ----------
interface Sample {
  at: number;
  stored: number;
  cpu: number[];
  postgres: number;
}

async function measure(replicas: number): Promise<Record<string, unknown>> {
  const database = `pulse_scale_${RUN}_r${replicas}`;
  await withDatabase('postgres', (client) => client.query(`CREATE DATABASE "${database}" TEMPLATE "${TEMPLATE_DB}"`));
  databases.push(database);
  const group = `${PREFIX}r${replicas}`;
  groups.push(group);
  const counter = new Client({ connectionString: `${PG}/${database}` });
  await counter.connect();
  const ports = Array.from({ length: replicas }, (_, index) => 3800 + replicas * 10 + index);
  const processes = ports.map((port) => startProcessor({ databaseUrl: `${PG}/${database}`, group, topicPrefix: PREFIX, port }, log));
  children.push(...processes);
  const samples: Sample[] = [];
  const loads: number[][] = [];
  const started = Date.now();
  try {
    for (;;) {
      const [{ n }] = (await counter.query(`SELECT count(*)::int AS n FROM events`)).rows;
      samples.push({ at: Date.now(), stored: n, cpu: processes.map((child) => cpuSecondsOf(child.pid as number)), postgres: postgresCpuSeconds() });
      loads.push(loadavg());
      if (n >= EVENTS) break;
      if (Date.now() - started > TIMEOUT_S * 1000) throw new Error(`${replicas} replica(s): ${n} of ${EVENTS} stored after ${TIMEOUT_S} s`);
      if (processes.some((child) => child.exitCode !== null)) throw new Error(`${replicas} replica(s): a processor exited`);
      await sleep(1000);
    }
  } finally {
    await counter.end();
    await stopProcessors(processes);
    await dropDatabase(database, log);
  }
  const first = samples.find((sample) => sample.stored > 0) ?? samples[0];
  const at10 = samples.find((sample) => sample.stored >= EVENTS * 0.1) ?? first;
  const at90 = samples.find((sample) => sample.stored >= EVENTS * 0.9) ?? samples[samples.length - 1];
  const last = samples[samples.length - 1];
  const windowS = (at90.at - at10.at) / 1000;
  const perProcessCpu = at90.cpu.map((cpu, index) => Math.round(((cpu - at10.cpu[index]) / windowS) * 100));
  const round = (value: number) => Math.round(value * 10) / 10;
  return {
    replicas,
    eventsPerSecond10to90: Math.round((at90.stored - at10.stored) / windowS),
    eventsPerSecondFirstToLast: Math.round((last.stored - first.stored) / ((last.at - first.at) / 1000)),
    secondsFromStartToAllStored: round((last.at - started) / 1000),
    secondsFromFirstStoredToAll: round((last.at - first.at) / 1000),
    cpuPercentPerProcess: perProcessCpu,
    cpuPercentProcessorsTotal: perProcessCpu.reduce((sum, value) => sum + value, 0),
    cpuPercentPostgres: Math.round(((at90.postgres - at10.postgres) / windowS) * 100),
    processorCpuMicrosPerEvent: Math.round(
      ((at90.cpu.reduce((a, b) => a + b, 0) - at10.cpu.reduce((a, b) => a + b, 0)) * 1e6) / (at90.stored - at10.stored),
    ),
    postgresCpuMicrosPerEvent: Math.round(((at90.postgres - at10.postgres) * 1e6) / (at90.stored - at10.stored)),
    loadAverage1mMax: Math.max(...loads.map((load) => load[0])),
    loadAverage1mMean: round(loads.reduce((sum, load) => sum + load[0], 0) / loads.length),
  };
}

async function main(): Promise<void> {
  const results: Record<string, unknown> = {
    run: RUN,
    startedAt: new Date().toISOString(),
    config: { events: EVENTS, replicas: REPLICAS, partitions: PARTITIONS, users: USERS },
    machine: { cpus: cpus().length, model: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 1e9), loadAverageAtStart: loadavg() },
  };
  const kafkaAdmin = kafka.admin();
  await kafkaAdmin.connect();
  const cleanup = async () => {
    await stopProcessors(children);
    for (const database of databases) await dropDatabase(database, log);
    await cleanKafka(kafkaAdmin);
    await deleteTenantRedisKeys(TENANT)
      .then((removed) => log(`deleted ${removed} Redis keys of the bench tenant`))
      .catch((error: Error) => log(`redis: ${error.message}`));
    await kafkaAdmin.disconnect();
  };
  process.once('SIGINT', () => void cleanup().finally(() => process.exit(130)));
  try {
    log(`migrating the template database ${TEMPLATE_DB}`);
    await migratedTemplate();
    log(`producing ${EVENTS} events of ${USERS} users onto ${RAW_TOPIC} (${PARTITIONS} partitions)`);
    results['preloadSeconds'] = await preload(kafkaAdmin);
    const runs = [];
    for (const replicas of REPLICAS) {
      log(`${replicas} replica(s)…`);
      const figures = await measure(replicas);
      log(JSON.stringify(figures));
      runs.push(figures);
    }
    results['runs'] = runs;
    results['finishedAt'] = new Date().toISOString();
  } finally {
    await cleanup();
  }
  const json = JSON.stringify(results, null, 2);
  if (OUT) writeFileSync(OUT, `${json}\n`);
  console.log(json);
}

main().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});

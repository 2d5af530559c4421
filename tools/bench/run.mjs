// Pulse benchmark: one command, bounded, cleans up after itself. Builds nothing: first run
//   export NX_DAEMON=false NX_NO_CLOUD=true
//   npx nx run-many -t build -p ingestion stream-processor insights
// then
//   node tools/bench/run.mjs [--events=200000] [--batch=500] [--clients=8] [--rate=1000] [--seconds=20]
//                            [--overview=2000] [--cpu-prof] [--out=tools/bench/results/<file>.json]
//                            [--phases=throughput,single,overview,copy] [--single-without-processor] [--single-warmup=10]
//                            [--violations=0,0.05,0,0.05]
// --child-node-options: NODE_OPTIONS of the services (default as k8s/base (each Deployment) sets it).
// --single-warmup: seconds sent at the same rate before latencies are recorded (a cold process's JIT and
// connection warm-up otherwise dominate the first windows; a deployed service is warm).
// --violations: the throughput phase once per share listed, in that order, each with fresh events; that share
// of them breaks a property rule of its type (stored with violations under the default lenient policy), so
// clean and violating runs are compared within one run.
// --single-without-processor stops the stream processor before the single-event phase, so the latency is
// ingestion + Kafka alone (no end-to-end lag then): tells ingestion's own cost from sharing the cores.
// Needs PostgreSQL (127.0.0.1:5432, user postgres), Redis (6379), Kafka (9092) and `psql` on PATH.
// See docs/BENCHMARKS.md for what each phase measures.
import { spawn, execFile } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync, mkdirSync, rmSync, existsSync } from 'node:fs';
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { arg, loadavg, logger, pct, sleep } from './bench-common.mjs';
import { createLoadGenerator } from './load-generator.mjs';

const require = createRequire(import.meta.url);
const { Kafka, logLevel } = require('kafkajs');
const pg = require('pg');

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CFG = {
  events: Number(arg('events', 200000)),
  batch: Number(arg('batch', 500)),
  clients: Number(arg('clients', 8)),
  rate: Number(arg('rate', 1000)),
  seconds: Number(arg('seconds', 20)),
  overview: Number(arg('overview', 2000)),
  cpuProf: Boolean(arg('cpu-prof', false)),
  storeTimeoutS: Number(arg('store-timeout', 300)),
  drainS: Number(arg('drain', 60)),
  waitGroupS: Number(arg('wait-group', 300)),
  skipBacklog: Boolean(arg('skip-backlog', false)),
  phases: new Set(String(arg('phases', 'throughput,single,overview,copy')).split(',')),
  singleWithoutProcessor: Boolean(arg('single-without-processor', false)),
  singleWarmupS: Number(arg('single-warmup', 10)),
  violationShares: String(arg('violations', '0')).split(',').map(Number),
  // What k8s/base (each Deployment) gives every service (NODE_OPTIONS), so RSS is measured as deployed.
  childNodeOptions: String(arg('child-node-options', '--max-semi-space-size=4 --max-old-space-size=1024')),
  pg: process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432',
  redis: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  brokers: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092',
  basePort: Number(arg('base-port', 3701)),
};
const RUN = randomBytes(4).toString('hex');
const DB = `pulse_bench_${RUN}`;
const DB_URL = `${CFG.pg}/${DB}`;
const ADMIN_TOKEN = `bench-admin-${randomBytes(12).toString('hex')}`;
const SCRATCH_TOPIC = `pulse-bench-${RUN}`;
const PROF_DIR = join(ROOT, 'tmp', 'bench-prof', RUN);
const results = { run: RUN, startedAt: new Date().toISOString(), config: { ...CFG }, machine: {}, phases: {}, errors: [] };

const log = logger('bench');
const summary = (values) => {
  const s = Float64Array.from(values).sort();
  const r = (x) => Math.round(x * 100) / 100;
  return { n: s.length, p50: r(pct(s, 50)), p95: r(pct(s, 95)), p99: r(pct(s, 99)), max: r(s[s.length - 1]) };
};

// ---------- HTTP (keep-alive, node:http: lighter than fetch, so the client steals less CPU) ----------
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
function request(port, method, path, { body, headers = {} } = {}) {
  return new Promise((resolveReq, reject) => {
    const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    const req = http.request(
      { host: '127.0.0.1', port, method, path, agent, headers: { ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}), ...headers } },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json;
          try { json = text ? JSON.parse(text) : undefined; } catch { json = text; }
          resolveReq({ status: res.statusCode, body: json });
        });
      },
    );
    req.setTimeout(30000, () => req.destroy(new Error(`timeout ${method} ${path}`)));
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

// ---------- child processes ----------
const children = new Map(); // name -> { proc, port, rssMaxKb, logFile }
function startApp(name, port) {
  const file = join(ROOT, 'dist/apps', name, 'main.js');
  if (!existsSync(file)) throw new Error(`${file} missing: run npx nx run-many -t build -p ingestion stream-processor insights`);
  const nodeArgs = CFG.cpuProf && name !== 'insights' ? ['--cpu-prof', `--cpu-prof-dir=${PROF_DIR}`, `--cpu-prof-name=${name}.cpuprofile`] : [];
  const proc = spawn(process.execPath, [...nodeArgs, file], {
    cwd: ROOT,
    env: { ...process.env, NODE_OPTIONS: CFG.childNodeOptions, KAFKA_BROKERS: CFG.brokers, DATABASE_URL: DB_URL, REDIS_URL: CFG.redis, PORT: String(port), HOST: '127.0.0.1', ADMIN_TOKEN, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const entry = { proc, port, rssMaxKb: 0, tail: [], exited: null };
  const keep = (d) => { entry.tail.push(d.toString()); if (entry.tail.length > 40) entry.tail.shift(); };
  proc.stdout.on('data', keep);
  proc.stderr.on('data', keep);
  proc.on('exit', (code, signal) => { entry.exited = { code, signal }; });
  children.set(name, entry);
  return entry;
}
async function waitReady(name, timeoutMs = 90000) {
  const entry = children.get(name);
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (entry.exited) throw new Error(`${name} exited ${JSON.stringify(entry.exited)}:\n${entry.tail.join('').slice(-3000)}`);
    try {
      const r = await request(entry.port, 'GET', '/ready');
      if (r.status === 200) return;
    } catch { /* not yet */ }
    await sleep(300);
  }
  throw new Error(`${name} not ready after ${timeoutMs} ms:\n${entry.tail.join('').slice(-3000)}`);
}
/**
 * CPU seconds (user + system) each child has used so far, from /proc/<pid>/stat. CPU per event is the
 * figure a busy, shared machine cannot distort much: it does not count time spent waiting for a core.
 */
const CLOCK_TICKS_PER_SECOND = 100;
function cpuSecondsOf(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  // After "pid (comm) ": field 3 is state, so utime (14) and stime (15) are at indexes 11 and 12.
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
}
/**
 * The services, and the shared parts they drive: every `postgres` process (backends, WAL writer,
 * checkpointer, autovacuum: other databases' work counts too, so run on a quiet server), the Kafka JVM
 * and this load generator. Together they say where a stored event's CPU goes.
 */
function cpuSnapshot() {
  const snapshot = { postgres: 0, kafka: 0, 'bench-client': process.cpuUsage().user / 1e6 + process.cpuUsage().system / 1e6 };
  for (const [name, entry] of children) {
    if (entry.exited) continue;
    try { snapshot[name] = cpuSecondsOf(entry.proc.pid); } catch { /* gone */ }
  }
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      const comm = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
      if (comm === 'postgres') snapshot.postgres += cpuSecondsOf(pid);
      else if (comm === 'java' && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('kafka.Kafka')) snapshot.kafka += cpuSecondsOf(pid);
    } catch { /* exited meanwhile */ }
  }
  return snapshot;
}
function cpuMicrosPerEvent(before, after, events) {
  return Object.fromEntries(Object.keys(after).filter((name) => name in before).map((name) => [name, Math.round(((after[name] - before[name]) * 1e6) / events)]));
}
const rssTimer = setInterval(() => {
  for (const entry of children.values()) {
    if (entry.exited) continue;
    try {
      const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${entry.proc.pid}/status`, 'utf8'));
      if (m) entry.rssMaxKb = Math.max(entry.rssMaxKb, Number(m[1]));
    } catch { /* gone */ }
  }
}, 250);
async function stopChild(name) {
  const entry = children.get(name);
  if (!entry || entry.exited) return;
  entry.proc.kill('SIGTERM');
  const end = Date.now() + 15000;
  while (Date.now() < end && !entry.exited) await sleep(100);
  if (!entry.exited) entry.proc.kill('SIGKILL');
}
async function stopChildren() {
  for (const entry of children.values()) if (!entry.exited) entry.proc.kill('SIGTERM');
  const end = Date.now() + 15000;
  while (Date.now() < end && [...children.values()].some((e) => !e.exited)) await sleep(200);
  for (const entry of children.values()) if (!entry.exited) entry.proc.kill('SIGKILL');
}

// ---------- phases ----------
/**
 * --skip-backlog: the processor's group id is fixed, so whatever other runs left unconsumed on the raw
 * topic sits in front of the benchmark's events (and a poison batch can wedge a partition). Only when the
 * group has no member: remember its committed offsets, move it to the end of the topic, and put the saved
 * offsets back at the end of the run (restoreGroupOffsets), so the group is left as it was found.
 */
let savedGroupOffsets;
/**
 * Another processor in the group (a dev stack, an e2e test of the built app) would share the raw topic's
 * partitions with ours: it would store some of our events in its database, and ours some of its. Wait
 * (bounded) until the group has no member before starting; membership is checked again after the run.
 */
async function groupMembers() {
  const kafka = new Kafka({ clientId: `pulse-bench-${RUN}-admin`, brokers: CFG.brokers.split(','), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const { groups } = await admin.describeGroups(['pulse-stream-processor']);
    return groups[0]?.members ?? [];
  } finally {
    await admin.disconnect();
  }
}
function otherProcessors() {
  // Processes running a built stream processor that are not ours (e.g. an e2e test that kills and
  // restarts one: between the two, the group is briefly empty).
  const ours = new Set([...children.values()].map((e) => e.proc.pid));
  const found = [];
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if ((cmd.includes('stream-processor/main.js') || cmd.includes('stream-processor-crash') || cmd.includes('dev-stack')) && !ours.has(Number(pid)) && Number(pid) !== process.pid) found.push(Number(pid));
    } catch { /* gone */ }
  }
  return found;
}
async function waitGroupEmpty(timeoutS) {
  const end = Date.now() + timeoutS * 1000;
  let quietSince = 0;
  for (;;) {
    const members = await groupMembers();
    const others = otherProcessors();
    if (members.length === 0 && others.length === 0) {
      quietSince ||= Date.now();
      if (Date.now() - quietSince >= 20000) return;
      await sleep(2000);
      continue;
    }
    quietSince = 0;
    if (Date.now() > end) throw new Error(`consumer group pulse-stream-processor still has ${members.length} member(s) after ${timeoutS} s: another processor is running`);
    log(`waiting: consumer group pulse-stream-processor has ${members.length} member(s), other processor processes: ${others.join(' ') || 'none'}`);
    await sleep(5000);
  }
}
async function skipGroupBacklog() {
  const kafka = new Kafka({ clientId: `pulse-bench-${RUN}-admin`, brokers: CFG.brokers.split(','), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const { groups } = await admin.describeGroups(['pulse-stream-processor']);
    if (groups[0] && groups[0].members.length > 0) throw new Error('consumer group pulse-stream-processor has members (someone runs a processor): not touching it');
    const offsets = await admin.fetchOffsets({ groupId: 'pulse-stream-processor', topics: ['pulse.events.raw.v1'] });
    savedGroupOffsets = offsets[0].partitions.map(({ partition, offset }) => ({ partition, offset }));
    results.phases.groupOffsetsSaved = savedGroupOffsets;
    const ends = await admin.fetchTopicOffsets('pulse.events.raw.v1');
    await admin.setOffsets({ groupId: 'pulse-stream-processor', topic: 'pulse.events.raw.v1', partitions: ends.map(({ partition, high }) => ({ partition, offset: high })) });
    log(`group moved to the end of the raw topic (saved ${JSON.stringify(savedGroupOffsets)})`);
  } finally {
    await admin.disconnect();
  }
}
async function restoreGroupOffsets() {
  if (!savedGroupOffsets) return;
  const kafka = new Kafka({ clientId: `pulse-bench-${RUN}-admin`, brokers: CFG.brokers.split(','), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  try {
    for (let attempt = 0; attempt < 20; attempt++) {
      try {
        await admin.setOffsets({ groupId: 'pulse-stream-processor', topic: 'pulse.events.raw.v1', partitions: savedGroupOffsets.filter((p) => p.offset !== '-1') });
        results.phases.groupOffsetsRestored = true;
        log('group offsets restored');
        return;
      } catch (e) {
        if (attempt === 19) throw e;
        await sleep(2000); // the stopped processor's membership may linger until its session times out
      }
    }
  } finally {
    await admin.disconnect();
  }
}
/** Messages on the raw topic the processor's (fixed) consumer group has not committed yet. */
async function groupLag(admin) {
  const offsets = await admin.fetchOffsets({ groupId: 'pulse-stream-processor', topics: ['pulse.events.raw.v1'] });
  const ends = await admin.fetchTopicOffsets('pulse.events.raw.v1');
  let lag = 0;
  for (const p of offsets[0]?.partitions ?? []) {
    const end = Number(ends.find((e) => e.partition === p.partition)?.high ?? 0);
    lag += p.offset === '-1' ? 0 : Math.max(0, end - Number(p.offset));
  }
  return lag;
}
/**
 * The group id is fixed ('pulse-stream-processor'), so a processor started now first works through
 * whatever other runs left on the raw topic (other tenants, other databases). Wait for that backlog to
 * drain (bounded) so it does not pollute the throughput figure; its drain rate is recorded as a
 * processor-only figure (Kafka -> processor -> PostgreSQL, no HTTP).
 */
async function drainBacklog(timeoutS = 240) {
  const kafka = new Kafka({ clientId: `pulse-bench-${RUN}-admin`, brokers: CFG.brokers.split(','), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const start = await groupLag(admin);
    const t0 = performance.now();
    const load = [loadavg()[0]];
    let lag = start;
    const samples = [];
    while (lag > 0 && performance.now() - t0 < timeoutS * 1000) {
      await sleep(1000);
      lag = await groupLag(admin).catch(() => lag);
      samples.push([Math.round(performance.now() - t0), lag]);
      if (samples.length % 5 === 0) { load.push(loadavg()[0]); log(`draining backlog: ${lag} left`); }
    }
    const seconds = (performance.now() - t0) / 1000;
    return { backlogAtStart: start, left: lag, seconds: +seconds.toFixed(1), messagesPerSecond: seconds > 1 ? Math.round((start - lag) / seconds) : null, loadavg: load };
  } finally {
    await admin.disconnect();
  }
}

async function kafkaBaseline(count) {
  const kafka = new Kafka({ clientId: `pulse-bench-${RUN}`, brokers: CFG.brokers.split(','), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const [raw] = (await admin.fetchTopicMetadata({ topics: ['pulse.events.raw.v1'] }).catch(() => ({ topics: [] }))).topics ?? [];
  const partitions = raw?.partitions?.length || 6;
  // Backlog of the processor's consumer group: a processor started now would chew through it first.
  try {
    results.phases.processorGroupBacklogBefore = await groupLag(admin);
  } catch (e) { results.errors.push(`backlog check: ${e.message}`); }
  await admin.createTopics({ topics: [{ topic: SCRATCH_TOPIC, numPartitions: partitions, replicationFactor: 1 }], waitForLeaders: true });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const gen = createLoadGenerator({ seed: 7, idPrefix: 'k' });
  const batches = [];
  for (let i = 0; i < count; i += CFG.batch) {
    batches.push(gen.batch(Math.min(CFG.batch, count - i)).map((event) => ({
      key: `bench:${event.userId ?? event.anonymousId ?? event.eventId}`,
      value: JSON.stringify({ schemaVersion: 1, tenantId: '00000000-0000-0000-0000-000000000000', receivedAt: new Date().toISOString(), source: 'http', event }),
    })));
  }
  const load = loadavg();
  const t0 = performance.now();
  let next = 0;
  // Same shape as the ingestion publisher under concurrent requests: several batches in flight.
  await Promise.all(Array.from({ length: CFG.clients }, async () => {
    while (next < batches.length) {
      const messages = batches[next++];
      await producer.send({ topic: SCRATCH_TOPIC, acks: -1, messages });
    }
  }));
  const seconds = (performance.now() - t0) / 1000;
  await producer.disconnect();
  await admin.deleteTopics({ topics: [SCRATCH_TOPIC] }).catch((e) => results.errors.push(`delete topic: ${e.message}`));
  await admin.disconnect();
  return { events: count, partitions, seconds: +seconds.toFixed(2), eventsPerSecond: Math.round(count / seconds), loadavgBefore: load, loadavgAfter: loadavg() };
}

async function countStored(client, tenantId) {
  const r = await client.query('SELECT count(*)::int AS n FROM events WHERE tenant_id = $1', [tenantId]);
  return r.rows[0].n;
}

/**
 * Makes about `share` of the events break one property rule of their type, spread evenly: a page_view's path
 * becomes a number, a product_view or add_to_cart loses its required product_id, a purchase's revenue is sent
 * as text. Returns how many were changed (other types are left alone, so the share is of all events).
 */
function breakPropertyRules(events, share, state) {
  let broken = 0;
  for (const event of events) {
    state.owed += share;
    if (state.owed < 1) continue;
    const properties = event.properties;
    if (event.type === 'page_view') properties.path = 404;
    else if (event.type === 'product_view' || event.type === 'add_to_cart') delete properties.product_id;
    else if (event.type === 'purchase') properties.revenue = String(properties.revenue);
    else continue;
    state.owed -= 1;
    broken += 1;
  }
  return broken;
}

async function throughput(client, tenant, violationShare = 0, pass = 0) {
  const gen = createLoadGenerator({ seed: 42 + pass, idPrefix: `t${pass}` });
  const bodies = [];
  const owed = { owed: 0 };
  let violating = 0;
  for (let i = 0; i < CFG.events; i += CFG.batch) {
    const events = gen.batch(Math.min(CFG.batch, CFG.events - i));
    violating += breakPropertyRules(events, violationShare, owed);
    bodies.push(JSON.stringify({ events }));
  }
  const auth = { authorization: `Bearer ${tenant.writeKey}` };
  const base = await countStored(client, tenant.id);
  let next = 0;
  let accepted = 0;
  let sentDoneAt = 0;
  const statuses = {};
  const batchLatency = [];
  const load = [loadavg()];
  const loadTimer = setInterval(() => load.push(loadavg()), 5000);
  const cpuBefore = cpuSnapshot();
  const t0 = performance.now();
  const senders = Promise.all(Array.from({ length: CFG.clients }, async () => {
    while (next < bodies.length) {
      const body = bodies[next++];
      for (let attempt = 0; ; attempt++) {
        const s = performance.now();
        const r = await request(children.get('ingestion').port, 'POST', '/v1/events/batch', { body, headers: auth });
        statuses[r.status] = (statuses[r.status] ?? 0) + 1;
        if (r.status === 202) { accepted += r.body.accepted; batchLatency.push(performance.now() - s); if (r.body.rejected?.length) results.errors.push(`rejected: ${JSON.stringify(r.body.rejected[0]).slice(0, 300)}`); break; }
        if (r.status === 503 && attempt < 20) { await sleep(200); continue; }
        throw new Error(`batch answered ${r.status}: ${JSON.stringify(r.body).slice(0, 500)}`);
      }
    }
  })).then(() => { sentDoneAt = performance.now(); });
  let stored = 0;
  let storedAt = 0;
  const progress = [];
  let failure;
  senders.catch((e) => { failure = e; });
  const deadline = t0 + CFG.storeTimeoutS * 1000;
  while (performance.now() < deadline && !failure) {
    await sleep(250);
    stored = (await countStored(client, tenant.id)) - base;
    progress.push([Math.round(performance.now() - t0), stored]);
    // Every accepted event must be stored (the generator produces only valid events: rejects are errors).
    if (stored >= (sentDoneAt ? accepted : CFG.events)) { storedAt = performance.now(); break; }
  }
  clearInterval(loadTimer);
  load.push(loadavg());
  await senders.catch(() => {});
  if (failure) throw failure;
  const cpuAfter = cpuSnapshot();
  const seconds = ((storedAt || performance.now()) - t0) / 1000;
  // Steady state: rows/s between 10 % and 90 % of the total (drops warm-up and the tail).
  const at = (f) => progress.find(([, n]) => n >= f * CFG.events);
  const a = at(0.1), b = at(0.9);
  return {
    events: CFG.events, batch: CFG.batch, clients: CFG.clients, violationShare, violating, accepted, httpStatuses: statuses, stored,
    complete: stored >= CFG.events && accepted === CFG.events,
    httpSeconds: +((sentDoneAt - t0) / 1000).toFixed(2),
    httpAcceptedPerSecond: Math.round(accepted / ((sentDoneAt - t0) / 1000)),
    storedSeconds: +seconds.toFixed(2),
    storedPerSecond: Math.round(stored / seconds),
    storedPerSecondSteady10to90: a && b && b[0] > a[0] ? Math.round(((b[1] - a[1]) * 1000) / (b[0] - a[0])) : null,
    batchRequestMs: summary(batchLatency),
    cpuMicrosecondsPerEvent: cpuMicrosPerEvent(cpuBefore, cpuAfter, stored),
    loadavg: { min1Max: Math.max(...load.map((l) => l[0])), samples: load.map((l) => l[0]) },
  };
}

async function singleEventLatency(client, tenant) {
  const gen = createLoadGenerator({ seed: 99, idPrefix: 'l' });
  const warmup = CFG.rate * CFG.singleWarmupS;
  const total = warmup + CFG.rate * CFG.seconds;
  const auth = { authorization: `Bearer ${tenant.writeKey}` };
  const latencies = [];
  const statuses = {};
  const sentAt = new Map(); // eventId -> wall ms when the request was scheduled
  const lags = [];
  let errors = 0;
  const load = [loadavg()];
  let t0 = performance.now();
  const start = t0;
  const wall0 = Date.now();
  // Poll the table for the events sent so far: end-to-end lag = first poll that sees the row − send time.
  let polling = !CFG.singleWithoutProcessor;
  const poller = (async () => {
    while (polling || (sentAt.size > 0 && !CFG.singleWithoutProcessor)) {
      const ids = [...sentAt.keys()];
      if (ids.length) {
        const r = await client.query('SELECT event_id FROM events WHERE tenant_id = $1 AND event_id = ANY($2)', [tenant.id, ids]);
        const seen = performance.now();
        for (const { event_id } of r.rows) { lags.push(seen - sentAt.get(event_id)); sentAt.delete(event_id); }
      }
      if (!polling && performance.now() - t0 > (CFG.seconds + 60) * 1000) break; // give up on stragglers
      await sleep(20);
    }
  })();
  const inflight = [];
  // Latency per 5-second window: a tail spread evenly (queueing) reads differently from one burst (a GC, a checkpoint).
  const windowed = Array.from({ length: Math.ceil(CFG.seconds / 5) + 1 }, () => []);
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / CFG.rate; // open loop: latency counts from the scheduled time
    const measured = i >= warmup;
    if (i === warmup) t0 = due;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    if (i % CFG.rate === 0) load.push(loadavg());
    const event = gen.next();
    event.timestamp = new Date(wall0 + (due - start)).toISOString();
    const body = JSON.stringify(event);
    inflight.push(request(children.get('ingestion').port, 'POST', '/v1/events', { body, headers: auth }).then(
      (r) => {
        if (!measured) return;
        statuses[r.status] = (statuses[r.status] ?? 0) + 1;
        latencies.push(performance.now() - due);
        windowed[Math.floor((due - t0) / 5000)].push(performance.now() - due);
        if (r.status === 202 && !CFG.singleWithoutProcessor) sentAt.set(event.eventId, due);
      },
      () => { if (measured) errors++; },
    ));
  }
  await Promise.all(inflight);
  const achieved = (total - warmup) / ((performance.now() - t0) / 1000);
  polling = false;
  await poller;
  load.push(loadavg());
  return {
    targetRate: CFG.rate, seconds: CFG.seconds, warmupSeconds: CFG.singleWarmupS, requests: total - warmup, achievedRate: Math.round(achieved), httpStatuses: statuses, errors,
    latencyMs: summary(latencies),
    latencyBy5sWindowMs: windowed.filter((values) => values.length > 0).map((values) => { const { p50, p99, max } = summary(values); return { p50, p99, max }; }),
    endToEndLagMs: CFG.singleWithoutProcessor ? null : { ...summary(lags), notSeen: sentAt.size, pollIntervalMs: 20 },
    processorRunning: !CFG.singleWithoutProcessor,
    loadavg: { min1Max: Math.max(...load.map((l) => l[0])), samples: load.filter((_, i) => i % 5 === 0).map((l) => l[0]) },
  };
}

async function overviewLatency(tenant) {
  const auth = { authorization: `Bearer ${tenant.secretKey}` };
  const port = children.get('insights').port;
  const first = await request(port, 'GET', '/v1/realtime/overview', { headers: auth });
  if (first.status !== 200) throw new Error(`overview answered ${first.status}: ${JSON.stringify(first.body).slice(0, 300)}`);
  for (let i = 0; i < 100; i++) await request(port, 'GET', '/v1/realtime/overview', { headers: auth }); // warm-up
  const load = loadavg();
  const lat = [];
  for (let i = 0; i < CFG.overview; i++) {
    const s = performance.now();
    const r = await request(port, 'GET', '/v1/realtime/overview', { headers: auth });
    lat.push(performance.now() - s);
    if (r.status !== 200) throw new Error(`overview answered ${r.status}`);
  }
  return { requests: CFG.overview, sequential: true, latencyMs: summary(lat), sample: first.body, loadavg: [load[0], loadavg()[0]] };
}

function psql(args) {
  return new Promise((res, rej) => execFile('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', DB_URL, ...args], { maxBuffer: 1 << 26 }, (e, out, err) => (e ? rej(new Error(`${e.message} ${err}`)) : res(out))));
}
async function copyBaseline(client, tenantId, count) {
  // The same rows the pipeline stored, COPYed into a scratch table with the events table's columns,
  // primary key and indexes (LIKE ... INCLUDING ALL). pg-copy-streams is not installed: psql's \copy.
  const file = join(ROOT, 'tmp', `bench-copy-${RUN}.csv`);
  mkdirSync(dirname(file), { recursive: true });
  await psql(['-c', `\\copy (SELECT * FROM events WHERE tenant_id = '${tenantId}' LIMIT ${count}) TO '${file}' WITH (FORMAT csv)`]);
  await client.query('CREATE TABLE bench_copy (LIKE events INCLUDING ALL)');
  const load = loadavg();
  const t0 = performance.now();
  await psql(['-c', `\\copy bench_copy FROM '${file}' WITH (FORMAT csv)`]);
  const seconds = (performance.now() - t0) / 1000;
  const n = (await client.query('SELECT count(*)::int AS n FROM bench_copy')).rows[0].n;
  // And the multi-row INSERT ... ON CONFLICT DO NOTHING a processor would use, 500 rows a statement.
  await client.query('CREATE TABLE bench_insert (LIKE events INCLUDING ALL)');
  const t1 = performance.now();
  await client.query(`INSERT INTO bench_insert SELECT * FROM bench_copy ON CONFLICT DO NOTHING`);
  const insertSelectSeconds = (performance.now() - t1) / 1000;
  rmSync(file, { force: true });
  return { rows: n, copySeconds: +seconds.toFixed(2), copyRowsPerSecond: Math.round(n / seconds), insertSelectRowsPerSecond: Math.round(n / insertSelectSeconds), loadavg: [load[0], loadavg()[0]] };
}

// ---------- main ----------
async function main() {
  results.machine = { node: process.version, cpus: (await import('node:os')).cpus().length, memMb: Math.round((await import('node:os')).totalmem() / 2 ** 20), loadavgAtStart: loadavg() };
  log(`run ${RUN}, database ${DB}, load ${loadavg().join(' ')}`);
  const adminPg = new pg.Client({ connectionString: `${CFG.pg}/postgres` });
  await adminPg.connect();
  await adminPg.query(`CREATE DATABASE ${DB}`);
  results.database = DB;
  let client;
  try {
    log('kafkajs producer baseline');
    results.phases.kafkaProducerBaseline = await kafkaBaseline(CFG.events);
    log(JSON.stringify(results.phases.kafkaProducerBaseline));

    await waitGroupEmpty(CFG.waitGroupS);
    if (CFG.skipBacklog) await skipGroupBacklog();
    // The processor first (it runs the migrations), then the others.
    startApp('stream-processor', CFG.basePort + 1);
    await waitReady('stream-processor');
    startApp('ingestion', CFG.basePort);
    startApp('insights', CFG.basePort + 2);
    await Promise.all([waitReady('ingestion'), waitReady('insights')]);
    log('apps ready');
    results.phases.backlogDrain = await drainBacklog(CFG.drainS);
    log(JSON.stringify(results.phases.backlogDrain));
    client = new pg.Client({ connectionString: DB_URL });
    await client.connect();

    const created = await request(CFG.basePort, 'POST', '/v1/admin/tenants', {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      body: { slug: `bench-${RUN}`, name: `Bench ${RUN}`, timeZone: 'UTC', currency: 'EUR' },
    });
    if (created.status !== 201) throw new Error(`create tenant answered ${created.status}: ${JSON.stringify(created.body)}`);
    const tenant = { id: created.body.tenant.id, writeKey: created.body.writeKey, secretKey: created.body.secretKey };
    if (typeof tenant.secretKey === 'object') tenant.secretKey = tenant.secretKey.key ?? tenant.secretKey.secret ?? tenant.secretKey.value;

    // Warm-up: one small batch end to end.
    const warm = createLoadGenerator({ seed: 1, idPrefix: 'w' }).batch(200);
    const w = await request(CFG.basePort, 'POST', '/v1/events/batch', { body: { events: warm }, headers: { authorization: `Bearer ${tenant.writeKey}` } });
    if (w.status !== 202 || w.body.accepted !== 200) throw new Error(`warm-up batch answered ${w.status}: ${JSON.stringify(w.body).slice(0, 500)}`);
    for (let i = 0; i < 120 && (await countStored(client, tenant.id)) < 200; i++) await sleep(250);
    const warmStored = await countStored(client, tenant.id);
    if (warmStored < 200) throw new Error(`warm-up: only ${warmStored}/200 events stored after 30 s`);

    if (CFG.phases.has('throughput')) {
      for (const [pass, share] of CFG.violationShares.entries()) {
        log(`throughput: ${CFG.events} events (${share * 100} % breaking a property rule), batches of ${CFG.batch}, ${CFG.clients} clients`);
        const figures = await throughput(client, tenant, share, pass);
        (results.phases.throughputPasses ??= []).push(figures);
        results.phases.throughput ??= figures;
        log(JSON.stringify(figures));
      }
    }

    results.phases.groupMembersDuringRun = (await groupMembers()).length;
    if (results.phases.groupMembersDuringRun > 1) results.errors.push(`another processor joined the group during the run (${results.phases.groupMembersDuringRun} members): figures are suspect`);

    if (CFG.phases.has('single')) {
      if (CFG.singleWithoutProcessor) await stopChild('stream-processor');
      log(`single events: ${CFG.rate}/s for ${CFG.seconds}s${CFG.singleWithoutProcessor ? ' (processor stopped)' : ''}`);
      results.phases.singleEvent = await singleEventLatency(client, tenant);
      log(JSON.stringify(results.phases.singleEvent));
    }

    if (CFG.phases.has('overview')) {
      log('overview');
      results.phases.overview = await overviewLatency(tenant);
      log(JSON.stringify(results.phases.overview.latencyMs));
    }

    if (CFG.phases.has('copy')) {
      log('COPY baseline');
      results.phases.postgresCopyBaseline = await copyBaseline(client, tenant.id, CFG.events);
      log(JSON.stringify(results.phases.postgresCopyBaseline));
    }
  } catch (e) {
    results.errors.push(String(e.stack ?? e));
    log('FAILED', e.stack ?? e);
    process.exitCode = 1;
  } finally {
    await stopChildren();
    clearInterval(rssTimer);
    await restoreGroupOffsets().catch((e) => results.errors.push(`restore group offsets: ${e.message}`));
    results.childLogTails = Object.fromEntries([...children].map(([name, e]) => [name, e.tail.join('').slice(-2000)]));
    results.rssMaxMb = Object.fromEntries([...children].map(([name, e]) => [name, Math.round(e.rssMaxKb / 1024)]));
    results.exits = Object.fromEntries([...children].map(([name, e]) => [name, e.exited]));
    if (CFG.cpuProf) results.cpuProfiles = PROF_DIR;
    await client?.end().catch(() => {});
    await adminPg.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`).catch((e) => results.errors.push(`drop db: ${e.message}`));
    await adminPg.end();
    agent.destroy();
    results.finishedAt = new Date().toISOString();
    results.machine.loadavgAtEnd = loadavg();
    const out = arg('out', join(ROOT, 'tools/bench/results', `${results.startedAt.replace(/[:.]/g, '-')}.json`));
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, JSON.stringify(results, null, 2));
    console.log(JSON.stringify(results, null, 2));
    log(`results written to ${out}`);
  }
}

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => { for (const e of children.values()) if (!e.exited) e.proc.kill('SIGKILL'); process.exit(130); });
// Hard bound on the whole run.
setTimeout(() => { log('hard time limit reached'); for (const e of children.values()) if (!e.exited) e.proc.kill('SIGKILL'); process.exit(2); }, 20 * 60 * 1000).unref();
main();

// Event → webhook latency of alerting, on the built apps over real Kafka, PostgreSQL and Redis. Builds nothing:
//   export NX_DAEMON=false NX_NO_CLOUD=true
//   npx nx run-many -t build -p ingestion stream-processor insights
//   node tools/bench/alert-latency-bench.mjs [--rounds=4] [--rate=20] [--history-minutes=90] [--method=mad] [--out=tools/bench/results/<file>.json]
// A tenant gets two minute rules with webhooks to this process: a threshold (failed checkouts > 3 a minute)
// and an anomaly rule (page views a minute, `--method`, sensitivity 0.5) whose baseline is `--history-minutes`
// of page views sent with past timestamps. Page views arrive at `--rate` a second from the start (`auto`
// reads the history a seasonal minute baseline needs, ~5,900 buckets, in two queries, whatever was sent). Each
// round sends 6 failed checkouts and a burst of 10 × the usual page views at the start of a minute M,
// then a quiet minute: each rule fires for M and recovers with M + 1. Measured per webhook: from the end
// of the bucket that raised it to its arrival (the target: within 90 s of the anomalous minute closing),
// split at `detectedAt` (the detector's judgement) into closing + detection and delivery. The processor
// runs with its defaults (a minute closes 15 s after its end). Needs what the e2e tests need; cleans up.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { arg, loadavg, logger, pct, sleep } from './bench-common.mjs';

const require = createRequire(import.meta.url);
const { Kafka, logLevel } = require('kafkajs');
const pg = require('pg');

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CFG = {
  rounds: Number(arg('rounds', 4)),
  rate: Number(arg('rate', 20)),
  historyMinutes: Number(arg('history-minutes', 90)),
  method: String(arg('method', 'mad')),
  pg: process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432',
  redis: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  brokers: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092',
  out: arg('out', ''),
};
const RUN = randomBytes(4).toString('hex');
const DB = `pulse_bench_alerts_${RUN}`;
const ADMIN_TOKEN = `bench-admin-${randomBytes(12).toString('hex')}`;
const MINUTE = 60_000;
const log = logger('alert-bench');
const children = [];

function startApp(name, port, extra = {}) {
  const file = join(ROOT, 'dist/apps', name, 'main.js');
  if (!existsSync(file)) throw new Error(`${file} missing: run npx nx run-many -t build -p ingestion stream-processor insights`);
  const env = { ...process.env, KAFKA_BROKERS: CFG.brokers, DATABASE_URL: `${CFG.pg}/${DB}`, REDIS_URL: CFG.redis, PORT: String(port), HOST: '127.0.0.1', ADMIN_TOKEN, LOG_LEVEL: 'warn', ...extra };
  const proc = spawn(process.execPath, [file], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const child = { name, proc, port, tail: [], exited: null };
  const keep = (data) => { child.tail.push(data.toString()); if (child.tail.length > 40) child.tail.shift(); };
  proc.stdout.on('data', keep);
  proc.stderr.on('data', keep);
  proc.on('exit', (code, signal) => { child.exited = { code, signal }; });
  children.push(child);
  return child;
}
async function waitReady(child, timeoutMs = 120_000) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (child.exited) throw new Error(`${child.name} exited ${JSON.stringify(child.exited)}:\n${child.tail.join('').slice(-3000)}`);
    try { if ((await fetch(`http://127.0.0.1:${child.port}/ready`)).status === 200) return; } catch { /* not yet */ }
    await sleep(300);
  }
  throw new Error(`${child.name} not ready:\n${child.tail.join('').slice(-3000)}`);
}
async function stopChildren() {
  for (const child of children) if (!child.exited) child.proc.kill('SIGTERM');
  const end = Date.now() + 20_000;
  while (Date.now() < end && children.some((child) => !child.exited)) await sleep(200);
  for (const child of children) if (!child.exited) child.proc.kill('SIGKILL');
}
async function json(url, { method = 'GET', token, body } = {}) {
  const response = await fetch(url, { method, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}
/** The processor's group is fixed: move it past what other runs left on the raw topic (as the e2e tests do). */
async function skipOldBacklog(admin) {
  for (const topic of ['pulse.events.raw.v1', 'conversation.events.v1', 'system.metrics.v1', 'model.usage.v1']) {
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic }] });
    const ends = await admin.fetchTopicOffsets(topic);
    await admin.setOffsets({ groupId: 'pulse-stream-processor', topic, partitions: ends.map(({ partition, high }) => ({ partition, offset: high })) });
  }
}
async function waitGroupsStable(admin, groups) {
  const end = Date.now() + 120_000;
  while (Date.now() < end) {
    const { groups: described } = await admin.describeGroups(groups);
    if (described.every((group) => group.state === 'Stable' && group.members.length > 0)) return;
    await sleep(500);
  }
  throw new Error(`groups ${groups.join(', ')} not stable`);
}

const webhooks = [];
const receiver = createServer((request, response) => {
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    webhooks.push({ path: request.url, receivedAt: Date.now(), body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
    response.statusCode = 204;
    response.end();
  });
});

async function main() {
  const adminPg = new pg.Client({ connectionString: `${CFG.pg}/postgres` });
  await adminPg.connect();
  await adminPg.query(`CREATE DATABASE ${DB}`);
  const kafka = new Kafka({ clientId: `alert-bench-${RUN}`, brokers: CFG.brokers.split(','), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  await new Promise((done) => receiver.listen(0, '127.0.0.1', done));
  const hookBase = `http://127.0.0.1:${receiver.address().port}`;
  const results = { config: CFG, run: RUN, startedAt: new Date().toISOString(), loadavgBefore: loadavg() };
  try {
    await skipOldBacklog(admin);
    const processor = startApp('stream-processor', 3811);
    await waitReady(processor);
    const ingestion = startApp('ingestion', 3812);
    const insights = startApp('insights', 3813);
    await Promise.all([waitReady(ingestion), waitReady(insights)]);
    await waitGroupsStable(admin, ['pulse-insights.pulse.aggregates.v1', 'pulse-insights.pulse.anomalies.v1']);
    const ingestionUrl = 'http://127.0.0.1:3812';
    const insightsUrl = 'http://127.0.0.1:3813';

    const created = await json(`${ingestionUrl}/v1/admin/tenants`, { method: 'POST', token: ADMIN_TOKEN, body: { slug: `bench-alerts-${RUN}`, name: 'Alert bench', timeZone: 'UTC', currency: 'USD', secretKeyScopes: ['manage'] } });
    const writeKey = created.body.writeKey;
    const secretKey = created.body.secretKey.key;
    const send = async (events) => {
      for (let first = 0; first < events.length; first += 500) {
        const answer = await json(`${ingestionUrl}/v1/events/batch`, { method: 'POST', token: writeKey, body: { events: events.slice(first, first + 500) } });
        if (answer.status !== 202) throw new Error(`ingestion answered ${answer.status}: ${JSON.stringify(answer.body)}`);
      }
    };
    let sequence = 0;
    const perMinute = CFG.rate * 60;
    const pageViews = (count, at) => Array.from({ length: count }, (_, index) => ({ eventId: `pv-${sequence++}`, type: 'page_view', timestamp: new Date(at(index)).toISOString(), userId: `u${index % 50}`, properties: { path: '/' } }));

    // Background page views at `rate` a second, in quarter-second batches stamped now.
    let background = true;
    const backgroundLoop = (async () => {
      while (background) {
        const count = Math.max(1, Math.round(CFG.rate / 4));
        await send(pageViews(count, () => Date.now())).catch((error) => log(`background: ${error.message}`));
        await sleep(250);
      }
    })();

    // The anomaly rule's baseline: `historyMinutes` of page views at the background rate, before now.
    const historyStart = Math.floor(Date.now() / MINUTE) * MINUTE - CFG.historyMinutes * MINUTE;
    const minutes = Array.from({ length: CFG.historyMinutes }, (_, minute) => minute);
    // Four senders at once: the history should not take longer than the minutes it covers.
    await Promise.all([0, 1, 2, 3].map(async (lane) => {
      for (const minute of minutes.filter((index) => index % 4 === lane)) {
        const count = Math.round(perMinute * (0.9 + 0.2 * Math.random()));
        await send(pageViews(count, (index) => historyStart + minute * MINUTE + (index * MINUTE) / count));
      }
    }));
    log(`history sent: ${CFG.historyMinutes} minutes of ~${perMinute} page views`);

    const rule = async (body) => (await json(`${insightsUrl}/v1/alerts`, { method: 'POST', token: secretKey, body })).body;
    const threshold = await rule({ name: 'failed checkouts', query: { metric: { type: 'event_count', events: ['checkout_failed'] } }, condition: { kind: 'threshold', operator: 'above', value: 3 }, granularity: 'minute', webhookUrl: `${hookBase}/threshold` });
    const anomaly = await rule({ name: 'traffic anomaly', query: { metric: { type: 'event_count', events: ['page_view'] } }, condition: { kind: 'anomaly', method: CFG.method, sensitivity: 0.5 }, granularity: 'minute', webhookUrl: `${hookBase}/anomaly` });
    if (!threshold?.id || !anomaly?.id) throw new Error(`rules not created: ${JSON.stringify({ threshold, anomaly })}`);

    // A clean minute judged first, so the first round opens an incident of its own.
    await sleep(MINUTE);
    const rounds = [];
    for (let round = 0; round < CFG.rounds; round++) {
      const m = Math.ceil((Date.now() + 3_000) / MINUTE) * MINUTE;
      await sleep(m + 500 - Date.now());
      await send(Array.from({ length: 6 }, (_, index) => ({ eventId: `cf-${round}-${index}`, type: 'checkout_failed', timestamp: new Date(m + 1_000 + index).toISOString(), userId: `u${index}`, properties: {} })));
      await send(pageViews(perMinute * 9, (index) => m + 1_000 + index));
      rounds.push(m);
      log(`round ${round + 1}: anomalous minute ${new Date(m).toISOString()}`);
      // Its recovery comes with the quiet minute after it; the next round starts after that one.
      await sleep(m + 2 * MINUTE + 20_000 - Date.now());
    }
    const deadline = Date.now() + 3 * MINUTE;
    while (Date.now() < deadline && webhooks.length < 4 * CFG.rounds) await sleep(500);
    background = false;
    await backgroundLoop;

    const measured = webhooks.map(({ path, receivedAt, body }) => {
      const bucketEnd = Date.parse(body.bucket.end);
      return { rule: path.slice(1), type: body.type, bucketStart: body.bucket.start, latencyS: (receivedAt - bucketEnd) / 1000, detectionS: (Date.parse(body.detectedAt) - bucketEnd) / 1000, deliveryS: (receivedAt - Date.parse(body.detectedAt)) / 1000 };
    });
    const summary = (rows) => {
      const sorted = rows.map((row) => row.latencyS).sort((a, b) => a - b);
      return { count: rows.length, p50: pct(sorted, 50), max: sorted[sorted.length - 1], detectionP50: pct(rows.map((row) => row.detectionS).sort((a, b) => a - b), 50), deliveryMax: Math.max(...rows.map((row) => row.deliveryS)) };
    };
    results.rounds = rounds.map((m) => new Date(m).toISOString());
    results.webhooks = measured;
    results.summary = {
      thresholdFired: summary(measured.filter((row) => row.rule === 'threshold' && row.type === 'alert.fired')),
      anomalyFired: summary(measured.filter((row) => row.rule === 'anomaly' && row.type === 'alert.fired')),
      recovered: summary(measured.filter((row) => row.type === 'alert.recovered')),
    };
    results.missed = { expectedFired: 2 * CFG.rounds, receivedFired: measured.filter((row) => row.type === 'alert.fired').length };
    results.loadavgAfter = loadavg();
    console.error(JSON.stringify(results.summary, null, 2));
  } finally {
    await stopChildren();
    receiver.close();
    await admin.disconnect();
    await adminPg.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`).catch(() => undefined);
    await adminPg.end();
  }
  const text = JSON.stringify(results, null, 2);
  if (CFG.out) {
    mkdirSync(dirname(resolve(ROOT, CFG.out)), { recursive: true });
    writeFileSync(resolve(ROOT, CFG.out), text);
  }
  console.log(text);
}

main().catch(async (error) => {
  console.error(error);
  await stopChildren();
  process.exit(1);
});

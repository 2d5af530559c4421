// Event sent → live counter pushed to the browser: the time from `POST /v1/events` on ingestion to the `live` event
// of `GET /v1/dashboards/:id/live` that shows it, over the built apps on Kafka, PostgreSQL and Redis (ingestion →
// pulse.events.raw.v1 → stream processor: stored, live state written, notice on pulse.live.v1 → dashboards → SSE).
//   npx nx run-many -t build -p ingestion stream-processor dashboards && SWC_NODE_PROJECT=tsconfig.base.json \
//     node -r @swc-node/register tools/bench/dashboard-live-latency-bench.ts [--events=60] [--gap-ms=1500] [--out=<file>.json]
// One event at a time, each for a new user, `gap-ms` apart (more than the 1 s push throttle, so each push is its own);
// the latency is measured when the stream shows the counter (active users, 5 min) reach the event's number.
// A fresh database, dropped afterwards. JSON on stdout, progress on stderr.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { skipOldBacklog } from '../../apps/platform-e2e/src/support/test-stack';

const arg = (name: string, fallback: string): string => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const EVENTS = Number(arg('events', '60'));
const GAP_MS = Number(arg('gap-ms', '1500'));
const OUT = arg('out', '');
const PG = process.env['BENCH_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432';
const DB = `pulse_bench_live_${randomBytes(4).toString('hex')}`;
const ADMIN_TOKEN = `live-bench-${randomBytes(12).toString('hex')}`;
const log = (...parts: unknown[]) => console.error(`[dashboard-live-bench ${new Date().toISOString().slice(11, 19)}]`, ...parts);
const loadavg = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).map(Number);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const processes: ChildProcess[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function start(app: string, extra: Record<string, string> = {}): Promise<string> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(process.cwd(), 'dist/apps', app, 'main.js')], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      DATABASE_URL: `${PG}/${DB}`,
      KAFKA_BROKERS: process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092',
      REDIS_URL: process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379',
      ...extra,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  processes.push(child);
  for (let waited = 0; waited < 120_000; waited += 300) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/ready`)).status === 200) return `http://127.0.0.1:${port}`;
    } catch {
      // not yet
    }
    await sleep(300);
  }
  throw new Error(`${app} not ready`);
}

async function admin(statement: string): Promise<void> {
  const client = new Client({ connectionString: `${PG}/test` });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  // The processor's group is shared with the e2e tests: what earlier runs left unconsumed is skipped, as they do.
  await skipOldBacklog('dashboard-live-bench-admin');
  await admin(`CREATE DATABASE "${DB}"`);
  await start('stream-processor');
  const [ingestion, dashboards] = await Promise.all([start('ingestion', { ADMIN_TOKEN }), start('dashboards')]);
  const created = await fetch(`${ingestion}/v1/admin/tenants`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ slug: `live-bench-${randomBytes(3).toString('hex')}`, name: 'Live bench', timeZone: 'Europe/Berlin', currency: 'EUR' }),
  });
  const { writeKey, secretKey } = (await created.json()) as { writeKey: string; secretKey: { key: string } };
  const auth = { authorization: `Bearer ${secretKey.key}` };
  const listed = (await (await fetch(`${dashboards}/v1/dashboards`, { headers: auth })).json()) as Array<{ id: string; prebuiltKey: string }>;
  const executive = listed.find((dashboard) => dashboard.prebuiltKey === 'executive_overview') as { id: string };

  // The stream, read as the web UI reads it; each `live` event's active-users figure with when it arrived.
  const abort = new AbortController();
  const response = await fetch(`${dashboards}/v1/dashboards/${executive.id}/live`, { headers: auth, signal: abort.signal });
  const seen: Array<{ value: number; at: number }> = [];
  void (async () => {
    const reader = response.body?.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for (;;) {
        const chunk = await reader?.read();
        if (!chunk || chunk.done) return;
        buffer += decoder.decode(chunk.value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const data = buffer.slice(0, end).split('\n').find((line) => line.startsWith('data: '));
          buffer = buffer.slice(end + 2);
          if (data) seen.push({ value: JSON.parse(data.slice(6)).overview.activeUsers.last5Minutes, at: performance.now() });
        }
      }
    } catch {
      // aborted
    }
  })();
  const waitFor = async (value: number, timeoutMs: number) => {
    for (let waited = 0; waited < timeoutMs; waited += 5) {
      const hit = seen.find((event) => event.value >= value);
      if (hit) return hit.at;
      await sleep(5);
    }
    return null;
  };
  const send = async (n: number) => {
    const sentAt = performance.now();
    const answer = await fetch(`${ingestion}/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${writeKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ eventId: `live-bench-${n}`, type: 'page_view', timestamp: new Date().toISOString(), userId: `live-bench-user-${n}`, properties: { path: '/' } }),
    });
    if (answer.status !== 202) throw new Error(`ingestion answered ${answer.status}`);
    return sentAt;
  };

  // Warm-up: until the dashboards' consumer group has joined and a push arrives.
  let sent = 0;
  for (let attempt = 0; attempt < 30; attempt++) {
    sent += 1;
    await send(sent);
    if ((await waitFor(sent, 3_000)) !== null) break;
  }
  log(`warm: ${sent} events sent before the first push`);
  const latencies: number[] = [];
  const load: number[] = [];
  for (let index = 0; index < EVENTS; index++) {
    sent += 1;
    const sentAt = await send(sent);
    const shownAt = await waitFor(sent, 30_000);
    if (shownAt === null) throw new Error(`event ${sent} never shown`);
    latencies.push(shownAt - sentAt);
    load.push(loadavg()[0]);
    await sleep(Math.max(0, GAP_MS - (performance.now() - sentAt)));
  }
  abort.abort();
  const sorted = [...latencies].sort((a, b) => a - b);
  const r = (x: number) => Math.round(x);
  const results = {
    startedAt: new Date().toISOString(),
    machine: { cpus: cpus().length, node: process.version },
    config: { events: EVENTS, gapMs: GAP_MS },
    eventToPushMs: { n: sorted.length, min: r(sorted[0]), p50: r(pct(sorted, 50)), p95: r(pct(sorted, 95)), max: r(sorted[sorted.length - 1]) },
    loadavg: { min: Math.min(...load), max: Math.max(...load) },
  };
  log(JSON.stringify(results.eventToPushMs));
  const json = JSON.stringify(results, null, 2);
  if (OUT) await writeFile(OUT, json);
  process.stdout.write(`${json}\n`);
}

main()
  .catch((error: unknown) => {
    log(error instanceof Error ? error.stack : String(error));
    process.exitCode = 1;
  })
  .finally(async () => {
    for (const child of processes) child.kill('SIGTERM');
    await sleep(3_000);
    for (const child of processes) if (child.exitCode === null) child.kill('SIGKILL');
    await admin(`DROP DATABASE IF EXISTS "${DB}" WITH (FORCE)`).catch(() => undefined);
  });

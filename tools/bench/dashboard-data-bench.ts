// GET /v1/dashboards/:id/data of the prebuilt executive overview (8 widgets: 4 counters, a live counter, a daily
// time series, a top list, a bar chart), over a realistic generated event volume: latency percentiles, against a
// baseline in the same run — the same 8 widgets answered one after another (eight one-widget dashboards asked in
// sequence, so each widget's query runs alone), i.e. what the concurrent reading saves.
//   npx nx run dashboards:build && SWC_NODE_PROJECT=tsconfig.base.json node -r @swc-node/register \
//     tools/bench/dashboard-data-bench.ts [--events=1000000] [--users=50000] [--days=90] [--range-days=7] \
//     [--warmup=5] [--runs=30] [--out=tools/bench/results/dashboard-data-<run>.json] [--reuse-db=<name>] [--keep-db]
// A fresh database (BENCH_PG_URL, default postgres://postgres@127.0.0.1:5432), events and the stream processor's
// rollups generated inside PostgreSQL by the insights bench's generator (tools/bench/insights-generate.mjs), the
// built dashboards app (dist/apps/dashboards/main.js) as its own process on it (KAFKA_BROKERS, REDIS_URL as for any
// distributed start). Drops its database afterwards unless --keep-db. JSON on stdout, progress on stderr.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

const arg = (name: string, fallback: string): string => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const flag = (name: string): boolean => process.argv.includes(`--${name}`);
const CFG = {
  events: Number(arg('events', '1000000')),
  users: Number(arg('users', '50000')),
  days: Number(arg('days', '90')),
  rangeDays: Number(arg('range-days', '7')),
  warmup: Number(arg('warmup', '5')),
  runs: Number(arg('runs', '30')),
  timeZone: 'Europe/Berlin',
  pg: process.env['BENCH_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432',
};
const OUT = arg('out', '');
const REUSE_DB = arg('reuse-db', '');
const KEEP_DB = flag('keep-db') || REUSE_DB !== '';
const RUN = randomBytes(4).toString('hex');
const DB = REUSE_DB || `pulse_bench_dash_${RUN}`;
const DB_URL = `${CFG.pg}/${DB}`;
const ROOT = process.cwd();
const APP = join(ROOT, 'dist/apps/dashboards/main.js');
const PORT = 3760 + Math.floor(Math.random() * 100);
// The migrations that backfill from stored events (the insights bench's list): re-run over the generated events.
const BACKFILL_MIGRATIONS = ['AddAllTypesRollupsAndFirstSeen1764115200700', 'AddPersonActiveDays1764115200800', 'AddEventTimeChunks1764115200900'];
const NUMERIC_PROPERTIES = ['revenue', 'total', 'price', 'quantity', 'tax', 'shipping', 'discount', 'results_count', 'duration_seconds',
  'watch_time_seconds', 'response_time_ms', 'message_length', 'sentiment_score', 'satisfaction_score', 'message_count', 'tokens_used',
  'input_tokens', 'output_tokens', 'cost_cents', 'latency_ms', 'metric_value', 'records_processed', 'records_failed', 'duration_ms'];

const log = (...parts: unknown[]) => console.error(`[dashboard-data-bench ${new Date().toISOString().slice(11, 19)}]`, ...parts);
const loadavg = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).map(Number);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (t0: number) => Math.round((performance.now() - t0) / 100) / 10;
const sha = (key: string) => createHash('sha256').update(key, 'utf8').digest('hex');
/** Nearest-rank percentile of an ascending list. */
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const summary = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const r1 = (x: number) => Math.round(x * 10) / 10;
  return { n: sorted.length, min: r1(sorted[0]), p50: r1(pct(sorted, 50)), p95: r1(pct(sorted, 95)), p99: r1(pct(sorted, 99)), max: r1(sorted[sorted.length - 1]) };
};
// The generator is plain ESM: loaded with a real dynamic import (not compiled to require).
const importEsm = new Function('path', 'return import(path)') as (path: string) => Promise<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any

let app: { child: ChildProcess; tail: string[]; exited: boolean } | undefined;

function startApp(): void {
  if (!existsSync(APP)) throw new Error(`${APP} missing: run NX_DAEMON=false NX_NO_CLOUD=true npx nx run dashboards:build`);
  const child = spawn(process.execPath, [APP], {
    env: {
      ...process.env,
      DATABASE_URL: DB_URL,
      PORT: String(PORT),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      KAFKA_BROKERS: process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092',
      REDIS_URL: process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const entry = { child, tail: [] as string[], exited: false };
  const keep = (chunk: Buffer) => {
    entry.tail.push(chunk.toString());
    if (entry.tail.length > 40) entry.tail.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.on('exit', () => (entry.exited = true));
  app = entry;
}

async function waitReady(timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (app?.exited) throw new Error(`dashboards exited:\n${app.tail.join('').slice(-3000)}`);
    try {
      if ((await fetch(`http://127.0.0.1:${PORT}/ready`)).status === 200) return;
    } catch {
      // not yet
    }
    await sleep(300);
  }
  throw new Error(`dashboards not ready after ${timeoutMs} ms:\n${app?.tail.join('').slice(-3000)}`);
}

async function stopApp(): Promise<void> {
  if (!app || app.exited) return;
  app.child.kill('SIGTERM');
  for (let waited = 0; waited < 15_000 && !app.exited; waited += 200) await sleep(200);
  if (!app.exited) app.child.kill('SIGKILL');
}

async function admin(statement: string): Promise<void> {
  const client = new Client({ connectionString: `${CFG.pg}/test` });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Events over `days` days ending yesterday (Berlin), then the rollups the stream processor would have written. */
async function generate(client: Client, tenantId: string, startDate: string): Promise<Record<string, unknown>> {
  const gen = await importEsm(join(ROOT, 'tools/bench/insights-generate.mjs'));
  const steps: Record<string, number> = {};
  const step = async (name: string, sql: string) => {
    const t0 = performance.now();
    await client.query(sql);
    steps[name] = seconds(t0);
    log(`  ${name}: ${steps[name]} s (load ${loadavg()[0]})`);
  };
  await client.query(gen['HASH_FUNCTION_SQL']);
  const indexes = (await client.query(`SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename = 'events' AND indexname <> 'PK_events'`)).rows;
  const pk = (await client.query(`SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conname = 'PK_events'`)).rows;
  for (const index of indexes) await client.query(`DROP INDEX "${index.indexname}"`);
  if (pk.length) await client.query(`ALTER TABLE "events" DROP CONSTRAINT "PK_events"`);
  const sessions = Math.ceil(CFG.events / gen['EVENTS_PER_SESSION']);
  const chunk = 50_000;
  for (let lo = 1; lo <= sessions; lo += chunk) {
    await step(`events sessions ${lo}…`, gen['insertEventsSql']({ tenantId, timeZone: CFG.timeZone, startDate, days: CFG.days, users: CFG.users, lo, hi: Math.min(sessions + 1, lo + chunk) }));
  }
  await client.query(`SET maintenance_work_mem = '512MB'; SET statement_timeout = '30min'; SET work_mem = '256MB'; SET jit = off`);
  if (pk.length) await step('PK_events', `ALTER TABLE "events" ADD CONSTRAINT "PK_events" ${pk[0].def}`);
  for (const index of indexes) await step(index.indexname, index.indexdef);
  for (const granularity of ['day', 'hour']) await step(`event_rollups ${granularity}`, gen['insertRollupsSql']({ tenantId, timeZone: CFG.timeZone, granularity }));
  await client.query(`ALTER TABLE "event_rollup_users" DROP CONSTRAINT "PK_event_rollup_users"`);
  await step('event_rollup_users day', gen['insertRollupUsersSql']({ tenantId, timeZone: CFG.timeZone, granularity: 'day' }));
  for (const table of ['person_first_seen', 'person_active_days', 'event_time_chunks', 'person_ids']) await client.query(`DROP TABLE "${table}"`);
  await client.query(`DELETE FROM "migrations" WHERE "name" = ANY($1)`, [BACKFILL_MIGRATIONS]);
  const t0 = performance.now();
  startApp();
  await waitReady(60 * 60 * 1000);
  await stopApp();
  steps['backfilling migrations'] = seconds(t0);
  await step('event_rollup_users primary key', `ALTER TABLE "event_rollup_users" ADD CONSTRAINT "PK_event_rollup_users" PRIMARY KEY ("rollup_id", "user_key")`);
  await step('numeric property values', gen['metricValuesSql']({ tenantId, numericProperties: NUMERIC_PROPERTIES }));
  for (const granularity of ['day', 'hour']) await step(`event_rollup_metrics ${granularity}`, gen['insertRollupMetricsSql']({ tenantId, timeZone: CFG.timeZone, granularity }));
  await client.query(`DROP TABLE "bench_metric_values"`);
  await client.query(`DROP FUNCTION bench_h(bigint, bigint)`);
  await step('vacuum analyze', 'VACUUM ANALYZE');
  const [{ events }] = (await client.query(`SELECT count(*)::int AS events FROM "events"`)).rows;
  return { events, steps };
}

function localDate(date: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: CFG.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}
function addDays(ymd: string, days: number): string {
  const date = new Date(`${ymd}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

async function main(): Promise<void> {
  const results: Record<string, unknown> = {
    run: RUN,
    startedAt: new Date().toISOString(),
    config: CFG,
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version, loadavgStart: loadavg() },
  };
  const today = localDate(new Date());
  const startDate = addDays(today, -CFG.days);
  const client = new Client({ connectionString: DB_URL });
  let tenant: { id: string; secretKey: string };
  if (REUSE_DB) {
    await client.connect();
    const kept = (await client.query(`SELECT "tenant_id", "secret_key", "start_date" FROM "bench_dashboard_run"`)).rows[0];
    tenant = { id: kept.tenant_id, secretKey: kept.secret_key };
    results['generation'] = { reused: DB };
    // The prebuilt dashboards as this build defines them (the first list seeds them again).
    await client.query(`DELETE FROM "dashboards" WHERE "tenant_id" = $1`, [tenant.id]);
    await client.query(`DELETE FROM "dashboard_tenants" WHERE "tenant_id" = $1`, [tenant.id]);
  } else {
    await admin(`CREATE DATABASE "${DB}"`);
    log(`database ${DB}: migrating with the built app`);
    startApp();
    await waitReady(10 * 60 * 1000);
    await stopApp();
    await client.connect();
    const secretKey = `psk_${randomBytes(24).toString('base64url')}`;
    const created = await client.query(
      `INSERT INTO "tenants" ("slug", "name", "time_zone", "currency", "write_key_hash") VALUES ($1, $2, $3, 'EUR', $4) RETURNING "id"`,
      [`bench-${RUN}`, `Dashboard bench ${RUN}`, CFG.timeZone, sha(`pwk_${RUN}`)],
    );
    tenant = { id: created.rows[0].id, secretKey };
    await client.query(`INSERT INTO "tenant_secret_keys" ("tenant_id", "key_hash", "label", "scopes") VALUES ($1, $2, 'dashboard-bench', 'read manage')`, [tenant.id, sha(secretKey)]);
    log(`generating ~${CFG.events} events over ${CFG.days} days for ${CFG.users} users`);
    const t0 = performance.now();
    results['generation'] = { ...(await generate(client, tenant.id, startDate)), seconds: seconds(t0) };
    await client.query(`CREATE TABLE "bench_dashboard_run" AS SELECT $1::uuid AS "tenant_id", $2::text AS "secret_key", $3::text AS "start_date"`, [tenant.id, secretKey, startDate]);
  }

  startApp();
  await waitReady(10 * 60 * 1000);
  const headers = { authorization: `Bearer ${tenant.secretKey}`, 'content-type': 'application/json' };
  const get = async (path: string) => {
    const t0 = performance.now();
    const response = await fetch(`http://127.0.0.1:${PORT}${path}`, { headers });
    const body = await response.json();
    if (response.status !== 200) throw new Error(`${path}: ${response.status} ${JSON.stringify(body)}`);
    return { body, ms: performance.now() - t0 };
  };
  const dashboards = (await get('/v1/dashboards')).body as Array<{ id: string; prebuiltKey: string | null; name: string }>;
  const executive = dashboards.find((dashboard) => dashboard.prebuiltKey === 'executive_overview');
  if (!executive) throw new Error('no executive overview');
  const detail = (await get(`/v1/dashboards/${executive.id}`)).body as { widgets: Array<Record<string, unknown>> };
  // The baseline: one dashboard per widget (same query, options and type), asked one after another.
  const singles: string[] = [];
  const singleTitles: string[] = [];
  for (const widget of detail.widgets) {
    const created = await fetch(`http://127.0.0.1:${PORT}/v1/dashboards`, { method: 'POST', headers, body: JSON.stringify({ name: `bench ${widget['title']}` }) });
    const dashboard = (await created.json()) as { id: string };
    const { type, title, query, options } = widget;
    const added = await fetch(`http://127.0.0.1:${PORT}/v1/dashboards/${dashboard.id}/widgets`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ type, title, options, ...(query === null ? {} : { query }) }),
    });
    if (added.status !== 201) throw new Error(`baseline widget ${String(title)}: ${added.status} ${await added.text()}`);
    singles.push(dashboard.id);
    singleTitles.push(`${String(type)}: ${String(title)}`);
  }
  // The last `rangeDays` whole days of the generated data (it ends yesterday).
  const range = `from=${addDays(today, -CFG.rangeDays)}&to=${addDays(today, -1)}`;
  const first = (await get(`/v1/dashboards/${executive.id}/data?${range}`)).body as { widgets: Array<{ type: string; status: string; data?: { value?: number }; error?: unknown }> };
  const failed = first.widgets.filter((widget) => widget.status !== 'ok');
  if (failed.length > 0) throw new Error(`widgets failed: ${JSON.stringify(failed)}`);
  results['widgets'] = first.widgets.map((widget) => ({ type: widget.type, value: widget.data?.value }));

  for (let index = 0; index < CFG.warmup; index++) {
    await get(`/v1/dashboards/${executive.id}/data?${range}`);
    for (const id of singles) await get(`/v1/dashboards/${id}/data?${range}`);
  }
  const concurrent: number[] = [];
  const sequential: number[] = [];
  const perWidget: number[][] = singles.map(() => []);
  const load: number[] = [];
  // Alternating, so both see the same machine load.
  for (let index = 0; index < CFG.runs; index++) {
    concurrent.push((await get(`/v1/dashboards/${executive.id}/data?${range}`)).ms);
    let total = 0;
    for (const [widget, id] of singles.entries()) {
      const { ms } = await get(`/v1/dashboards/${id}/data?${range}`);
      perWidget[widget].push(ms);
      total += ms;
    }
    sequential.push(total);
    load.push(loadavg()[0]);
  }
  results['range'] = range;
  results['executiveData'] = summary(concurrent);
  results['baselineOneAfterAnother'] = summary(sequential);
  results['perWidgetAlone'] = Object.fromEntries(singleTitles.map((title, index) => [title, summary(perWidget[index])]));
  results['loadavg'] = { min: Math.min(...load), max: Math.max(...load), end: loadavg() };
  log(`executive /data ms ${JSON.stringify(results['executiveData'])}; one after another ${JSON.stringify(results['baselineOneAfterAnother'])}`);

  await stopApp();
  await client.end();
  if (!KEEP_DB) await admin(`DROP DATABASE IF EXISTS "${DB}" WITH (FORCE)`);
  else log(`kept ${DB} (--reuse-db=${DB})`);
  const json = JSON.stringify(results, null, 2);
  if (OUT) await writeFile(OUT, json);
  process.stdout.write(`${json}\n`);
}

main().catch(async (error: unknown) => {
  log(error instanceof Error ? error.stack : String(error));
  await stopApp();
  if (!KEEP_DB) await admin(`DROP DATABASE IF EXISTS "${DB}" WITH (FORCE)`).catch(() => undefined);
  process.exit(1);
});

// Pulse insights benchmark (issue 4): query times over a large generated dataset. One command, bounded,
// cleans up after itself. Builds nothing: first run
//   NX_DAEMON=false NX_NO_CLOUD=true npx nx run insights:build
// then
//   node tools/bench/insights-bench.mjs [--events=10000000] [--users=200000] [--days=90] [--warmup=5] [--runs=20]
//        [--query-budget=120] [--chunks=auto] [--concurrency=2] [--hour-users] [--no-explain] [--keep-db]
//        [--limit-minutes=60] [--port=3753] [--out=tools/bench/results/insights-<run>.json] [--reuse-db=<name>]
// --keep-db keeps the generated database (and what step 3 needs in its table bench_run); --reuse-db=<name>
// measures again on such a database without generating (the app applies newer migrations at start), and
// keeps it. --generate-only (implies --keep-db) stops after generating. --only=<name>,<name> measures just those queries.
// Needs PostgreSQL (127.0.0.1:5432, user postgres, trust), Redis (6379) and Kafka (9092; the insights app
// connects at start). What it does:
// 1. creates database pulse_bench_<random>, starts dist/apps/insights/main.js against it (which runs the
//    storage migrations), stops it, creates a tenant (Europe/Berlin, EUR) and a secret key directly in SQL
//    (tenants / tenant_secret_keys, SHA-256 of the key, as libs/tenancy hashes it);
// 2. generates the events inside PostgreSQL (tools/bench/insights-generate.mjs; events indexes dropped
//    during the load and rebuilt with the migrations' definitions), then the rollups the stream processor
//    would write (hour and day, no dimensions; unique users per day rollup, optionally per hour; numeric
//    summaries; all-types '*' rollups, person_first_seen, person_active_days and the funnels' event-time chunks by
//    re-running the storage migrations that backfill them), ANALYZE;
// 3. starts the app again and times each query over HTTP with the secret key (warm-ups, then timed runs,
//    sequential), checks the planner's path, and that the rollup and raw paths give the same numbers;
// 4. optionally (default on) runs each query once more with auto_explain (EXPLAIN ANALYZE of the app's own
//    statements, read back from the PostgreSQL server log) and keeps the plans of the slow ones;
// 5. writes JSON to tools/bench/results/insights-<run>.json and drops the database (WITH (FORCE)).
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync, existsSync, statSync, openSync, readSync, closeSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { randomBytes, createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { arg, loadavg, logger, pct, sleep } from './bench-common.mjs';
import {
  EVENTS_PER_SESSION,
  HASH_FUNCTION_SQL,
  insertEventsSql,
  insertRollupsSql,
  insertRollupUsersSql,
  metricValuesSql,
  insertRollupMetricsSql,
} from './insights-generate.mjs';

const require = createRequire(import.meta.url);
const pg = require('pg');
/** libs/storage/src/lib/migrations/1764115200700-…: creates and backfills the '*' rollups and person_first_seen. */
const ALL_TYPES_MIGRATION = 'AddAllTypesRollupsAndFirstSeen1764115200700';
/** libs/storage/src/lib/migrations/1764115200800-…: creates and backfills person_active_days (range totals of unique users). */
const ACTIVE_DAYS_MIGRATION = 'AddPersonActiveDays1764115200800';
/** libs/storage/src/lib/migrations/1764115200900-…: creates and backfills person_ids and event_time_chunks (funnels). */
const EVENT_TIMES_MIGRATION = 'AddEventTimeChunks1764115200900';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CFG = {
  events: Number(arg('events', 10_000_000)),
  users: Number(arg('users', 200_000)),
  days: Number(arg('days', 90)),
  timeZone: 'Europe/Berlin',
  warmup: Number(arg('warmup', 5)),
  runs: Number(arg('runs', 20)),
  queryBudgetS: Number(arg('query-budget', 120)),
  chunks: arg('chunks', 'auto'),
  concurrency: Number(arg('concurrency', 2)),
  hourUsers: Boolean(arg('hour-users', false)),
  explain: !arg('no-explain', false),
  generateOnly: Boolean(arg('generate-only', false)),
  keepDb: Boolean(arg('keep-db', false)) || Boolean(arg('generate-only', false)),
  limitMinutes: Number(arg('limit-minutes', 60)),
  port: Number(arg('port', 3753)),
  pg: process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432',
  redis: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  brokers: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092',
  pgLog: process.env.BENCH_PG_LOG ?? '/var/log/postgresql/postgresql-15-main.log',
};
const RUN = randomBytes(4).toString('hex');
const REUSE_DB = arg('reuse-db', null);
if (REUSE_DB !== null && !/^pulse_bench_[0-9a-f]{8}$/.test(String(REUSE_DB))) throw new Error(`--reuse-db must name a kept bench database (pulse_bench_<8 hex>), got ${REUSE_DB}`);
const DB = REUSE_DB ?? `pulse_bench_${RUN}`;
const DB_URL = `${CFG.pg}/${DB}`;
const ADMIN_TOKEN = `bench-admin-${randomBytes(12).toString('hex')}`;
const NUMERIC_PROPERTIES = ['revenue', 'total', 'price', 'quantity', 'tax', 'shipping', 'discount', 'results_count', 'duration_seconds',
  'watch_time_seconds', 'response_time_ms', 'message_length', 'sentiment_score', 'satisfaction_score', 'message_count', 'tokens_used',
  'input_tokens', 'output_tokens', 'cost_cents', 'latency_ms', 'metric_value', 'records_processed', 'records_failed', 'duration_ms'];
const results = { run: RUN, startedAt: new Date().toISOString(), config: { ...CFG }, machine: {}, generation: {}, queries: {}, checks: {}, explain: {}, errors: [] };

const log = logger('insights-bench');
const r2 = (x) => Math.round(x * 100) / 100;
const summary = (values) => {
  const s = Float64Array.from(values).sort();
  return { n: s.length, min: r2(s[0]), p50: r2(pct(s, 50)), p95: r2(pct(s, 95)), max: r2(s[s.length - 1]) };
};
const seconds = (t0) => +((performance.now() - t0) / 1000).toFixed(1);

// ---------- HTTP ----------
const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
function request(method, path, { body, headers = {}, timeoutMs = 180_000 } = {}) {
  return new Promise((resolveReq, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(
      { host: '127.0.0.1', port: CFG.port, method, path, agent, headers: { ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}), ...headers } },
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
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`timeout ${method} ${path}`)));
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

// ---------- the insights app as a child process ----------
let app;
function startApp() {
  const file = join(ROOT, 'dist/apps/insights/main.js');
  if (!existsSync(file)) throw new Error(`${file} missing: run NX_DAEMON=false NX_NO_CLOUD=true npx nx run insights:build`);
  const proc = spawn(process.execPath, [file], {
    cwd: ROOT,
    env: { ...process.env, KAFKA_BROKERS: CFG.brokers, DATABASE_URL: DB_URL, REDIS_URL: CFG.redis, PORT: String(CFG.port), HOST: '127.0.0.1', ADMIN_TOKEN, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  app = { proc, tail: [], exited: null, rssMaxKb: 0 };
  const entry = app;
  const keep = (d) => { entry.tail.push(d.toString()); if (entry.tail.length > 40) entry.tail.shift(); };
  proc.stdout.on('data', keep);
  proc.stderr.on('data', keep);
  proc.on('exit', (code, signal) => { entry.exited = { code, signal }; });
  return entry;
}
async function waitReady(timeoutMs = 120_000) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (app.exited) throw new Error(`insights exited ${JSON.stringify(app.exited)}:\n${app.tail.join('').slice(-3000)}`);
    try {
      const r = await request('GET', '/ready', { timeoutMs: 5000 });
      if (r.status === 200) return;
    } catch { /* not yet */ }
    await sleep(300);
  }
  throw new Error(`insights not ready after ${timeoutMs} ms:\n${app.tail.join('').slice(-3000)}`);
}
async function stopApp() {
  if (!app || app.exited) return;
  app.proc.kill('SIGTERM');
  const end = Date.now() + 15_000;
  while (Date.now() < end && !app.exited) await sleep(200);
  if (!app.exited) app.proc.kill('SIGKILL');
  agent.destroy();
}
const rssTimer = setInterval(() => {
  if (!app || app.exited) return;
  try {
    const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${app.proc.pid}/status`, 'utf8'));
    if (m) app.rssMaxKb = Math.max(app.rssMaxKb, Number(m[1]));
  } catch { /* gone */ }
}, 500);

// ---------- dates in the tenant's zone ----------
function localDate(date, timeZone) {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}
function addDays(ymd, days) {
  const d = new Date(`${ymd}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
/** ISO instant with the zone's offset at local midnight of ymd (whole-hour zones; resolved by PostgreSQL). */
async function localMidnight(client, ymd) {
  const r = await client.query(`SELECT to_char(($1::date::timestamp AT TIME ZONE $2) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS t`, [ymd, CFG.timeZone]);
  return r.rows[0].t;
}

// ---------- phases ----------
async function createTenant(client) {
  const writeKey = `pwk_${randomBytes(24).toString('base64url')}`;
  const secretKey = `psk_${randomBytes(24).toString('base64url')}`;
  const sha = (k) => createHash('sha256').update(k, 'utf8').digest('hex');
  const t = await client.query(
    `INSERT INTO "tenants" ("slug", "name", "time_zone", "currency", "write_key_hash") VALUES ($1, $2, $3, 'EUR', $4) RETURNING "id"`,
    [`bench-${RUN}`, `Insights bench ${RUN}`, CFG.timeZone, sha(writeKey)],
  );
  await client.query(`INSERT INTO "tenant_secret_keys" ("tenant_id", "key_hash", "label") VALUES ($1, $2, 'insights-bench')`, [t.rows[0].id, sha(secretKey)]);
  return { id: t.rows[0].id, secretKey };
}

/** Runs SQL statements over `concurrency` connections, in order of the list, each bounded by statement_timeout. */
async function runParallel(statements, concurrency, onDone) {
  const clients = await Promise.all(Array.from({ length: concurrency }, async () => {
    const c = new pg.Client({ connectionString: DB_URL });
    await c.connect();
    await c.query(`SET synchronous_commit = off; SET work_mem = '64MB'; SET statement_timeout = '30min'; SET jit = off`);
    return c;
  }));
  let next = 0;
  try {
    await Promise.all(clients.map(async (c) => {
      while (next < statements.length) {
        const i = next++;
        const t0 = performance.now();
        const r = await c.query(statements[i]);
        onDone?.(i, r, performance.now() - t0);
      }
    }));
  } finally {
    await Promise.all(clients.map((c) => c.end().catch(() => {})));
  }
}

async function generate(client, tenant, startDate) {
  const gen = results.generation;
  await client.query(HASH_FUNCTION_SQL);
  // Bulk load without the events indexes; rebuilt afterwards with the migrations' own definitions.
  const idx = await client.query(`SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename = 'events' AND indexname <> 'PK_events'`);
  const pk = await client.query(`SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conname = 'PK_events'`);
  gen.eventsIndexes = [...idx.rows.map((r) => r.indexdef), `PK_events ${pk.rows[0]?.def}`];
  for (const r of idx.rows) await client.query(`DROP INDEX "${r.indexname}"`);
  if (pk.rows.length) await client.query(`ALTER TABLE "events" DROP CONSTRAINT "PK_events"`);

  const sessions = Math.ceil(CFG.events / EVENTS_PER_SESSION);
  const chunks = CFG.chunks === 'auto' ? Math.max(2, Math.ceil(CFG.events / 400_000)) : Number(CFG.chunks);
  const per = Math.ceil(sessions / chunks);
  const statements = [];
  for (let lo = 1; lo <= sessions; lo += per) {
    statements.push(insertEventsSql({ tenantId: tenant.id, timeZone: CFG.timeZone, startDate, days: CFG.days, users: CFG.users, lo, hi: Math.min(sessions + 1, lo + per) }));
  }
  log(`generating ~${CFG.events} events: ${sessions} sessions in ${statements.length} statements, ${CFG.concurrency} connections`);
  const load = [loadavg()];
  let rows = 0;
  let t0 = performance.now();
  await runParallel(statements, CFG.concurrency, (i, r, ms) => {
    rows += r.rowCount;
    load.push(loadavg());
    log(`  events chunk ${i + 1}/${statements.length}: ${r.rowCount} rows in ${(ms / 1000).toFixed(1)} s (total ${rows}, load ${loadavg()[0]})`);
  });
  gen.sessions = sessions;
  gen.events = rows;
  gen.insertSeconds = seconds(t0);
  gen.insertRowsPerSecond = Math.round(rows / gen.insertSeconds);

  await client.query(`SET maintenance_work_mem = '1GB'; SET statement_timeout = '30min'`);
  t0 = performance.now();
  if (pk.rows.length) await client.query(`ALTER TABLE "events" ADD CONSTRAINT "PK_events" ${pk.rows[0].def}`);
  const indexTimes = { PK_events: seconds(t0) };
  for (const r of idx.rows) {
    const t1 = performance.now();
    await client.query(r.indexdef);
    indexTimes[r.indexname] = seconds(t1);
  }
  gen.indexSeconds = seconds(t0);
  gen.indexSecondsEach = indexTimes;
  log(`events: ${rows} rows in ${gen.insertSeconds} s (${gen.insertRowsPerSecond}/s), indexes ${gen.indexSeconds} s ${JSON.stringify(indexTimes)}`);

  // Rollups, as the stream processor would have written them from these events.
  t0 = performance.now();
  const rollupTimes = {};
  const step = async (name, sql) => {
    const t1 = performance.now();
    const r = await client.query(sql);
    rollupTimes[name] = { seconds: seconds(t1), rows: r.rowCount };
    load.push(loadavg());
    log(`  ${name}: ${r.rowCount} rows in ${rollupTimes[name].seconds} s`);
  };
  await client.query(`SET work_mem = '256MB'; SET jit = off`);
  for (const granularity of ['day', 'hour']) await step(`event_rollups ${granularity}`, insertRollupsSql({ tenantId: tenant.id, timeZone: CFG.timeZone, granularity }));
  // Unique users: (rollup, user) pairs; loaded without the primary key, which is added back after.
  await client.query(`ALTER TABLE "event_rollup_users" DROP CONSTRAINT "PK_event_rollup_users"`);
  await step('event_rollup_users day', insertRollupUsersSql({ tenantId: tenant.id, timeZone: CFG.timeZone, granularity: 'day' }));
  if (CFG.hourUsers) await step('event_rollup_users hour', insertRollupUsersSql({ tenantId: tenant.id, timeZone: CFG.timeZone, granularity: 'hour' }));
  // All-types rollups with their user lists and persons' first events: the storage migration that added them
  // backfills them from stored events, so let the app run it again over these events (its own SQL, and the
  // time an upgrade of a deployment this size would take). It ran on the empty database at the first start.
  // (Every migration that backfills from events: at the first start they ran over no events.)
  await client.query(`DROP TABLE "person_first_seen"`);
  await client.query(`DROP TABLE "person_active_days"`);
  await client.query(`DROP TABLE "event_time_chunks"`);
  await client.query(`DROP TABLE "person_ids"`);
  await client.query(`DELETE FROM "migrations" WHERE "name" IN ('${ALL_TYPES_MIGRATION}', '${ACTIVE_DAYS_MIGRATION}', '${EVENT_TIMES_MIGRATION}')`);
  const migrationStart = performance.now();
  startApp();
  await waitReady(60 * 60 * 1000);
  await stopApp();
  rollupTimes['migrations: all-types rollups and first seen, active days, event-time chunks'] = { seconds: seconds(migrationStart), rows: null };
  log(`  migrations ${ALL_TYPES_MIGRATION}, ${ACTIVE_DAYS_MIGRATION}, ${EVENT_TIMES_MIGRATION} over the generated events: ${seconds(migrationStart)} s`);
  await step('event_rollup_users primary key', `ALTER TABLE "event_rollup_users" ADD CONSTRAINT "PK_event_rollup_users" PRIMARY KEY ("rollup_id", "user_key")`);
  await step('numeric property values (scratch)', metricValuesSql({ tenantId: tenant.id, numericProperties: NUMERIC_PROPERTIES }));
  for (const granularity of ['day', 'hour']) await step(`event_rollup_metrics ${granularity}`, insertRollupMetricsSql({ tenantId: tenant.id, timeZone: CFG.timeZone, granularity }));
  await client.query(`DROP TABLE "bench_metric_values"`);
  await client.query(`DROP FUNCTION bench_h(bigint, bigint)`);
  gen.rollupSeconds = seconds(t0);
  gen.rollupSteps = rollupTimes;
  t0 = performance.now();
  await client.query('VACUUM ANALYZE');
  gen.vacuumAnalyzeSeconds = seconds(t0);
  gen.loadavg = { min1Max: Math.max(...load.map((l) => l[0])), samples: load.map((l) => l[0]) };

  const sizes = await client.query(`SELECT c.relname AS name, c.reltuples::bigint AS rows, pg_table_size(c.oid) AS table_bytes, pg_indexes_size(c.oid) AS index_bytes,
      pg_total_relation_size(c.oid) AS total_bytes
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname IN ('events', 'event_rollups', 'event_rollup_users', 'event_rollup_metrics')
   ORDER BY c.relname`);
  const mb = (b) => Math.round(Number(b) / 2 ** 20);
  gen.tables = Object.fromEntries(sizes.rows.map((r) => [r.name, { rows: Number(r.rows), tableMb: mb(r.table_bytes), indexMb: mb(r.index_bytes), totalMb: mb(r.total_bytes) }]));
  const mix = await client.query(`SELECT "type", count(*)::int AS n FROM "events" GROUP BY 1 ORDER BY 2 DESC`);
  gen.typeMix = Object.fromEntries(mix.rows.map((r) => [r.type, r.n]));
  const people = await client.query(`SELECT count(DISTINCT "user_key")::int AS persons, min("occurred_at") AS first, max("occurred_at") AS last FROM "events"`);
  gen.persons = people.rows[0].persons;
  gen.occurredRange = [people.rows[0].first, people.rows[0].last];
  const idxs = await client.query(`SELECT indexrelname AS name, pg_relation_size(indexrelid) AS bytes FROM pg_stat_user_indexes ORDER BY 1`);
  gen.indexSizesMb = Object.fromEntries(idxs.rows.filter((r) => Number(r.bytes) > 0).map((r) => [r.name, mb(r.bytes)]));
  const typical = await client.query(`WITH c AS (SELECT "user_id", count(*)::int AS n FROM "events" WHERE "user_id" IS NOT NULL GROUP BY 1)
    SELECT "user_id", n FROM c WHERE n = (SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY n) FROM c) ORDER BY "user_id" LIMIT 1`);
  const heavy = await client.query(`SELECT count(*)::int AS n FROM "events" WHERE "user_id" = 'user-1'`);
  gen.journeyUsers = { heavy: { id: 'user-1', events: heavy.rows[0].n }, typical: { id: typical.rows[0].user_id, events: typical.rows[0].n } };
  log(`generation done: ${JSON.stringify({ events: gen.events, persons: gen.persons, tables: gen.tables })}`);
}

function queryDefinitions(range) {
  const { from, to, startDate } = range;
  const trend = (extra) => ({ from, to, granularity: 'day', metric: { type: 'event_count' }, ...extra });
  const funnel = (extra) => ({ from, to, conversionWindowSeconds: 86_400, steps: [{ eventType: 'page_view' }, { eventType: 'product_view' }, { eventType: 'purchase' }], ...extra });
  return [
    { name: 'trend_rollup_event_count_day', path: 'rollup', method: 'POST', url: '/v1/query', body: trend({}) },
    { name: 'trend_rollup_unique_users_week', path: 'rollup', method: 'POST', url: '/v1/query', body: { from, to, granularity: 'week', metric: { type: 'unique_users' } } },
    { name: 'trend_rollup_revenue_sum_day', path: 'rollup', method: 'POST', url: '/v1/query', body: trend({ metric: { type: 'aggregate', events: ['purchase'], field: 'properties.revenue', aggregation: 'sum' } }) },
    // Europe/Paris has Berlin's offsets on every day, so the buckets are the same; the planner reads raw
    // events for any zone other than the one the rollups were cut in. Same numbers expected.
    { name: 'trend_raw_event_count_day', path: 'raw', method: 'POST', url: '/v1/query', body: trend({ timeZone: 'Europe/Paris' }), sameAs: 'trend_rollup_event_count_day' },
    { name: 'trend_raw_unique_users_week', path: 'raw', method: 'POST', url: '/v1/query', body: { from, to, granularity: 'week', timeZone: 'Europe/Paris', metric: { type: 'unique_users' } }, sameAs: 'trend_rollup_unique_users_week' },
    { name: 'trend_raw_revenue_p95_day', path: 'raw', method: 'POST', url: '/v1/query', body: trend({ metric: { type: 'aggregate', events: ['purchase'], field: 'properties.revenue', aggregation: 'p95' } }) },
    { name: 'trend_raw_page_view_property_filter_day', path: 'raw', method: 'POST', url: '/v1/query', body: trend({ metric: { type: 'event_count', events: ['page_view'] }, filters: [{ field: 'properties.path', operator: 'equals', value: '/sale' }] }) },
    { name: 'funnel_3_steps_90d', method: 'POST', url: '/v1/funnels', body: funnel({}) },
    // The same funnel counted from each person's first page view only, and with no page_view/product_view/purchase between steps.
    { name: 'funnel_3_steps_90d_first', method: 'POST', url: '/v1/funnels', body: funnel({ startMode: 'first' }) },
    { name: 'funnel_3_steps_90d_strict', method: 'POST', url: '/v1/funnels', body: funnel({ order: 'strict' }) },
    { name: 'retention_week_12', method: 'POST', url: '/v1/retention', body: { start: startDate, period: 'week', periods: 12 } },
    { name: 'journey_heavy_user', method: 'GET', url: `/v1/users/user-1/journey?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}` },
    { name: 'journey_typical_user', method: 'GET', url: `/v1/users/${encodeURIComponent(range.typicalUser)}/journey?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}` },
  ];
}

function describe(q, body) {
  if (q.url === '/v1/query') return { path: body?.path, reason: body?.reason, buckets: body?.series?.[0]?.points?.length, total: body?.series?.[0]?.total };
  if (q.url === '/v1/funnels') return { path: body?.path, steps: body?.steps?.map((s) => ({ eventType: s.eventType, users: s.users, conversionFromPrevious: s.conversionFromPrevious })) };
  if (q.url === '/v1/retention') return { cohorts: body?.cohorts?.length, firstCohort: body?.cohorts?.[0] && { periodStart: body.cohorts[0].periodStart, size: body.cohorts[0].size, percentages: body.cohorts[0].percentages.map((x) => r2(x * 100)) } };
  return { events: body?.events?.length, truncated: body?.truncated, sessions: body?.sessions };
}
/** The first series' bucket values, then its total over the range (for unique users not their sum). */
function seriesPoints(body) {
  return [...(body?.series?.[0]?.points ?? []).map((p) => Number(p.value)), Number(body?.series?.[0]?.total)];
}

async function measure(queries, auth) {
  for (const q of queries) {
    const timings = [];
    let first;
    const t0 = performance.now();
    const load = [loadavg()[0]];
    try {
      for (let i = 0; i < CFG.warmup + CFG.runs; i++) {
        const s = performance.now();
        const r = await request(q.method, q.url, { body: q.body, headers: auth });
        const ms = performance.now() - s;
        if (r.status !== 200) throw new Error(`${q.name} answered ${r.status}: ${JSON.stringify(r.body).slice(0, 600)}`);
        if (!first) first = r.body;
        if (i >= CFG.warmup) timings.push(ms);
        // Bounded: slow queries stop after the budget (at least 3 timed runs; fewer warm-ups when one takes seconds).
        const spent = (performance.now() - t0) / 1000;
        if (i < CFG.warmup && ms > 3000 && i >= 0) i = Math.max(i, CFG.warmup - 1);
        if (timings.length >= 3 && spent > CFG.queryBudgetS) break;
      }
      load.push(loadavg()[0]);
      const info = describe(q, first);
      results.queries[q.name] = { request: { method: q.method, url: q.url, body: q.body }, ms: summary(timings), ...info, loadavg: load };
      if (q.path && info.path !== q.path) results.errors.push(`${q.name}: expected path ${q.path}, got ${info.path} (${info.reason ?? ''})`);
      q.answer = first;
      log(`${q.name}: ${JSON.stringify(results.queries[q.name].ms)} ${JSON.stringify(info).slice(0, 300)}`);
    } catch (e) {
      results.errors.push(String(e.message ?? e));
      log(`${q.name} FAILED: ${e.message}`);
    }
  }
  // Rollup and raw paths must agree.
  for (const q of queries.filter((x) => x.sameAs)) {
    const other = queries.find((x) => x.name === q.sameAs);
    if (!q.answer || !other?.answer) continue;
    const a = seriesPoints(q.answer), b = seriesPoints(other.answer);
    const same = a.length === b.length && a.every((v, i) => v === b[i]);
    results.checks[`${q.sameAs} = ${q.name}`] = same ? `same ${a.length - 1} buckets and range total ${a[a.length - 1]}` : { rollup: b, raw: a };
    if (!same) results.errors.push(`rollup and raw answers differ: ${q.sameAs} vs ${q.name}`);
  }
}

/** PostgreSQL server log from `offset`: auto_explain plans of this database's statements. */
function readPlans(offset) {
  if (!existsSync(CFG.pgLog)) return [];
  const size = statSync(CFG.pgLog).size;
  if (size <= offset) return [];
  const fd = openSync(CFG.pgLog, 'r');
  const buf = Buffer.alloc(Math.min(size - offset, 64 * 2 ** 20));
  readSync(fd, buf, 0, buf.length, offset);
  closeSync(fd);
  const plans = [];
  let current;
  for (const line of buf.toString('utf8').split('\n')) {
    if (/^\d{4}-\d\d-\d\d /.test(line)) {
      current = undefined;
      const m = line.includes(`@${DB} `) && /LOG:\s+duration: ([\d.]+) ms\s+plan:/.exec(line);
      if (m) { current = { durationMs: Number(m[1]), lines: [] }; plans.push(current); }
    } else if (current) current.lines.push(line);
  }
  return plans.map((p) => ({ durationMs: p.durationMs, plan: p.lines.join('\n') }));
}

async function explainPass(adminPg, queries, auth) {
  const settings = {
    session_preload_libraries: 'auto_explain',
    'auto_explain.log_min_duration': '40ms',
    'auto_explain.log_analyze': 'on',
    'auto_explain.log_buffers': 'on',
    'auto_explain.log_timing': 'on',
    'auto_explain.log_nested_statements': 'off',
  };
  for (const [k, v] of Object.entries(settings)) await adminPg.query(`ALTER DATABASE ${DB} SET ${k} = '${v}'`);
  const offset = existsSync(CFG.pgLog) ? statSync(CFG.pgLog).size : 0;
  startApp();
  await waitReady();
  for (const q of queries) {
    const before = existsSync(CFG.pgLog) ? statSync(CFG.pgLog).size : 0;
    const s = performance.now();
    const r = await request(q.method, q.url, { body: q.body, headers: auth }).catch((e) => ({ status: 0, body: e.message }));
    const ms = performance.now() - s;
    await sleep(300);
    const plans = readPlans(before).sort((a, b) => b.durationMs - a.durationMs);
    results.explain[q.name] = { status: r.status, httpMs: r2(ms), statements: plans.map((p) => ({ durationMs: p.durationMs, plan: p.plan.slice(0, 12_000) })) };
    log(`explain ${q.name}: ${r2(ms)} ms, ${plans.length} statement(s) ≥ 40 ms${plans[0] ? `, slowest ${plans[0].durationMs} ms` : ''}`);
  }
  results.explain.logOffset = offset;
  await stopApp();
}

// ---------- main ----------
async function main() {
  results.machine = { node: process.version, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memMb: Math.round(os.totalmem() / 2 ** 20), loadavgAtStart: loadavg() };
  log(`run ${RUN}, database ${DB}, ${CFG.events} events, load ${loadavg().join(' ')}`);
  const adminPg = new pg.Client({ connectionString: `${CFG.pg}/postgres` });
  await adminPg.connect();
  results.machine.postgres = (await adminPg.query('SELECT version()')).rows[0].version;
  if (!REUSE_DB) await adminPg.query(`CREATE DATABASE ${DB}`);
  results.database = DB;
  let client;
  let tenant;
  let range;
  try {
    client = new pg.Client({ connectionString: DB_URL });
    if (REUSE_DB) {
      await client.connect();
      const kept = (await client.query(`SELECT "value" FROM "bench_run"`)).rows[0].value;
      ({ tenant, range } = kept);
      results.generation = { ...kept.generation, reusedFrom: kept.run };
      results.tenant = { id: tenant.id, timeZone: CFG.timeZone, currency: 'EUR' };
      log(`reusing ${DB} (generated by run ${kept.run}): ${results.generation.events} events`);
    } else {
      // Migrations: the built app runs them at start.
      const t0 = performance.now();
      startApp();
      await waitReady();
      await stopApp();
      results.generation.migrateSeconds = seconds(t0);
      await client.connect();
      tenant = await createTenant(client);
      results.tenant = { id: tenant.id, timeZone: CFG.timeZone, currency: 'EUR' };

      const today = localDate(new Date(), CFG.timeZone);
      const startDate = addDays(today, -CFG.days);
      range = { startDate, from: await localMidnight(client, startDate), to: await localMidnight(client, today) };
      results.range = { ...range, endDateExclusive: today };
      log(`range ${range.from} .. ${range.to} (${CFG.timeZone} ${startDate} .. ${today})`);

      const generationStart = performance.now();
      await generate(client, tenant, startDate);
      results.generation.totalSeconds = seconds(generationStart);
      if (CFG.keepDb) {
        await client.query(`CREATE TABLE "bench_run" ("value" jsonb NOT NULL)`);
        await client.query(`INSERT INTO "bench_run" VALUES ($1)`, [JSON.stringify({ run: RUN, tenant, range, generation: results.generation })]);
      }
    }
    results.range ??= range;
    await client.end();
    client = undefined;
    if (CFG.generateOnly) return;

    range.typicalUser = results.generation.journeyUsers.typical.id;
    const only = arg('only', null);
    const queries = queryDefinitions(range).filter((query) => only === null || String(only).split(',').includes(query.name));
    const auth = { authorization: `Bearer ${tenant.secretKey}` };
    let t0 = performance.now();
    startApp();
    await waitReady();
    results.appStartSeconds = seconds(t0); // with --reuse-db: includes newer migrations over the kept rows
    log(`measuring: ${CFG.warmup} warm-ups, ${CFG.runs} timed runs each (budget ${CFG.queryBudgetS} s per query)`);
    t0 = performance.now();
    await measure(queries, auth);
    results.measureSeconds = seconds(t0);
    results.rssMaxMb = Math.round(app.rssMaxKb / 1024);
    await stopApp();

    if (CFG.explain) {
      try {
        await explainPass(adminPg, queries, auth);
      } catch (e) {
        results.errors.push(`explain pass: ${e.message}`);
        await stopApp();
      }
    }
  } catch (e) {
    results.errors.push(String(e.stack ?? e));
    log('FAILED', e.stack ?? e);
    process.exitCode = 1;
  } finally {
    await stopApp();
    clearInterval(rssTimer);
    results.appLogTail = app?.tail.join('').slice(-2000);
    await client?.end().catch(() => {});
    if (CFG.keepDb || REUSE_DB) log(`kept database ${DB}: measure again with --reuse-db=${DB}, drop it with DROP DATABASE ${DB} WITH (FORCE)`);
    else await adminPg.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`).catch((e) => results.errors.push(`drop db: ${e.message}`));
    results.databaseDropped = !CFG.keepDb && !REUSE_DB;
    await adminPg.end().catch(() => {});
    results.finishedAt = new Date().toISOString();
    results.machine.loadavgAtEnd = loadavg();
    const out = arg('out', join(ROOT, 'tools/bench/results', `insights-${RUN}.json`));
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, JSON.stringify(results, null, 2));
    const table = Object.entries(results.queries).map(([name, q]) => `${name.padEnd(42)} p50 ${String(q.ms.p50).padStart(9)} ms  p95 ${String(q.ms.p95).padStart(9)} ms  n=${q.ms.n}${q.path ? `  path=${q.path}` : ''}`);
    console.log([`insights bench ${RUN}: ${results.generation.events ?? 0} events`, ...table, ...(results.errors.length ? ['errors:', ...results.errors.map((e) => `  ${String(e).slice(0, 300)}`)] : [])].join('\n'));
    log(`results written to ${out}`);
  }
}

async function emergencyDrop() {
  try {
    const c = new pg.Client({ connectionString: `${CFG.pg}/postgres` });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
    await c.end();
  } catch { /* best effort */ }
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, async () => { if (app && !app.exited) app.proc.kill('SIGKILL'); if (!CFG.keepDb && !REUSE_DB) await emergencyDrop(); process.exit(130); });
// Hard bound on the whole run.
setTimeout(async () => {
  log('hard time limit reached');
  if (app && !app.exited) app.proc.kill('SIGKILL');
  results.errors.push('hard time limit reached');
  try { writeFileSync(join(ROOT, 'tools/bench/results', `insights-${RUN}.json`), JSON.stringify(results, null, 2)); } catch { /* ignore */ }
  if (!CFG.keepDb && !REUSE_DB) await emergencyDrop();
  process.exit(2);
}, CFG.limitMinutes * 60 * 1000).unref();
main();

// GET /v1/export of 1 M events as CSV over HTTP: rows/s and the process's peak RSS while streaming, against a
// baseline in the same run — PostgreSQL's own `COPY (same SELECT) TO STDOUT WITH CSV` through psql, i.e. what the
// database alone costs to produce the same rows in the same order.
//   SWC_NODE_PROJECT=tsconfig.base.json node -r @swc-node/register tools/bench/export-bench.ts \
//     [--rows=1000000] [--out=<file>.json]
// A fresh database (DATABASE_URL's server), one tenant, `rows` events over 30 days generated in one INSERT … SELECT
// (~1 min for 1 M), the reporting service on an ephemeral port in this process, the client counting bytes and
// lines. Drops its database afterwards. JSON on stdout, a summary on stderr. See docs/BENCHMARKS.md.
import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { writeFile } from 'node:fs/promises';
import { openFreshPostgresStore } from '../../libs/storage/src/testing';
import { startReportingApp } from '../../libs/reporting/feature/src/testing/export-app';

const arg = (name: string, fallback: string): string => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const ROWS = Number(arg('rows', '1000000'));
const OUT = arg('out', '');
const MB = 1024 * 1024;

/** Peak resident set size and V8 heap sampled every 20 ms while `work` runs. */
async function withPeakRss<T>(work: () => Promise<T>): Promise<{ result: T; peakRssMb: number; peakHeapUsedMb: number }> {
  let peak = process.memoryUsage.rss();
  let peakHeap = process.memoryUsage().heapUsed;
  const sampler = setInterval(() => {
    const usage = process.memoryUsage();
    peak = Math.max(peak, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed);
  }, 20);
  try {
    const result = await work();
    return { result, peakRssMb: Math.round(Math.max(peak, process.memoryUsage.rss()) / MB), peakHeapUsedMb: Math.round(peakHeap / MB) };
  } finally {
    clearInterval(sampler);
  }
}

function downloadCounting(url: string, secretKey: string): Promise<{ status: number; bytes: number; lines: number; pieces: number }> {
  return new Promise((resolve, reject) => {
    const call = request(url, { headers: { authorization: `Bearer ${secretKey}` } }, (response) => {
      let bytes = 0;
      let lines = 0;
      let pieces = 0;
      response.on('data', (piece: Buffer) => {
        pieces++;
        bytes += piece.length;
        for (let i = piece.indexOf(10); i !== -1; i = piece.indexOf(10, i + 1)) lines++;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, bytes, lines, pieces }));
      response.on('error', reject);
    });
    call.on('error', reject);
    call.end();
  });
}

function psqlCopy(databaseUrl: string, sql: string): Promise<{ bytes: number; lines: number }> {
  return new Promise((resolve, reject) => {
    const psql = spawn('psql', [databaseUrl, '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-c', `COPY (${sql}) TO STDOUT WITH (FORMAT csv, HEADER)`]);
    let bytes = 0;
    let lines = 0;
    let stderr = '';
    psql.stdout.on('data', (piece: Buffer) => {
      bytes += piece.length;
      for (let i = piece.indexOf(10); i !== -1; i = piece.indexOf(10, i + 1)) lines++;
    });
    psql.stderr.on('data', (piece: Buffer) => (stderr += piece.toString()));
    psql.on('error', reject);
    psql.on('close', (code) => (code === 0 ? resolve({ bytes, lines }) : reject(new Error(`psql exited ${code}: ${stderr}`))));
  });
}

async function main(): Promise<void> {
  let databaseName = '';
  const app = await startReportingApp({
    name: 'PostgreSQL',
    open: async (schema) => {
      const opened = await openFreshPostgresStore({ prefix: 'pulse_bench_export', schema });
      databaseName = (await opened.store.dataSource.query('SELECT current_database() AS "name"'))[0].name;
      return opened;
    },
  });
  try {
    const tenant = await app.createTenant('UTC');
    const seedStart = performance.now();
    // ~150-byte properties and a small context: the shape of a typical tracked event.
    await app.store.dataSource.query(
      `INSERT INTO "events" ("tenant_id", "event_id", "type", "category", "occurred_at", "received_at", "user_id", "session_id", "properties", "context")
       SELECT $1, 'evt-' || n, (ARRAY['page_viewed','order_completed','message_sent'])[1 + n % 3], 'bench',
              timestamptz '2026-11-01T00:00:00Z' + (n * (2592000.0 / $2)) * interval '1 second',
              timestamptz '2026-11-01T00:00:00Z' + (n * (2592000.0 / $2)) * interval '1 second',
              'user-' || (n % 50000), 'session-' || (n / 7),
              jsonb_build_object('path', '/products/' || (n % 997), 'revenue', (n % 1000) / 10.0, 'plan', 'pro', 'title', 'Product, "quoted" ' || n),
              jsonb_build_object('ip', '10.0.' || (n % 255) || '.1', 'locale', 'en-GB')
         FROM generate_series(0, $2::int - 1) AS n`,
      [tenant.id, ROWS],
    );
    await app.store.dataSource.query('ANALYZE "events"');
    const seedSeconds = (performance.now() - seedStart) / 1000;
    process.stderr.write(`seeded ${ROWS} events in ${seedSeconds.toFixed(1)} s\n`);

    const from = '2026-11-01';
    const to = '2026-12-01';
    const url = `${app.url}/v1/export?from=${from}&to=${to}&dataset=events&format=csv`;

    const rssBefore = Math.round(process.memoryUsage.rss() / MB);
    const exportStart = performance.now();
    const { result: exported, peakRssMb, peakHeapUsedMb } = await withPeakRss(() => downloadCounting(url, tenant.secretKey));
    const exportSeconds = (performance.now() - exportStart) / 1000;
    if (exported.status !== 200 || exported.lines !== ROWS + 1) throw new Error(`export answered ${exported.status} with ${exported.lines} lines`);

    const admin = new URL(process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test');
    admin.pathname = `/${databaseName}`;
    const copyStart = performance.now();
    const copied = await psqlCopy(
      admin.toString(),
      `SELECT "event_id", "type", "category", "occurred_at", "received_at", "user_id", "anonymous_id", "session_id", "properties", "context"
         FROM "events" WHERE "tenant_id" = '${tenant.id}' AND "occurred_at" >= '${from}T00:00:00Z' AND "occurred_at" < '${to}T00:00:00Z'
        ORDER BY "occurred_at", "event_id"`,
    );
    const copySeconds = (performance.now() - copyStart) / 1000;

    const results = {
      date: new Date().toISOString(),
      machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, totalMemMb: Math.round(totalmem() / MB), freeMemMb: Math.round(freemem() / MB), loadAverage: loadavg() },
      node: process.version,
      rows: ROWS,
      seedSeconds: Number(seedSeconds.toFixed(1)),
      export: {
        seconds: Number(exportSeconds.toFixed(2)),
        rowsPerSecond: Math.round(ROWS / exportSeconds),
        megabytes: Number((exported.bytes / MB).toFixed(1)),
        pieces: exported.pieces,
        rssBeforeMb: rssBefore,
        peakRssMb,
        peakHeapUsedMb,
      },
      baselinePsqlCopy: {
        seconds: Number(copySeconds.toFixed(2)),
        rowsPerSecond: Math.round(ROWS / copySeconds),
        megabytes: Number((copied.bytes / MB).toFixed(1)),
        lines: copied.lines,
      },
      targets: { rowsPerSecond: 100_000, peakRssMb: 200 },
    };
    process.stderr.write(
      `export: ${results.export.rowsPerSecond} rows/s (${results.export.seconds} s, ${results.export.megabytes} MB), peak RSS ${peakRssMb} MB (before ${rssBefore} MB), peak heap used ${peakHeapUsedMb} MB\n` +
        `psql COPY baseline: ${results.baselinePsqlCopy.rowsPerSecond} rows/s (${results.baselinePsqlCopy.seconds} s, ${results.baselinePsqlCopy.megabytes} MB)\n`,
    );
    const json = JSON.stringify(results, null, 2);
    process.stdout.write(`${json}\n`);
    if (OUT) await writeFile(OUT, `${json}\n`);
  } finally {
    await app.stop();
  }
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack ?? error}\n`);
  process.exit(1);
});

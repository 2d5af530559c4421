// GET /v1/export of 1 M events as CSV over HTTP: rows/s and the service's peak RSS while streaming, against a
// baseline in the same run — PostgreSQL's own `COPY (same SELECT) TO STDOUT WITH CSV` through psql, i.e. what the
// database alone costs to produce the same rows in the same order — and psql running the service's own COPY statement.
//   npx nx run reporting:build && SWC_NODE_PROJECT=tsconfig.base.json node -r @swc-node/register \
//     tools/bench/export-bench.ts [--rows=1000000] [--app=dist/apps/reporting/main.js] \
//     [--app-node-options="--max-semi-space-size=4 --max-old-space-size=1024"] [--out=<file>.json]
// A fresh database (DATABASE_URL's server), one tenant, `rows` events over 30 days generated in one INSERT … SELECT
// (~40 s for 1 M). The export is read from the built reporting app started as its own process on that database
// (KAFKA_BROKERS and REDIS_URL as for any distributed start), so its RSS is the service's alone; the same export
// from the service inside this process is measured too (its RSS includes the bench and the TypeScript compiler).
// Drops its database afterwards. JSON on stdout, a summary on stderr. See docs/BENCHMARKS.md.
import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { request } from 'node:http';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { writeFile } from 'node:fs/promises';
import { exportCopySql } from '../../libs/storage/src';
import { openFreshPostgresStore } from '../../libs/storage/src/testing';
import { EXPORT_COLUMNS } from '../../libs/reporting/feature/src/lib/export/export-columns';
import { startReportingApp } from '../../libs/reporting/feature/src/testing/export-app';

const arg = (name: string, fallback: string): string =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const ROWS = Number(arg('rows', '1000000'));
const OUT = arg('out', '');
const APP = arg('app', 'dist/apps/reporting/main.js');
// What k8s/base/*.yaml give the other services; without it V8 lets the heap grow to ~300 MB of garbage before collecting.
const APP_NODE_OPTIONS = arg('app-node-options', '--max-semi-space-size=4 --max-old-space-size=1024');
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

/** A kB figure of /proc/<pid>/status (VmRSS now, VmHWM the peak so far) in MB. */
function procStatusMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${field}:`));
  return Math.round(Number(line?.replace(/\D/g, '') ?? 0) / 1024);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** The built reporting app on `databaseUrl`, answering /health. */
async function startBuiltApp(databaseUrl: string): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, [APP], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      NODE_OPTIONS: APP_NODE_OPTIONS,
      KAFKA_BROKERS: process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092',
      REDIS_URL: process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 240; attempt++) {
    if (child.exitCode !== null) throw new Error(`${APP} exited ${child.exitCode}`);
    const healthy = await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (healthy) return { child, url };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  child.kill();
  throw new Error(`${APP} did not answer /health within 60 s`);
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

function psqlCopy(databaseUrl: string, copyStatement: string): Promise<{ bytes: number; lines: number }> {
  return new Promise((resolve, reject) => {
    const psql = spawn('psql', [
      databaseUrl,
      '-X',
      '-q',
      '-v',
      'ON_ERROR_STOP=1',
      '-c',
      copyStatement,
    ]);
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

    const admin = new URL(process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test');
    admin.pathname = `/${databaseName}`;

    const service = await startBuiltApp(admin.toString());
    const servicePid = service.child.pid ?? 0;
    let serviceExport: { seconds: number; rowsPerSecond: number; rssBeforeMb: number; peakRssMb: number; pieces: number };
    try {
      const rssBeforeMb = procStatusMb(servicePid, 'VmRSS');
      const started = performance.now();
      const answer = await downloadCounting(`${service.url}/v1/export?from=${from}&to=${to}&dataset=events&format=csv`, tenant.secretKey);
      const seconds = (performance.now() - started) / 1000;
      if (answer.status !== 200 || answer.lines !== ROWS + 1)
        throw new Error(`the built app answered ${answer.status} with ${answer.lines} lines`);
      serviceExport = {
        seconds: Number(seconds.toFixed(2)),
        rowsPerSecond: Math.round(ROWS / seconds),
        rssBeforeMb,
        peakRssMb: procStatusMb(servicePid, 'VmHWM'),
        pieces: answer.pieces,
      };
    } finally {
      service.child.kill();
    }

    const rssBefore = Math.round(process.memoryUsage.rss() / MB);
    const exportStart = performance.now();
    const { result: exported, peakRssMb, peakHeapUsedMb } = await withPeakRss(() => downloadCounting(url, tenant.secretKey));
    const exportSeconds = (performance.now() - exportStart) / 1000;
    if (exported.status !== 200 || exported.lines !== ROWS + 1)
      throw new Error(`export answered ${exported.status} with ${exported.lines} lines`);

    const copyStart = performance.now();
    const copied = await psqlCopy(
      admin.toString(),
      `COPY (SELECT "event_id", "type", "category", "occurred_at", "received_at", "user_id", "anonymous_id", "session_id", "properties", "context"
         FROM "events" WHERE "tenant_id" = '${tenant.id}' AND "occurred_at" >= '${from}T00:00:00Z' AND "occurred_at" < '${to}T00:00:00Z'
        ORDER BY "occurred_at", "event_id") TO STDOUT WITH (FORMAT csv, HEADER)`,
    );
    const copySeconds = (performance.now() - copyStart) / 1000;

    // The service's own COPY statement (ISO timestamps, formula neutralisation) through psql: PostgreSQL's share of it.
    const serviceCopyStart = performance.now();
    const serviceCopied = await psqlCopy(
      admin.toString(),
      exportCopySql(
        'events',
        { tenantId: tenant.id, start: new Date(`${from}T00:00:00Z`), end: new Date(`${to}T00:00:00Z`), fromDay: from, toDay: to },
        'csv',
        EXPORT_COLUMNS.events,
      ),
    );
    const serviceCopySeconds = (performance.now() - serviceCopyStart) / 1000;

    const results = {
      date: new Date().toISOString(),
      machine: {
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model,
        totalMemMb: Math.round(totalmem() / MB),
        freeMemMb: Math.round(freemem() / MB),
        loadAverage: loadavg(),
      },
      node: process.version,
      rows: ROWS,
      seedSeconds: Number(seedSeconds.toFixed(1)),
      exportFromBuiltApp: { nodeOptions: APP_NODE_OPTIONS, ...serviceExport },
      exportInBenchProcess: {
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
      baselinePsqlServiceCopy: {
        seconds: Number(serviceCopySeconds.toFixed(2)),
        rowsPerSecond: Math.round(ROWS / serviceCopySeconds),
        megabytes: Number((serviceCopied.bytes / MB).toFixed(1)),
        lines: serviceCopied.lines,
      },
      targets: { rowsPerSecond: 100_000, peakRssMb: 200 },
    };
    process.stderr.write(
      `built app: ${serviceExport.rowsPerSecond} rows/s (${serviceExport.seconds} s), service RSS ${serviceExport.rssBeforeMb} MB before, peak ${serviceExport.peakRssMb} MB\n` +
        `in the bench process: ${results.exportInBenchProcess.rowsPerSecond} rows/s (${results.exportInBenchProcess.seconds} s, ${results.exportInBenchProcess.megabytes} MB), peak RSS ${peakRssMb} MB (before ${rssBefore} MB), peak heap used ${peakHeapUsedMb} MB\n` +
        `psql COPY baseline: ${results.baselinePsqlCopy.rowsPerSecond} rows/s (${results.baselinePsqlCopy.seconds} s, ${results.baselinePsqlCopy.megabytes} MB)\n` +
        `psql running the service's COPY statement: ${results.baselinePsqlServiceCopy.rowsPerSecond} rows/s (${results.baselinePsqlServiceCopy.seconds} s, ${results.baselinePsqlServiceCopy.megabytes} MB)\n`,
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

// Time and memory to generate a PDF report of the executive-summary template (7 sections: 5 headline figures
// with their previous period, events per day as a chart, active users per day as a table) over N days, against
// a baseline measured in the same run: the CSV of the same report (same sections read through the same query
// engine, written as text). HTML and XLSX are measured too.
//   SWC_NODE_PROJECT=tsconfig.base.json node -r @swc-node/register tools/bench/report-pdf-bench.ts \
//     [--days=7,30,90,365] [--events-per-day=2000] [--repeat=3] [--out=<file>.json]
// A fresh database (DATABASE_URL's server), one tenant in Europe/Berlin, `events-per-day` events on each of the
// 2 × max(days) days before 2026-12-01 (the previous period of the longest report included), stored with their
// rollups by the test fixture (`storeQueryEvents`: the stream processor's rollup aggregation), so the engine plans
// as in production. Each generation runs in this process: `ReportSectionReader` (the worker's reader) → the
// format's writer → a sink counting bytes; formats alternate, and the median of `repeat` runs is kept. Peak RSS
// and heap are sampled every 10 ms during each generation. Drops its database afterwards. JSON on stdout.
import 'reflect-metadata';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { writeFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { localDayRange } from '../../libs/analytics-core/src';
import { openFreshPostgresStore, storeQueryEvents, type QueryFixtureEvent } from '../../libs/storage/src/testing';
import { REPORT_FORMAT_WRITERS, type ReportFormat } from '../../libs/reporting/feature/src/lib/formats/report-formats';
import { reportSectionReader } from '../../libs/reporting/feature/src/lib/generation/report-section-reader';
import type { ReportSectionTable } from '../../libs/reporting/feature/src/lib/generation/report-content';
import { REPORT_TEMPLATES } from '../../libs/reporting/feature/src/lib/reports/report-templates';

const arg = (name: string, fallback: string): string =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const DAYS = arg('days', '7,30,90,365').split(',').map(Number);
const EVENTS_PER_DAY = Number(arg('events-per-day', '2000'));
const REPEAT = Number(arg('repeat', '3'));
const OUT = arg('out', '');
const FORMATS: ReportFormat[] = ['csv', 'pdf', 'html', 'xlsx'];
const TIME_ZONE = 'Europe/Berlin';
const LAST_DAY = '2026-11-30';
const MB = 1024 * 1024;
const log = (line: string) => process.stderr.write(`${line}\n`);

/** The local date `days` before `date` (YYYY-MM-DD arithmetic on the calendar, no zone involved). */
function dayBefore(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day - days)).toISOString().slice(0, 10);
}

/** A deterministic day of events: page and product views, purchases with revenue, conversations; 3,000 users. */
function eventsOfDay(date: string, dayIndex: number): QueryFixtureEvent[] {
  const events: QueryFixtureEvent[] = [];
  let seed = (dayIndex + 1) * 2654435761;
  const next = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 2 ** 32;
  };
  for (let index = 0; index < EVENTS_PER_DAY; index++) {
    const draw = next();
    const type = draw < 0.6 ? 'page_view' : draw < 0.8 ? 'product_view' : draw < 0.9 ? 'purchase' : 'conversation_started';
    const minute = Math.floor(next() * 1440);
    const at = new Date(`${date}T00:00:00Z`).getTime() + minute * 60_000 - 3_600_000; // about local Berlin time
    events.push({
      id: `e-${dayIndex}-${index}`,
      type,
      at: new Date(at).toISOString(),
      user: `u${Math.floor(next() ** 1.5 * 3000)}`,
      device: next() < 0.6 ? 'mobile' : 'desktop',
      ...(type === 'purchase' ? { properties: { revenue: Math.round(next() * 20000) / 100, currency: 'EUR' } } : {}),
    });
  }
  return events;
}

async function withPeakMemory<T>(work: () => Promise<T>): Promise<{ result: T; peakRssMb: number; peakHeapUsedMb: number }> {
  let peakRss = process.memoryUsage.rss();
  let peakHeap = process.memoryUsage().heapUsed;
  const sampler = setInterval(() => {
    const usage = process.memoryUsage();
    peakRss = Math.max(peakRss, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed);
  }, 10);
  try {
    const result = await work();
    const usage = process.memoryUsage();
    return {
      result,
      peakRssMb: Math.round(Math.max(peakRss, usage.rss) / MB),
      peakHeapUsedMb: Math.round(Math.max(peakHeap, usage.heapUsed) / MB),
    };
  } finally {
    clearInterval(sampler);
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  const opened = await openFreshPostgresStore({ prefix: 'pulse_bench_report' });
  try {
    const tenant = { id: randomUUID(), timeZone: TIME_ZONE, currency: 'EUR' };
    const spanDays = 2 * Math.max(...DAYS);
    const seedStart = performance.now();
    // Stored ten days at a time: one call per day spends its time on per-statement overhead.
    for (let offset = spanDays - 1; offset >= 0; offset -= 10) {
      const batch: QueryFixtureEvent[] = [];
      for (let day = offset; day > offset - 10 && day >= 0; day--) batch.push(...eventsOfDay(dayBefore(LAST_DAY, day), day));
      await storeQueryEvents(opened.store.dataSource, tenant, batch);
    }
    await opened.store.dataSource.query('ANALYZE');
    log(`seeded ${spanDays * EVENTS_PER_DAY} events over ${spanDays} days in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);

    const reader = reportSectionReader(opened.store.dataSource);
    const sections = REPORT_TEMPLATES.executive_summary;
    const results: Array<Record<string, unknown>> = [];
    for (const days of DAYS) {
      const from = dayBefore(LAST_DAY, days - 1);
      const range = localDayRange(from, LAST_DAY, TIME_ZONE);
      const heading = {
        reportId: 'bench',
        runId: 'bench',
        name: 'Executive summary',
        type: 'executive_summary',
        from,
        to: LAST_DAY,
        timeZone: TIME_ZONE,
        generatedAt: new Date(),
      };
      const runs = new Map<
        ReportFormat,
        Array<{ ms: number; bytes: number; peakRssMb: number; peakHeapUsedMb: number; rssBeforeMb: number; writeOnlyMs: number }>
      >();
      for (let round = 0; round < REPEAT; round++) {
        for (const format of FORMATS) {
          global.gc?.();
          const rssBeforeMb = Math.round(process.memoryUsage.rss() / MB);
          const tables: ReportSectionTable[] = [];
          const started = performance.now();
          const {
            result: bytes,
            peakRssMb,
            peakHeapUsedMb,
          } = await withPeakMemory(async () => {
            async function* read() {
              for (const section of sections) {
                const table = await reader.read(tenant, section, range);
                tables.push(table);
                yield table;
              }
            }
            let total = 0;
            for await (const chunk of REPORT_FORMAT_WRITERS[format].write(heading, read())) total += Buffer.byteLength(chunk);
            return total;
          });
          const ms = performance.now() - started;
          // The writer alone over the same tables, already read: what the format itself costs.
          const writeStart = performance.now();
          async function* again() {
            for (const table of tables) yield table;
          }
          for await (const chunk of REPORT_FORMAT_WRITERS[format].write(heading, again())) void chunk;
          const writeOnlyMs = performance.now() - writeStart;
          const list = runs.get(format) ?? [];
          list.push({ ms, bytes, peakRssMb, peakHeapUsedMb, rssBeforeMb, writeOnlyMs });
          runs.set(format, list);
        }
      }
      const rows = Object.fromEntries(
        FORMATS.map((format) => {
          const list = runs.get(format) ?? [];
          return [
            format,
            {
              medianSeconds: Number((median(list.map((run) => run.ms)) / 1000).toFixed(3)),
              writerOnlyMedianMs: Math.round(median(list.map((run) => run.writeOnlyMs))),
              bytes: list[0].bytes,
              peakRssMb: Math.max(...list.map((run) => run.peakRssMb)),
              peakRssAboveStartMb: Math.max(...list.map((run) => run.peakRssMb - run.rssBeforeMb)),
              peakHeapUsedMb: Math.max(...list.map((run) => run.peakHeapUsedMb)),
            },
          ];
        }),
      );
      results.push({ days, tableRows: days, ...rows });
      log(
        `${days} days: ` +
          FORMATS.map((format) => {
            const row = rows[format] as { medianSeconds: number; writerOnlyMedianMs: number; bytes: number; peakRssMb: number };
            return `${format} ${row.medianSeconds} s (writer ${row.writerOnlyMedianMs} ms, ${Math.round(row.bytes / 1024)} kB, peak RSS ${row.peakRssMb} MB)`;
          }).join(' | '),
      );
    }
    const report = {
      machine: {
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model,
        totalMemMb: Math.round(totalmem() / MB),
        freeMemMb: Math.round(freemem() / MB),
        loadavg: loadavg(),
        node: process.version,
      },
      date: new Date().toISOString(),
      eventsPerDay: EVENTS_PER_DAY,
      seededDays: 2 * Math.max(...DAYS),
      repeat: REPEAT,
      results,
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    if (OUT) await writeFile(OUT, JSON.stringify(report, null, 2));
  } finally {
    await opened.dispose();
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});

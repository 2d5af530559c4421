// Time-series ML in analytics-core, in process: an anomaly scan of one year of hourly points (8,760) and a
// forecast fit + backtest (hourly history, one week ahead). Bounded, needs no services:
//   SWC_NODE_PROJECT=tsconfig.base.json node -r @swc-node/register tools/bench/ml-time-series-bench.ts \
//     [--runs=30] [--weeks=8] [--out=<file>.json]
// The first 3 runs of each scenario warm the JIT and are not counted. Wall-clock and CPU time (user + system)
// per run: on a shared machine the CPU time says what the work costs. JSON on stdout, a summary on stderr.
// Targets (issue 11): scan < 200 ms, forecast < 500 ms. See docs/BENCHMARKS.md.
import { cpus, loadavg, totalmem } from 'node:os';
import { writeFileSync } from 'node:fs';
import { forecastSeries } from '../../libs/analytics-core/src/lib/ml/time-series/forecast';
import { scanForAnomalies } from '../../libs/analytics-core/src/lib/ml/time-series/anomaly-scan';
import { syntheticHourlySeries } from '../../libs/analytics-core/src/lib/ml/time-series/synthetic-seasonal-series';

const arg = (name: string, fallback: string): string =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const RUNS = Number(arg('runs', '30'));
const FORECAST_WEEKS = Number(arg('weeks', '8'));
const OUT = arg('out', '');
const WARMUP = 3;
const HOUR_MS = 3_600_000;
const start = Date.UTC(2026, 0, 5);

interface Scenario {
  name: string;
  target: number;
  run: () => unknown;
}

const year = syntheticHourlySeries({ start, hours: 8760, seed: 5 });
// A few anomalies so the scan also builds verdicts.
for (const i of [2000, 4000, 6000]) year[i] = { ...year[i], value: (year[i].value as number) + 80 };
const history = syntheticHourlySeries({ start, hours: FORECAST_WEEKS * 168, seed: 7 }).map((p) => p.value);
const yearValues = year.map((p) => p.value);

const scenarios: Scenario[] = [
  {
    name: 'anomaly scan, 8,760 hourly points, auto',
    target: 200,
    run: () => scanForAnomalies(year, { bucketMs: HOUR_MS }),
  },
  {
    name: 'anomaly scan, 8,760 hourly points, mad',
    target: 200,
    run: () => scanForAnomalies(year, { bucketMs: HOUR_MS, method: 'mad' }),
  },
  {
    name: `forecast fit + backtest, ${FORECAST_WEEKS * 168} hourly points, 168 ahead`,
    target: 500,
    run: () => forecastSeries(history, { horizon: 168, bucketMs: HOUR_MS }),
  },
  {
    name: 'forecast fit + backtest, 8,760 hourly points (fits the last 2,016), 720 ahead',
    target: 500,
    run: () => forecastSeries(yearValues, { horizon: 720, bucketMs: HOUR_MS }),
  },
];

const pct = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
const results = scenarios.map((scenario) => {
  const times: number[] = [];
  const cpuTimes: number[] = [];
  let heapPeak = 0;
  for (let i = 0; i < RUNS + WARMUP; i++) {
    const before = process.memoryUsage().heapUsed;
    const cpu0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    scenario.run();
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    const cpu = process.cpuUsage(cpu0);
    heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed - before);
    if (i >= WARMUP) {
      times.push(ms);
      cpuTimes.push((cpu.user + cpu.system) / 1000);
    }
  }
  times.sort((a, b) => a - b);
  cpuTimes.sort((a, b) => a - b);
  return {
    scenario: scenario.name,
    runs: RUNS,
    medianMs: +pct(times, 0.5).toFixed(1),
    p95Ms: +pct(times, 0.95).toFixed(1),
    maxMs: +times[times.length - 1].toFixed(1),
    // CPU time of the process during the run (user + system): what the work costs when the cores are shared.
    cpuMedianMs: +pct(cpuTimes, 0.5).toFixed(1),
    cpuP95Ms: +pct(cpuTimes, 0.95).toFixed(1),
    targetMs: scenario.target,
    heapGrowthMaxMb: +(heapPeak / 1e6).toFixed(1),
  };
});
const report = {
  date: new Date().toISOString(),
  node: process.version,
  cpus: `${cpus().length} × ${cpus()[0]?.model ?? '?'}`,
  memoryGb: +(totalmem() / 1e9).toFixed(1),
  loadAverage: loadavg().map((l) => +l.toFixed(1)),
  rssMb: +(process.memoryUsage().rss / 1e6).toFixed(0),
  results,
};
for (const r of results) {
  process.stderr.write(
    `${r.scenario}: median ${r.medianMs} ms, p95 ${r.p95Ms} ms (target ${r.targetMs}); CPU median ${r.cpuMedianMs} ms, p95 ${r.cpuP95Ms} ms; heap +${r.heapGrowthMaxMb} MB\n`,
  );
}
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
if (OUT) writeFileSync(OUT, JSON.stringify(report, null, 2));

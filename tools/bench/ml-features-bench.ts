// The churn feature table built two ways on the same persons: danfojs 1.2.0 (the library the issue named) and
// the plain TypeScript `churnFeatureTable` Pulse uses. Also the two steps danfojs would add on top: grouping
// long rows by person (the SQL does it in Pulse) and standardisation (analytics-core's, fitted by the model).
//   SWC_NODE_PROJECT=tsconfig.base.json node -r @swc-node/register tools/bench/ml-features-bench.ts \
//     [--persons=100000] [--group-persons=10000] [--out=<file>.json]
// Deterministic input (seeded); checks both tables agree; JSON on stdout, a summary on stderr. See docs/BENCHMARKS.md.
import { loadavg } from 'node:os';
import { writeFile } from 'node:fs/promises';
import { fitFeatureScaling, scaleRow } from '../../libs/analytics-core/src';
import { CHURN_FEATURES, churnFeatureTable, type PersonActivity } from '../../libs/ml/features/src';
import { benchMachine, syntheticPersonActivity } from './ml-bench-population';

const arg = (name: string, fallback: string): string => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;

const PERSONS = Number(arg('persons', '100000'));
const GROUP_PERSONS = Number(arg('group-persons', '10000'));
const OUT = arg('out', '');

// danfojs's typings reach into tfjs; the bench only needs these shapes.
interface Series {
  add(other: Series | number): Series;
  sub(other: Series | number): Series;
  div(other: Series | number): Series;
  apply(callable: (value: number) => number): Series;
  fillNa(value: number): Series;
  values: number[];
}
interface DataFrame {
  column(name: string): Series;
  values: number[][];
  groupby(columns: string[]): { col(columns: string[]): { sum(): DataFrame } };
  shape: [number, number];
}
interface Danfo {
  DataFrame: new (data: unknown, options?: { columns?: string[] }) => DataFrame;
  StandardScaler: new () => { fit(frame: DataFrame): void; transform(frame: DataFrame): DataFrame };
}

function danfoTable(danfo: Danfo, people: readonly PersonActivity[]): { keys: string[]; values: number[][] } {
  const frame = new danfo.DataFrame(
    people.map((p) => ({
      person: p.person,
      recency: p.daysSinceLastEvent,
      e0: p.periodEvents[0],
      e1: p.periodEvents[1],
      e2: p.periodEvents[2],
      e3: p.periodEvents[3],
      d0: p.periodActiveDays[0],
      d1: p.periodActiveDays[1],
      d2: p.periodActiveDays[2],
      d3: p.periodActiveDays[3],
      sessions: p.sessions,
      conversions: p.conversions,
      escalations: p.escalations,
    })),
  );
  const c = (name: string) => frame.column(name);
  const events = c('e0').add(c('e1')).add(c('e2')).add(c('e3'));
  const activeDays = c('d0').add(c('d1')).add(c('d2')).add(c('d3'));
  const active = (name: string) => c(name).apply((value) => (value > 0 ? 1 : 0));
  const activePeriods = active('e0').add(active('e1')).add(active('e2')).add(active('e3'));
  // danfojs has no rolling windows: the two-week sums are written out.
  const later = c('e0').add(c('e1'));
  const earlier = c('e2').add(c('e3'));
  const trend = later.sub(earlier).div(later.add(earlier)).fillNa(0);
  const log = (series: Series) => series.apply(Math.log1p);
  const table = new danfo.DataFrame(
    {
      days_since_last_event: c('recency').values,
      active_days: activeDays.values,
      active_periods: activePeriods.values,
      events: log(events).values,
      activity_trend: trend.values,
      sessions: log(c('sessions')).values,
      conversions: log(c('conversions')).values,
      escalations: log(c('escalations')).values,
    },
    { columns: [...CHURN_FEATURES] },
  );
  return { keys: people.map((p) => p.person), values: table.values };
}

function maxDifference(a: number[][], b: number[][]): number {
  let max = 0;
  a.forEach((row, i) => row.forEach((value, j) => (max = Math.max(max, Math.abs(value - b[i][j])))));
  return max;
}

function timed<T>(run: () => T): { result: T; ms: number } {
  const started = process.hrtime.bigint();
  const result = run();
  return { result, ms: Number(process.hrtime.bigint() - started) / 1e6 };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const round = (value: number) => Math.round(value * 10) / 10;

function main(): void {
  const people = syntheticPersonActivity(PERSONS, 20261207);
  const results: Record<string, unknown> = {
    startedAt: new Date().toISOString(),
    command: process.argv.slice(1).join(' '),
    machine: benchMachine(),
    persons: PERSONS,
  };

  // Plain TypeScript: five runs, the median (the first warms the JIT).
  const plainRuns = Array.from({ length: 5 }, () => timed(() => churnFeatureTable(people)));
  const plain = plainRuns[0].result;
  const plainScaling = Array.from({ length: 3 }, () =>
    timed(() => {
      const scaling = fitFeatureScaling(plain.values);
      return plain.values.map((row) => scaleRow(row, scaling));
    }),
  );

  const load = timed(() => require('danfojs') as Danfo); // eslint-disable-line @typescript-eslint/no-require-imports
  const danfo = load.result;
  const danfoRuns = Array.from({ length: 2 }, () => timed(() => danfoTable(danfo, people)));
  const difference = maxDifference(plain.values, danfoRuns[0].result.values);
  const keysEqual = danfoRuns[0].result.keys.every((key, i) => key === plain.keys[i]);
  const danfoFrame = new danfo.DataFrame(plain.values, { columns: [...CHURN_FEATURES] });
  const danfoScaling = timed(() => {
    const scaler = new danfo.StandardScaler();
    scaler.fit(danfoFrame);
    return scaler.transform(danfoFrame).values;
  });
  const scaledDifference = maxDifference(plainScaling[0].result, danfoScaling.result);

  // Grouping long rows (person, period, events) by person: what the SQL does in Pulse.
  const longRows = people
    .slice(0, GROUP_PERSONS)
    .flatMap((p) => p.periodEvents.map((events, period) => [p.person, period, events] as [string, number, number]));
  const plainGroup = timed(() => {
    const sums = new Map<string, number>();
    for (const [person, , events] of longRows) sums.set(person, (sums.get(person) ?? 0) + events);
    return sums.size;
  });
  const danfoGroup = timed(() => new danfo.DataFrame(longRows, { columns: ['person', 'period', 'events'] }).groupby(['person']).col(['events']).sum().shape[0]);

  Object.assign(results, {
    plainTableMs: { median: round(median(plainRuns.map((run) => run.ms))), runs: plainRuns.map((run) => round(run.ms)) },
    plainStandardiseMs: { median: round(median(plainScaling.map((run) => run.ms))) },
    danfoLoadMs: round(load.ms),
    danfoTableMs: { runs: danfoRuns.map((run) => round(run.ms)) },
    danfoStandardiseMs: round(danfoScaling.ms),
    agreement: { keysEqual, maxAbsoluteDifference: difference, standardisedMaxAbsoluteDifference: scaledDifference },
    groupBy: {
      persons: GROUP_PERSONS,
      rows: longRows.length,
      plainMs: round(plainGroup.ms),
      danfoMs: round(danfoGroup.ms),
      groups: [plainGroup.result, danfoGroup.result],
    },
    loadavgAtEnd: loadavg(),
  });
  const json = JSON.stringify(results, null, 2);
  process.stderr.write(
    `${PERSONS} persons: plain table ${round(median(plainRuns.map((run) => run.ms)))} ms, danfojs table ${danfoRuns.map((run) => round(run.ms)).join(' / ')} ms (+ ${round(load.ms)} ms to load), max difference ${difference}\n` +
      `standardise: plain ${round(median(plainScaling.map((run) => run.ms)))} ms, danfojs ${round(danfoScaling.ms)} ms; group ${longRows.length} rows: plain ${round(plainGroup.ms)} ms, danfojs ${round(danfoGroup.ms)} ms\n`,
  );
  if (OUT) void writeFile(OUT, json + '\n');
  process.stdout.write(json + '\n');
}

main();

// Churn training on 100,000 persons and scoring per person, two ways (see docs/BENCHMARKS.md):
//  1. in process: the feature table and the fit on 100,000 seeded activity rows (no database);
//  2. end to end on PostgreSQL: a fresh database (DATABASE_URL's server), 100,000 synthetic persons' events
//     (the integration specs' generator), then ChurnService.train (SQL aggregate + table + fit + validation + save),
//     at-risk (everyone scored, one page explained) and single-person scoring.
//   SWC_NODE_PROJECT=tsconfig.base.json node -r @swc-node/register tools/bench/ml-churn-bench.ts \
//     [--persons=100000] [--intensity=0.25] [--single=200] [--skip-postgres] [--out=<file>.json]
// Drops its database afterwards. JSON on stdout, a summary on stderr.
import 'reflect-metadata';
import { loadavg } from 'node:os';
import { writeFile } from 'node:fs/promises';
import { predictLogisticProbability, seededRandom } from '../../libs/analytics-core/src';
import { CHURN_OBSERVATION, churnFeatureTable } from '../../libs/ml/features/src';
import { ModelVersionRepository } from '../../libs/ml/data-access/src';
import { ML_STORE_SCHEMA } from '../../libs/ml/data-access/src/lib/ml-store-schema';
import { analyticalSqlExecutor, EventRepository, TenantRepository } from '../../libs/storage/src';
import { openFreshPostgresStore } from '../../libs/storage/src/testing';
import { AtRiskRankings } from '../../libs/insights/feature/src/lib/ml/churn/at-risk-rankings';
import { churnFactors } from '../../libs/insights/feature/src/lib/ml/churn/churn-factors';
import { trainChurnModel } from '../../libs/insights/feature/src/lib/ml/churn/churn-model-training';
import { ChurnService } from '../../libs/insights/feature/src/lib/ml/churn/churn.service';
import { PersonActivityQuery } from '../../libs/insights/feature/src/lib/ml/churn/person-activity.query';
import { MlClock } from '../../libs/insights/feature/src/lib/ml/training/ml-clock';
import { churnPopulation } from '../../libs/insights/feature/src/testing/churn-population';
import { benchMachine, syntheticPersonActivity } from './ml-bench-population';

const arg = (name: string, fallback: string): string => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const PERSONS = Number(arg('persons', '100000'));
const INTENSITY = Number(arg('intensity', '0.25'));
const SINGLE = Number(arg('single', '200'));
const SKIP_POSTGRES = process.argv.includes('--skip-postgres');
const OUT = arg('out', '');
const NOW = new Date('2026-03-31T12:00:00Z');
const CHUNK_PERSONS = 5_000;

const round = (value: number) => Math.round(value * 10) / 10;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
async function timed<T>(run: () => T | Promise<T>): Promise<{ result: T; ms: number }> {
  const started = process.hrtime.bigint();
  const result = await run();
  return { result, ms: Number(process.hrtime.bigint() - started) / 1e6 };
}
const log = (line: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);

async function inProcess(): Promise<Record<string, unknown>> {
  const rows = syntheticPersonActivity(PERSONS, 20261207);
  const train = await timed(() => trainChurnModel(rows, null));
  const table = churnFeatureTable(rows);
  const model = train.result.model;
  const scoreAll = await timed(() => table.values.map((row) => predictLogisticProbability(model, row)));
  const explain = await timed(() => table.keys.slice(0, 10_000).map((_, i) => churnFactors(model, table, i)));
  const result = {
    persons: PERSONS,
    trainMs: round(train.ms),
    validationAuc: train.result.validation.auc,
    scoreEveryoneMs: round(scoreAll.ms),
    explainMicrosecondsPerPerson: round((explain.ms * 1000) / 10_000),
  };
  log(`in process: table + fit + validation ${result.trainMs} ms (AUC ${result.validationAuc?.toFixed(3)}), score ${PERSONS} ${result.scoreEveryoneMs} ms`);
  return result;
}

async function endToEnd(): Promise<Record<string, unknown>> {
  const opened = await openFreshPostgresStore({ prefix: 'pulse_bench_churn', schema: ML_STORE_SCHEMA, poolSize: 4 });
  try {
    const dataSource = opened.store.dataSource;
    const tenant = await new TenantRepository(dataSource).create({ slug: 'churn-bench', name: 'churn bench', writeKeyHash: 'churn-bench' });
    const events = new EventRepository(dataSource);
    let stored = 0;
    const behaviours = { steady: 0.55, lapsed: 0.3, fading_now: 0.15 };
    const insert = await timed(async () => {
      for (let chunk = 0; chunk * CHUNK_PERSONS < PERSONS; chunk++) {
        const persons = Math.min(CHUNK_PERSONS, PERSONS - chunk * CHUNK_PERSONS);
        const counts = { steady: Math.round(persons * behaviours.steady), lapsed: Math.round(persons * behaviours.lapsed), fading_now: 0 };
        counts.fading_now = persons - counts.steady - counts.lapsed;
        const population = churnPopulation({ tenantId: tenant.id, now: NOW, counts, seed: 1000 + chunk, prefix: `b${chunk}-`, intensity: INTENSITY });
        for (let start = 0; start < population.events.length; start += 20_000) await events.insertMany(population.events.slice(start, start + 20_000));
        stored += population.events.length;
        if (chunk % 4 === 3) log(`  stored ${stored} events (${(chunk + 1) * CHUNK_PERSONS} persons)`);
      }
      await dataSource.query('ANALYZE "events"');
    });
    log(`stored ${stored} events for ${PERSONS} persons in ${round(insert.ms / 1000)} s`);
    const clock = new MlClock();
    clock.now = () => NOW;
    const activity = new PersonActivityQuery(analyticalSqlExecutor(dataSource));
    const churn = new ChurnService(activity, new ModelVersionRepository(dataSource), clock, new AtRiskRankings());
    const cut = new Date(NOW.getTime() - CHURN_OBSERVATION.horizonDays * 86_400_000);
    const sqlOnly = await timed(() => activity.everyone(tenant.id, cut, { labelled: true }));
    log(`training SQL alone: ${sqlOnly.result.length} persons in ${round(sqlOnly.ms)} ms`);
    const trainings = [];
    for (let run = 0; run < 2; run++) {
      const training = await timed(() => churn.train(tenant.id, 'request', NOW));
      trainings.push({
        ms: round(training.ms),
        version: training.result.version,
        persons: training.result.persons,
        churned: training.result.churned,
        auc: training.result.validation.auc,
        replaced: training.result.replacedCurrent,
      });
      log(`train run ${run + 1}: ${round(training.ms)} ms, ${training.result.persons} persons, AUC ${training.result.validation.auc}`);
    }
    const atRisk = [];
    for (let run = 0; run < 2; run++) {
      const page = await timed(() => churn.atRisk(tenant.id, 50, 0));
      atRisk.push({ ms: round(page.ms), total: page.result.total });
      // The first scores everyone; the second pages through the ranking kept for five minutes.
      log(`at-risk run ${run + 1}: ${round(page.ms)} ms over ${page.result.total} persons`);
    }
    const people = (await churn.atRisk(tenant.id, 500, 0)).users.map((user) => user.userId);
    const random = seededRandom(7);
    const latencies: number[] = [];
    for (let i = 0; i < SINGLE; i++) {
      const person =
        random() < 0.5
          ? people[Math.floor(random() * people.length)]
          : `b${Math.floor(random() * (PERSONS / CHUNK_PERSONS))}-${String(Math.floor(random() * CHUNK_PERSONS)).padStart(5, '0')}`;
      latencies.push((await timed(() => churn.predictUser(tenant.id, person))).ms);
    }
    latencies.sort((a, b) => a - b);
    const single = {
      requests: SINGLE,
      p50Ms: round(percentile(latencies, 50)),
      p95Ms: round(percentile(latencies, 95)),
      maxMs: round(latencies[latencies.length - 1]),
    };
    log(`one person: p50 ${single.p50Ms} ms, p95 ${single.p95Ms} ms`);
    return {
      persons: PERSONS,
      intensity: INTENSITY,
      events: stored,
      insertSeconds: round(insert.ms / 1000),
      trainingSqlMs: round(sqlOnly.ms),
      trainings,
      atRisk,
      single,
    };
  } finally {
    await opened.dispose();
  }
}

async function main(): Promise<void> {
  const results: Record<string, unknown> = {
    startedAt: new Date().toISOString(),
    command: process.argv.slice(1).join(' '),
    machine: benchMachine(),
  };
  results['inProcess'] = await inProcess();
  if (!SKIP_POSTGRES) results['postgres'] = await endToEnd();
  results['maxRssMb'] = Math.round(process.resourceUsage().maxRSS / 1024);
  results['loadavgAtEnd'] = loadavg();
  const json = JSON.stringify(results, null, 2);
  if (OUT) await writeFile(OUT, json + '\n');
  process.stdout.write(json + '\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});

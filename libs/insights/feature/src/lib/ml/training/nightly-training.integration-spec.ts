import { syntheticIntentMessages } from '@pulse/analytics-core';
import { ModelVersionRepository } from '@pulse/ml-data-access';
import { EventRepository, TenantRepository } from '@pulse/storage';
import { POSTGRES_TARGET } from '@pulse/storage/testing';
import { churnPopulation } from '../../../testing/churn-population';
import { messageEvents } from '../../../testing/labelled-messages';
import { startDomainsApp, type DomainsAppUnderTest, type DomainsTenant } from '../../../testing/domains-app';
import { satisfactionConversations, storeSatisfactionFixture } from '../../../testing/satisfaction-conversations';
import { ChurnService } from '../churn/churn.service';
import { IntentService } from '../intent/intent.service';
import { SatisfactionService } from '../satisfaction/satisfaction.service';
import { MlClock } from './ml-clock';
import { NightlyClaims } from './nightly-claims';
import { NightlyTraining, type NightlyOutcome } from './nightly-training.service';

// 00:30 UTC: 02:30 in Berlin (summer time since 29 March), 13:30 in Auckland, still before 02:00 in UTC.
const NIGHT = new Date('2026-03-31T00:30:00Z');
const DAY_MS = 86_400_000;

// Replicas share a store only in the distributed mode, on PostgreSQL; the SQL training reads is checked on
// both stores by the churn and satisfaction specs.
describe.each([POSTGRES_TARGET])('nightly training on $name', (target) => {
  let ml: DomainsAppUnderTest;
  let berlin: DomainsTenant;
  let auckland: DomainsTenant;
  let utc: DomainsTenant;
  let replicas: NightlyTraining[];
  let models: ModelVersionRepository;

  beforeAll(async () => {
    ml = await startDomainsApp(target, { now: NIGHT });
    berlin = await ml.createTenant({ timeZone: 'Europe/Berlin' });
    auckland = await ml.createTenant({ timeZone: 'Pacific/Auckland' });
    utc = await ml.createTenant({ timeZone: 'UTC' });
    await new EventRepository(ml.store.dataSource).insertMany(
      churnPopulation({ tenantId: berlin.id, now: NIGHT, counts: { steady: 150, lapsed: 90, fading_now: 60 }, seed: 9 }).events,
    );
    await storeSatisfactionFixture(ml.store, satisfactionConversations({ tenantId: berlin.id, timeZone: 'Europe/Berlin', now: NIGHT, count: 300, seed: 10 }));
    await new EventRepository(ml.store.dataSource).insertMany(
      messageEvents(berlin.id, syntheticIntentMessages({ seed: 13, perIntent: 10 }), { before: NIGHT, prefix: 'intent' }),
    );
    // Two replicas: the service's own scheduler and a second one over the same store and cache.
    const app = ml.app;
    const get = <T>(type: new (...args: never[]) => T) => app.get(type, { strict: false });
    replicas = [
      get(NightlyTraining),
      new NightlyTraining(get(TenantRepository), get(ChurnService), get(SatisfactionService), get(IntentService), new NightlyClaims(ml.cache), get(MlClock)),
    ];
    models = get(ModelVersionRepository);
  }, 180_000);

  afterAll(async () => {
    await ml?.stop();
  });

  const outcomesOf = (runs: NightlyOutcome[][], tenant: DomainsTenant) =>
    runs
      .flat()
      .filter((outcome) => outcome.tenantId === tenant.id)
      .map((outcome) => `${outcome.kind} ${outcome.localDay} ${outcome.outcome}`)
      .sort();

  it('trains each due tenant once per local night however many replicas look at the same moment', async () => {
    const runs = await Promise.all(replicas.map((replica) => replica.runDue(NIGHT)));
    expect(outcomesOf(runs, berlin)).toEqual([
      'churn 2026-03-31 claimed_elsewhere',
      'churn 2026-03-31 trained',
      'intent 2026-03-31 claimed_elsewhere',
      'intent 2026-03-31 trained',
      'satisfaction 2026-03-31 claimed_elsewhere',
      'satisfaction 2026-03-31 trained',
    ]);
    expect((await models.list(berlin.id, 'churn')).map((version) => [version.version, version.isCurrent, version.metrics['trigger']])).toEqual([
      [1, true, 'nightly'],
    ]);
    expect(await models.list(berlin.id, 'satisfaction')).toHaveLength(1);
    // Auckland is due too (13:30 local) but has no data: one replica tries each model and is told so.
    expect(outcomesOf(runs, auckland)).toEqual([
      'churn 2026-03-31 claimed_elsewhere',
      'churn 2026-03-31 not_enough_data',
      'intent 2026-03-31 claimed_elsewhere',
      'intent 2026-03-31 not_enough_data',
      'satisfaction 2026-03-31 claimed_elsewhere',
      'satisfaction 2026-03-31 not_enough_data',
    ]);
    // 00:30 in UTC is before 02:00: not due.
    expect(outcomesOf(runs, utc)).toEqual([]);
  });

  it('does not train again later the same local night', async () => {
    const runs = await Promise.all(replicas.map((replica) => replica.runDue(new Date(NIGHT.getTime() + 3_600_000))));
    expect(outcomesOf(runs, berlin).every((outcome) => outcome.endsWith('claimed_elsewhere'))).toBe(true);
    expect(await models.list(berlin.id, 'churn')).toHaveLength(1);
    // UTC's 02:00 has not come yet at 01:30.
    expect(outcomesOf(runs, utc)).toEqual([]);
  });

  it('trains again the next night, the new version served only if it validates better', async () => {
    const runs = await Promise.all(replicas.map((replica) => replica.runDue(new Date(NIGHT.getTime() + DAY_MS))));
    expect(outcomesOf(runs, berlin)).toEqual([
      'churn 2026-04-01 claimed_elsewhere',
      'churn 2026-04-01 trained',
      'intent 2026-04-01 claimed_elsewhere',
      'intent 2026-04-01 trained',
      'satisfaction 2026-04-01 claimed_elsewhere',
      'satisfaction 2026-04-01 trained',
    ]);
    const [second] = await models.list(berlin.id, 'churn');
    const trained = runs.flat().find((outcome) => outcome.tenantId === berlin.id && outcome.kind === 'churn' && outcome.outcome === 'trained');
    expect(second.version).toBe(2);
    expect(second.isCurrent).toBe(trained?.replacedCurrent);
    expect(second.trainedAt.toISOString()).toBe(new Date(NIGHT.getTime() + DAY_MS).toISOString());
  });
});

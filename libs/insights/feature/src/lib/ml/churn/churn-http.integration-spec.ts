import { rocAuc } from '@pulse/analytics-core';
import { EventRepository } from '@pulse/storage';
import { STORE_TARGETS } from '@pulse/storage/testing';
import { churnPopulation, type ChurnPopulation } from '../../../testing/churn-population';
import { startDomainsApp, type DomainsAppUnderTest, type DomainsTenant } from '../../../testing/domains-app';

const NOW = new Date('2026-03-31T12:00:00Z');
const DAY_MS = 86_400_000;

/** The held-out AUC a training on the synthetic population must reach (its behaviours separate churners well; 8–10 % label noise). */
const AUC_FLOOR = 0.8;

describe.each(STORE_TARGETS)('churn models over HTTP on $name', (target) => {
  let ml: DomainsAppUnderTest;
  let tenant: DomainsTenant;
  let other: DomainsTenant;
  let population: ChurnPopulation;

  beforeAll(async () => {
    ml = await startDomainsApp(target, { now: NOW });
    tenant = await ml.createTenant({ timeZone: 'Europe/Berlin' });
    other = await ml.createTenant({ timeZone: 'UTC' });
    population = churnPopulation({ tenantId: tenant.id, now: NOW, counts: { steady: 150, lapsed: 90, fading_now: 60 }, seed: 42 });
    await new EventRepository(ml.store.dataSource).insertMany(population.events);
  }, 180_000);

  afterAll(async () => {
    await ml?.stop();
  });

  it('refuses every route without a secret key', async () => {
    expect((await ml.post(null, '/v1/ml/churn/train')).status).toBe(401);
    expect((await ml.get(null, '/v1/ml/churn/at-risk')).status).toBe(401);
    expect((await ml.get(null, '/v1/ml/churn/users/p00001')).status).toBe(401);
  });

  it('answers 404 before any model was trained, saying how to train one', async () => {
    const answer = await ml.get(tenant, '/v1/ml/churn/at-risk');
    expect(answer.status).toBe(404);
    expect(answer.body.message).toContain('POST /v1/ml/churn/train');
  });

  it('trains on demand: churned = no event in the 14 days after a cut 14 days ago, held-out AUC above the floor', async () => {
    const answer = await ml.post(tenant, '/v1/ml/churn/train');
    expect(answer.status).toBe(200);
    const cut = new Date(NOW.getTime() - 14 * DAY_MS);
    const windowStart = cut.getTime() - 28 * DAY_MS;
    const inWindow = population.people.filter((person) =>
      population.events.some((event) => event.userId === person.id && event.occurredAt.getTime() > windowStart && event.occurredAt < cut),
    );
    expect(answer.body).toMatchObject({
      version: 1,
      cut: cut.toISOString(),
      horizonDays: 14,
      persons: inWindow.length,
      churned: inWindow.filter((person) => !person.returned).length,
      previous: null,
      replacedCurrent: true,
      currentVersion: 1,
    });
    const { validation } = answer.body;
    expect(validation.rows + answer.body.trainingRows).toBe(inWindow.length);
    expect(validation.auc).toBeGreaterThan(AUC_FLOOR);
    expect(validation.precision).toBeGreaterThan(0.6);
    expect(validation.recall).toBeGreaterThan(0.6);
    expect(validation.calibration.reduce((sum: number, bin: { count: number }) => sum + bin.count, 0)).toBe(validation.rows);
  });

  it('keeps serving version 1 when a retraining on the same data validates no better', async () => {
    const answer = await ml.post(tenant, '/v1/ml/churn/train');
    expect(answer.status).toBe(200);
    expect(answer.body.version).toBe(2);
    expect(answer.body.previous).toEqual({ version: 1, auc: answer.body.validation.auc, brier: answer.body.validation.brier, sameRows: true });
    expect(answer.body.replacedCurrent).toBe(false);
    expect(answer.body.currentVersion).toBe(1);
    expect((await ml.get(tenant, '/v1/ml/churn/at-risk?limit=1')).body.modelVersion).toBe(1);
  });

  it('ranks everyone active in the last 28 days: lapsed, then fading, then steady persons', async () => {
    const answer = await ml.get(tenant, '/v1/ml/churn/at-risk?limit=500');
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ modelVersion: 1, cut: NOW.toISOString(), timeWindowDays: 14, limit: 500, offset: 0 });
    const users: Array<{ userId: string; churnProbability: number }> = answer.body.users;
    expect(users).toHaveLength(answer.body.total);
    const probabilities = users.map((user) => user.churnProbability);
    expect(probabilities).toEqual([...probabilities].sort((a, b) => b - a));
    const behaviour = new Map(population.people.map((person) => [person.id, person.behaviour]));
    const meanOf = (kind: string) => {
      const scores = users.filter((user) => behaviour.get(user.userId) === kind).map((user) => user.churnProbability);
      return scores.reduce((sum, p) => sum + p, 0) / scores.length;
    };
    expect(meanOf('lapsed')).toBeGreaterThan(meanOf('fading_now'));
    expect(meanOf('fading_now')).toBeGreaterThan(meanOf('steady'));
    // At risk (lapsed or fading) vs steady, ranked by the served model at now.
    const atRisk = users.map((user) => (behaviour.get(user.userId) === 'steady' ? 0 : 1));
    expect(rocAuc(atRisk, probabilities)).toBeGreaterThan(0.9);
  });

  it('pages the ranking and explains each person with factors and suggested actions', async () => {
    const all = (await ml.get(tenant, '/v1/ml/churn/at-risk?limit=500')).body.users;
    const page = await ml.get(tenant, '/v1/ml/churn/at-risk?limit=5&offset=5');
    expect(page.body.users.map((user: { userId: string }) => user.userId)).toEqual(all.slice(5, 10).map((user: { userId: string }) => user.userId));
    const top = all[0];
    expect(top.riskFactors).toHaveLength(3);
    expect(top.riskFactors[0]).toEqual({
      feature: expect.stringMatching(/^(days_since_last_event|active_days|active_periods|events|activity_trend|sessions|conversions|escalations)$/),
      value: expect.any(Number),
      typical: expect.any(Number),
      contribution: expect.any(Number),
      effect: 'raises_risk',
      description: expect.stringContaining('(typical: '),
    });
    expect(top.riskFactors.map((factor: { feature: string }) => factor.feature)).toContain('days_since_last_event');
    expect(top.retentionActions).toContain(
      `Send a win-back message: last seen ${Math.round(top.riskFactors.find((f: { feature: string }) => f.feature === 'days_since_last_event').value)} days ago.`,
    );
    expect(top.featuresUsed).toEqual([
      'days_since_last_event',
      'active_days',
      'active_periods',
      'events',
      'activity_trend',
      'sessions',
      'conversions',
      'escalations',
    ]);
  });

  it('scores one person as the ranking does, and 404s a person with no event in the last 28 days', async () => {
    const all = (await ml.get(tenant, '/v1/ml/churn/at-risk?limit=500')).body.users;
    const someone = all[17];
    const answer = await ml.get(tenant, `/v1/ml/churn/users/${someone.userId}`);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual(someone);
    expect((await ml.get(tenant, '/v1/ml/churn/users/nobody')).status).toBe(404);
  });

  it("never serves tenant A's model to tenant B", async () => {
    expect((await ml.get(other, '/v1/ml/churn/at-risk')).status).toBe(404);
    const someone = population.people[0].id;
    const answer = await ml.get(other, `/v1/ml/churn/users/${someone}`);
    expect(answer.status).toBe(404);
    expect(answer.body.message).toContain('No churn model');
    // B's own training sees none of A's events: too little data, said with what is needed.
    const training = await ml.post(other, '/v1/ml/churn/train');
    expect(training.status).toBe(422);
    expect(training.body).toMatchObject({ needed: { persons: 200, churned: 25, stayed: 25 }, found: { persons: 0, churned: 0, stayed: 0 } });
    expect(training.body.message).toContain('at least 200 persons');
  });

  it('answers 400 naming the field for a bad page or user id', async () => {
    for (const [query, field] of [
      ['limit=0', 'limit'],
      ['limit=501', 'limit'],
      ['limit=ten', 'limit'],
      ['offset=-1', 'offset'],
      ['page=2', 'page'],
    ]) {
      const answer = await ml.get(tenant, `/v1/ml/churn/at-risk?${query}`);
      expect(answer.status).toBe(400);
      expect(answer.body.errors.map((error: { field: string }) => error.field)).toContain(field);
    }
    const longId = await ml.get(tenant, `/v1/ml/churn/users/${'x'.repeat(256)}`);
    expect(longId.status).toBe(400);
    expect(longId.body.errors).toEqual([{ field: 'id', rule: 'maxLength', message: 'id must be at most 255 characters' }]);
  });
});

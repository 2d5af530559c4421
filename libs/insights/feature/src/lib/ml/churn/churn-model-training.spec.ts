import { seededRandom } from '@pulse/analytics-core';
import type { PersonActivity } from '@pulse/ml-features';
import { churnCounts, trainChurnModel, type ChurnTrainingRow } from './churn-model-training';

/** Persons whose churn follows their behaviour: the quiet and fading ones mostly churn, the steady ones mostly stay. */
function population(count: number, seed: number): ChurnTrainingRow[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => {
    const fading = random() < 0.4;
    const weekly = 2 + Math.floor(random() * 10);
    const periodEvents = fading ? [0, Math.floor(weekly / 3), weekly, weekly] : [weekly, weekly, weekly, weekly];
    periodEvents[0] += random() < 0.2 ? 1 : 0;
    const activity: PersonActivity = {
      person: `p${String(i).padStart(4, '0')}`,
      daysSinceLastEvent: fading ? 7 + random() * 14 : random() * 4,
      periodEvents,
      periodActiveDays: periodEvents.map((events) => Math.min(7, events)),
      sessions: periodEvents.reduce((sum, n) => sum + n, 0) / 2,
      conversions: fading ? 0 : Math.floor(random() * 3),
      escalations: fading && random() < 0.5 ? 1 : 0,
    };
    const churns = random() < (fading ? 0.85 : 0.1);
    return { ...activity, returned: !churns };
  });
}

describe('trainChurnModel', () => {
  const rows = population(600, 11);

  it('ranks held-out persons by their behaviour (AUC above 0.85) and takes the first model', () => {
    const outcome = trainChurnModel(rows, null);
    expect(outcome.trainingRows).toBe(480);
    expect(outcome.validation.rows).toBe(120);
    expect(outcome.validation.auc).toBeGreaterThan(0.85);
    expect(outcome.currentOnSameRows).toBeNull();
    expect(outcome.replaces).toBe(true);
  });

  it('keeps the served model when the new one is not better on the same held-out persons', () => {
    const first = trainChurnModel(rows, null);
    const again = trainChurnModel(rows, { version: 1, model: first.model, metrics: first.validation });
    expect(again.currentOnSameRows?.auc).toBe(first.validation.auc);
    expect(again.replaces).toBe(false);
  });

  it('replaces a served model that ranks worse on the same persons', () => {
    const first = trainChurnModel(rows, null);
    const backwards = { ...first.model, coefficients: first.model.coefficients.map((weight) => -weight) };
    const outcome = trainChurnModel(rows, { version: 1, model: backwards, metrics: { auc: 0.99, brier: 0.01 } });
    expect(outcome.currentOnSameRows?.auc).toBeLessThan(0.2);
    expect(outcome.replaces).toBe(true);
  });

  it('compares with the stored metrics when the served model reads other features', () => {
    const first = trainChurnModel(rows, null);
    const older = { ...first.model, featureNames: ['recency'], means: [0], stds: [1], coefficients: [1] };
    expect(trainChurnModel(rows, { version: 1, model: older, metrics: { auc: 0.999, brier: 0.001 } }).replaces).toBe(false);
    expect(trainChurnModel(rows, { version: 1, model: older, metrics: { auc: 0.6, brier: 0.2 } }).replaces).toBe(true);
  });

  it('counts who churned (no event in the horizon) and who stayed', () => {
    const counts = churnCounts(rows);
    expect(counts.persons).toBe(600);
    expect(counts.churned + counts.stayed).toBe(600);
    expect(counts.churned).toBe(rows.filter((row) => !row.returned).length);
  });
});

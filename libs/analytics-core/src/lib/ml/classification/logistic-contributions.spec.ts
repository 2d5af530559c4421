import { logisticContributions, topContributions } from './logistic-contributions';
import { logisticLogOdds, type LogisticModel } from './logistic-regression';

// A hand-made model: recency pushes towards churn, sessions away, a third feature has no weight.
const MODEL: LogisticModel = {
  featureNames: ['recency_days', 'sessions', 'plan_age'],
  means: [10, 8, 100],
  stds: [5, 2, 50],
  coefficients: [0.8, -0.5, 0],
  intercept: -1,
  c: 1,
};

describe('logisticContributions', () => {
  it('is coefficient × standardised value per feature', () => {
    // recency 20 → (20 − 10) / 5 = 2 → 1.6; sessions 5 → (5 − 8) / 2 = −1.5 → 0.75; plan_age → 0.
    expect(logisticContributions(MODEL, [20, 5, 300])).toEqual([
      { feature: 'recency_days', value: 20, standardized: 2, contribution: 1.6 },
      { feature: 'sessions', value: 5, standardized: -1.5, contribution: 0.75 },
      { feature: 'plan_age', value: 300, standardized: 4, contribution: 0 },
    ]);
  });

  it('adds up with the intercept to the log-odds exactly', () => {
    const row = [3, 12, 40];
    const sum = logisticContributions(MODEL, row).reduce((total, entry) => total + entry.contribution, MODEL.intercept);
    expect(sum).toBeCloseTo(logisticLogOdds(MODEL, row), 12);
  });

  it('names the largest factors first by magnitude, either sign, leaving out features that explain nothing', () => {
    // recency 6 → −0.8 × 0.8 = −0.64; sessions 2 → −3 × −0.5 = 1.5.
    expect(topContributions(MODEL, [6, 2, 300], 3).map((entry) => [entry.feature, entry.contribution])).toEqual([
      ['sessions', 1.5],
      ['recency_days', expect.closeTo(-0.64, 12)],
    ]);
    expect(topContributions(MODEL, [6, 2, 300], 1).map((entry) => entry.feature)).toEqual(['sessions']);
  });
});

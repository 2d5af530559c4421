import type { LogisticModel } from '@pulse/analytics-core';
import { CHURN_FEATURES, churnFeatureTable } from '@pulse/ml-features';
import { churnFactors, describe as describeFeature, trendChangePercent } from './churn-factors';
import { retentionActions } from './retention-actions';

// A hand-made model: standard deviations 1, so a contribution is coefficient × (value − mean).
const model: LogisticModel = {
  featureNames: [...CHURN_FEATURES],
  means: [3, 10, 3, Math.log(21), 0, Math.log(6), Math.log(2), 0],
  stds: [1, 1, 1, 1, 1, 1, 1, 1],
  coefficients: [0.5, -0.1, 0, 0, -1, 0, -0.2, 0.8],
  intercept: -2,
  c: 1,
};

const table = churnFeatureTable([
  { person: 'p', daysSinceLastEvent: 12, periodEvents: [1, 3, 4, 4], periodActiveDays: [1, 1, 0, 0], sessions: 5, conversions: 1, escalations: 2 },
]);

describe('churnFactors', () => {
  it('ranks the features by the log-odds they add and says it in the person’s numbers (hand-computed)', () => {
    // recency 0.5 × (12 − 3) = 4.5; escalations 0.8 × ln 3 = 0.879; active days −0.1 × (2 − 10) = 0.8;
    // trend (4 − 8) / 12 = −1/3 → −1 × −1/3 = 0.333; conversions −0.2 × (ln 2 − ln 2) = 0.
    const factors = churnFactors(model, table, 0);
    expect(factors.map((factor) => factor.feature)).toEqual(['days_since_last_event', 'escalations', 'active_days']);
    expect(factors[0]).toEqual({
      feature: 'days_since_last_event',
      value: 12,
      typical: 3,
      contribution: 4.5,
      effect: 'raises_risk',
      description: '12 days since the last event (typical: 3 days since the last event)',
    });
    expect(factors[1].contribution).toBeCloseTo(0.8 * Math.log(3), 14);
    expect(factors[1].value).toBe(2);
    expect(factors[1].typical).toBe(0);
    expect(factors[2].contribution).toBeCloseTo(0.8, 14);
  });

  it('says a falling trend as the change of the last two weeks over the two before', () => {
    expect(trendChangePercent(-1 / 3)).toBe(-50);
    expect(trendChangePercent(0)).toBe(0);
    expect(trendChangePercent(1)).toBeNull();
    expect(describeFeature('activity_trend', -1 / 3)).toBe('activity down 50 % on the two weeks before');
    expect(describeFeature('activity_trend', 1)).toBe('all activity in the last two weeks');
  });
});

describe('retentionActions', () => {
  it('suggests one action per kind of risk, only for factors that raise it, in factor order', () => {
    const factors = churnFactors(model, table, 0, 8);
    expect(retentionActions(factors)).toEqual([
      'Send a win-back message: last seen 12 days ago.',
      'Follow up personally on their support issues: 2 escalated in the last 28 days.',
      'Rebuild the habit: remind them of what they use most (digest, reminders, saved items).',
      'Reach out before they go quiet: activity 50 % lower than the two weeks before.',
    ]);
  });

  it('suggests nothing when every factor lowers the risk', () => {
    const calm = churnFactors(model, table, 0).map((factor) => ({ ...factor, effect: 'lowers_risk' as const }));
    expect(retentionActions(calm)).toEqual([]);
  });
});

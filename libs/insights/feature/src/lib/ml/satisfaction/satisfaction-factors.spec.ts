import type { LogisticModel } from '@pulse/analytics-core';
import { SATISFACTION_FEATURES, satisfactionFeatureTable } from '@pulse/ml-features';
import { satisfactionFactors } from './satisfaction-factors';

const width = SATISFACTION_FEATURES.length;
const at = (name: (typeof SATISFACTION_FEATURES)[number]) => SATISFACTION_FEATURES.indexOf(name);

// Means 0 and standard deviations 1, so a feature's impact is its coefficient × its model value.
const coefficients = new Array<number>(width).fill(0);
coefficients[at('response_seconds')] = -0.5;
coefficients[at('escalated')] = -0.9;
coefficients[at('sentiment_final')] = 2;
const means = new Array<number>(width).fill(0);
means[at('escalated')] = 0.2;
const model: LogisticModel = { featureNames: [...SATISFACTION_FEATURES], means, stds: new Array<number>(width).fill(1), coefficients, intercept: 0.5, c: 1 };

describe('satisfactionFactors', () => {
  it('names what moved the score, in the conversation’s own numbers (hand-computed)', () => {
    const table = satisfactionFeatureTable(
      [
        {
          conversation: 'c',
          durationSeconds: 300,
          customerMessages: 2,
          replies: 2,
          meanResponseMs: 19_000,
          escalated: true,
          resolvedByHuman: false,
          intents: [],
          customerSentiments: [0.2, -0.6],
        },
      ],
      { fill: model.means },
    );
    // sentiment_final 2 × −0.6 = −1.2; escalated −0.9 × (1 − 0.2) = −0.72; response −0.5 × ln 20 = −1.498.
    const factors = satisfactionFactors(model, table, 0);
    expect(factors.map((factor) => factor.factor)).toEqual(['response_seconds', 'sentiment_final', 'escalated']);
    expect(factors[0].impact).toBeCloseTo(-0.5 * Math.log(20), 14);
    expect(factors[0].description).toBe('replies after 19 s on average (typical: replies after 0 s on average) lowers the score');
    expect(factors[1]).toMatchObject({ value: -0.6, typical: 0, description: 'closing sentiment -0.6 (typical: closing sentiment 0) lowers the score' });
    expect(factors[1].impact).toBeCloseTo(-1.2, 14);
    expect(factors[2].description).toBe('escalated to a person (typical: 20 % of conversations) lowers the score');
  });

  it('never names a feature the conversation did not show: it was filled at the training mean', () => {
    const table = satisfactionFeatureTable(
      [
        {
          conversation: 'c',
          durationSeconds: 0,
          customerMessages: 1,
          replies: 0,
          meanResponseMs: null,
          escalated: false,
          resolvedByHuman: false,
          intents: [],
          customerSentiments: [],
        },
      ],
      { fill: model.means },
    );
    const factors = satisfactionFactors(model, table, 0, 12);
    expect(factors.map((factor) => factor.factor)).toEqual(['escalated']);
    expect(factors[0].description).toBe('not escalated (typical: 20 % of conversations) raises the score');
  });
});

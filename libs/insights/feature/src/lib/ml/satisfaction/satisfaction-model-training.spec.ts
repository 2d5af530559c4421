import { seededRandom, sigmoid } from '@pulse/analytics-core';
import { SATISFACTION_FEATURES } from '@pulse/ml-features';
import { satisfactionCounts, trainSatisfactionModel, validateSatisfaction, type LabelledConversation } from './satisfaction-model-training';

/** Conversations whose score follows slow replies, escalation and the closing sentiment, as star ratings (stars − 1) / 4. */
function conversations(count: number, seed: number): LabelledConversation[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => {
    const slow = random() < 0.4;
    const escalated = random() < 0.25;
    const closing = random() * 2 - 1;
    const scored = random() < 0.8;
    const logit = 1 - (slow ? 1.5 : 0) - (escalated ? 1 : 0) + 1.5 * closing;
    const stars = Math.min(5, Math.max(1, Math.round(1 + 4 * sigmoid(logit) + (random() - 0.5))));
    return {
      conversation: `c${i}`,
      durationSeconds: 120 + random() * 600,
      customerMessages: 2 + Math.floor(random() * 4),
      replies: 2 + Math.floor(random() * 4),
      meanResponseMs: (slow ? 40_000 : 3_000) * (0.5 + random()),
      escalated,
      resolvedByHuman: escalated,
      intents: ['billing'],
      customerSentiments: scored ? [0, closing] : [null, null],
      satisfactionScore: (stars - 1) / 4,
    };
  });
}

describe('trainSatisfactionModel', () => {
  const rows = conversations(500, 3);

  it('predicts held-out scores better than their mean and ranks the satisfied ones first', () => {
    const outcome = trainSatisfactionModel(rows, null);
    expect(outcome.trainingRows + outcome.validation.rows).toBe(500);
    expect(outcome.validation.meanAbsoluteError).toBeLessThan(0.8 * (outcome.validation.baselineMeanAbsoluteError ?? 0));
    expect(outcome.validation.r2).toBeGreaterThan(0.3);
    expect(outcome.validation.auc).toBeGreaterThan(0.8);
    expect(outcome.replaces).toBe(true);
  });

  it('keeps the served model when the new one is no better on the same conversations', () => {
    const first = trainSatisfactionModel(rows, null);
    const again = trainSatisfactionModel(rows, { model: first.model, metrics: { auc: first.validation.auc, brier: first.validation.meanSquaredError } });
    expect(again.currentOnSameRows?.meanAbsoluteError).toBe(first.validation.meanAbsoluteError);
    expect(again.replaces).toBe(false);
  });

  it('reads the slow replies, the escalation and the closing sentiment the right way round', () => {
    const { model } = trainSatisfactionModel(rows, null);
    const weight = (name: (typeof SATISFACTION_FEATURES)[number]) => model.coefficients[model.featureNames.indexOf(name)];
    expect(weight('response_seconds')).toBeLessThan(0);
    expect(weight('sentiment_final')).toBeGreaterThan(0);
    expect(weight('escalated') + weight('resolved_by_human')).toBeLessThan(0);
  });

  it('counts satisfied conversations from 0.75 (4 of 5 stars) up', () => {
    const counts = satisfactionCounts([0.5, 0.75, 1, 0].map((score, i) => ({ ...rows[i], satisfactionScore: score })));
    expect(counts).toEqual({ scoredConversations: 4, satisfied: 2, unsatisfied: 2 });
  });

  it('validates by hand: MAE, the mean as baseline and the AUC of satisfied vs not', () => {
    // Scores 1, 0.75, 0.25, 0; predictions 0.9, 0.6, 0.4, 0.2 → errors 0.1, 0.15, 0.15, 0.2; baseline mean 0.5.
    const result = validateSatisfaction([1, 0.75, 0.25, 0], [0.9, 0.6, 0.4, 0.2], 0.5);
    expect(result.meanAbsoluteError).toBeCloseTo(0.15, 15);
    expect(result.baselineMeanAbsoluteError).toBeCloseTo(0.375, 15);
    expect(result.auc).toBe(1);
  });
});

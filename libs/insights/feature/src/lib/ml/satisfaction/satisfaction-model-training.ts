import { isBetterModel, rocAuc, validateRegression, type LogisticModel, type RegressionValidation, type ValidationMetrics } from '@pulse/analytics-core';
import { satisfactionFeatureTable, type ConversationActivity } from '@pulse/ml-features';
import { fitLogistic, holdoutSplit, pick, predictRows, readsSameFeatures } from '../training/holdout-fit';

/**
 * Satisfaction scores are 0 … 1 (the event contract validates `satisfaction_score` so); a customer is counted as
 * satisfied at 0.75 and above — 4 or 5 of 5 stars as (stars − 1) / 4, CSAT's usual "top two boxes".
 */
export const SATISFIED_SCORE = 0.75;

/** Conversations active in the 90 days before now are read for training. */
export const SATISFACTION_TRAINING_DAYS = 90;

/** At least this many scored conversations, with enough satisfied and unsatisfied that the 20 % held out has some of each. */
export const SATISFACTION_TRAINING_MINIMUM = { scoredConversations: 100, satisfied: 15, unsatisfied: 15 } as const;

export interface LabelledConversation extends ConversationActivity {
  satisfactionScore: number;
}

export interface SatisfactionValidation extends RegressionValidation {
  /** How well the predicted score ranks satisfied (≥ 0.75) above unsatisfied conversations. */
  auc: number | undefined;
  /** Mean absolute error of always predicting the training mean: what the model must beat. */
  baselineMeanAbsoluteError: number | undefined;
}

export interface SatisfactionTrainingOutcome {
  model: LogisticModel;
  validation: SatisfactionValidation;
  trainingRows: number;
  /** The served model on the same held-out conversations (null: none, or it reads other features). */
  currentOnSameRows: SatisfactionValidation | null;
  replaces: boolean;
}

export function satisfactionCounts(rows: readonly LabelledConversation[]): { scoredConversations: number; satisfied: number; unsatisfied: number } {
  const satisfied = rows.filter((row) => row.satisfactionScore >= SATISFIED_SCORE).length;
  return { scoredConversations: rows.length, satisfied, unsatisfied: rows.length - satisfied };
}

/** What `isBetterModel` compares for satisfaction: the AUC of satisfied vs not, and the mean squared error of the score in Brier's place. */
export function selectionMetrics(validation: SatisfactionValidation): ValidationMetrics {
  return { auc: validation.auc, brier: validation.meanSquaredError };
}

/**
 * The fractional logit: analytics-core's L2 logistic regression fitted to the 0–1 score itself, so a prediction
 * is the expected score (not the chance of one class) and a daily mean of predictions compares with a daily mean
 * of scores. Split 80/20 stratified by satisfied or not; missing features are filled with the training rows'
 * means (the held-out rows too, so nothing of theirs leaks into training).
 */
export function trainSatisfactionModel(
  rows: readonly LabelledConversation[],
  served: { model: LogisticModel; metrics: ValidationMetrics } | null,
): SatisfactionTrainingOutcome {
  const scores = rows.map((row) => row.satisfactionScore);
  const split = holdoutSplit(scores.map((score) => (score >= SATISFIED_SCORE ? 1 : 0)));
  const training = satisfactionFeatureTable(pick(rows, split.train));
  const trainingScores = pick(scores, split.train);
  const model = fitLogistic(training.values, trainingScores, training.featureNames);
  const heldOut = pick(rows, split.validation);
  const heldOutScores = pick(scores, split.validation);
  const trainingMean = trainingScores.reduce((sum, score) => sum + score, 0) / trainingScores.length;
  const judge = (scorer: LogisticModel) => {
    const table = satisfactionFeatureTable(heldOut, { fill: scorer.means });
    return validateSatisfaction(heldOutScores, predictRows(scorer, table.values), trainingMean);
  };
  const validation = judge(model);
  const currentOnSameRows = served && readsSameFeatures(served.model, training.featureNames) ? judge(served.model) : null;
  const replaces = isBetterModel(selectionMetrics(validation), served ? (currentOnSameRows ? selectionMetrics(currentOnSameRows) : served.metrics) : undefined);
  return { model, validation, trainingRows: split.train.length, currentOnSameRows, replaces };
}

export function validateSatisfaction(scores: readonly number[], predictions: readonly number[], trainingMean: number): SatisfactionValidation {
  const satisfied = scores.map((score) => (score >= SATISFIED_SCORE ? 1 : 0));
  return {
    ...validateRegression(scores, predictions),
    auc: rocAuc(satisfied, predictions),
    baselineMeanAbsoluteError: scores.length === 0 ? undefined : scores.reduce((sum, score) => sum + Math.abs(score - trainingMean), 0) / scores.length,
  };
}

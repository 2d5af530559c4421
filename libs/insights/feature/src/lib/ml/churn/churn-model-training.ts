import { isBetterModel, validateBinaryClassifier, type BinaryValidation, type LogisticModel, type ValidationMetrics } from '@pulse/analytics-core';
import { churnFeatureTable, type PersonActivity } from '@pulse/ml-features';
import { fitLogistic, holdoutSplit, pick, predictRows, readsSameFeatures } from '../training/holdout-fit';

/**
 * The least a tenant needs to train: persons seen in the 28 days before the cut, and of them enough who churned
 * and who stayed that the 20 % held out has at least five of each (an AUC on fewer says little).
 */
export const CHURN_TRAINING_MINIMUM = { persons: 200, churned: 25, stayed: 25 } as const;

export interface ChurnTrainingRow extends PersonActivity {
  /** Any event in the 14 days after the cut. */
  returned: boolean;
}

/** The model being served: what it is and how it validated when it was trained. */
export interface ServedModel {
  version: number;
  model: LogisticModel;
  metrics: ValidationMetrics;
}

export interface ChurnTrainingOutcome {
  model: LogisticModel;
  validation: BinaryValidation;
  trainingRows: number;
  /** The served model scored on the same held-out persons (null: none, or it reads other features). */
  currentOnSameRows: BinaryValidation | null;
  replaces: boolean;
}

export function churnCounts(rows: readonly ChurnTrainingRow[]): { persons: number; churned: number; stayed: number } {
  const churned = rows.filter((row) => !row.returned).length;
  return { persons: rows.length, churned, stayed: rows.length - churned };
}

/**
 * Fits on 80 % of the persons (stratified by outcome, seeded), validates on the rest, and decides with
 * analytics-core's `isBetterModel` whether the new model replaces the served one. Both are judged on the same
 * held-out persons when the served model reads the same features; otherwise against its stored metrics.
 */
export function trainChurnModel(rows: readonly ChurnTrainingRow[], served: ServedModel | null): ChurnTrainingOutcome {
  const table = churnFeatureTable(rows);
  const labels = rows.map((row) => (row.returned ? 0 : 1));
  const split = holdoutSplit(labels);
  const model = fitLogistic(pick(table.values, split.train), pick(labels, split.train), table.featureNames);
  const validationRows = pick(table.values, split.validation);
  const validationLabels = pick(labels, split.validation);
  const validation = validateBinaryClassifier(validationLabels, predictRows(model, validationRows));
  const currentOnSameRows =
    served && readsSameFeatures(served.model, table.featureNames)
      ? validateBinaryClassifier(validationLabels, predictRows(served.model, validationRows))
      : null;
  const replaces = isBetterModel(validation, served ? (currentOnSameRows ?? served.metrics) : undefined);
  return { model, validation, trainingRows: split.train.length, currentOnSameRows, replaces };
}

import { predictLogisticProbability, trainLogisticRegression, trainValidationSplit, type LogisticModel } from '@pulse/analytics-core';

/** How every tenant model is fitted: L2 logistic regression (C = 1) on 80 % of the rows, judged on the other 20 %. */
export const HOLDOUT_FIT = { validationShare: 0.2, seed: 20261207, c: 1 } as const;

export interface HoldoutSplit {
  train: number[];
  validation: number[];
}

/** The seeded split, stratified by `strata` (the churn label; satisfied or not), so both parts keep the mix. */
export function holdoutSplit(strata: readonly number[]): HoldoutSplit {
  return trainValidationSplit(strata, { validationShare: HOLDOUT_FIT.validationShare, seed: HOLDOUT_FIT.seed });
}

export function fitLogistic(rows: readonly (readonly number[])[], labels: readonly number[], featureNames: readonly string[]): LogisticModel {
  return trainLogisticRegression(rows, labels, { featureNames, c: HOLDOUT_FIT.c }).model;
}

export function predictRows(model: LogisticModel, rows: readonly (readonly number[])[]): number[] {
  return rows.map((row) => predictLogisticProbability(model, row));
}

/** A stored model can be scored on new rows only if it reads the same features in the same order. */
export function readsSameFeatures(model: LogisticModel, featureNames: readonly string[]): boolean {
  return model.featureNames.length === featureNames.length && model.featureNames.every((name, j) => name === featureNames[j]);
}

export function pick<T>(values: readonly T[], indices: readonly number[]): T[] {
  return indices.map((index) => values[index]);
}

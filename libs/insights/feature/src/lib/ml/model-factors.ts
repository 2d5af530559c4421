import { topContributions, type LogisticModel } from '@pulse/analytics-core';
import type { FeatureTable } from '@pulse/ml-features';

/** One feature behind one row's prediction, on the scale a person reads (days, minutes, counts). */
export interface ModelFactor<F extends string> {
  feature: F;
  /** The row's value; a missing one (filled at the mean) reads as the fill. */
  value: number;
  /** The training mean on the same scale. */
  typical: number;
  /** Log-odds this feature adds against an average row: coefficient × standardised value. */
  contribution: number;
}

/**
 * The `limit` features that move row `index`'s prediction most, either way (analytics-core's
 * `topContributions`), with the row's and the training mean's values turned readable by `readableValue`.
 * Churn and satisfaction explain their predictions with this and word the factors their own way.
 */
export function modelFactors<F extends string>(
  model: LogisticModel,
  table: FeatureTable,
  index: number,
  readableValue: (feature: F, modelValue: number) => number,
  limit: number,
): ModelFactor<F>[] {
  return topContributions(model, table.values[index], limit).map((entry) => {
    const feature = entry.feature as F;
    const value = table.readable[index][table.featureNames.indexOf(feature)] ?? readableValue(feature, entry.value);
    const typical = readableValue(feature, model.means[model.featureNames.indexOf(feature)]);
    return { feature, value, typical, contribution: entry.contribution };
  });
}

import { scaleRow } from './feature-standardization';
import type { LogisticModel } from './logistic-regression';

/**
 * Why a row scored as it did: each feature's contribution to the log-odds is its coefficient times its
 * standardised value, i.e. how far this row's value sits from the training mean, in standard deviations,
 * weighted. Intercept + the contributions = the log-odds exactly, so the factors account for the whole
 * score relative to an average row. Positive pushes towards the event (churn), negative away from it.
 */
export interface FeatureContribution {
  feature: string;
  /** The raw value scored. */
  value: number;
  /** Its standardised value: (value − training mean) / training standard deviation. */
  standardized: number;
  /** coefficient × standardized, in log-odds. */
  contribution: number;
}

export function logisticContributions(model: LogisticModel, row: readonly number[]): FeatureContribution[] {
  const scaled = scaleRow(row, model);
  return model.featureNames.map((feature, j) => ({ feature, value: row[j], standardized: scaled[j], contribution: model.coefficients[j] * scaled[j] }));
}

/**
 * The `limit` contributions largest in magnitude (ties by feature order), leaving out exact zeros: a
 * feature at its mean or with no weight explains nothing.
 */
export function topContributions(model: LogisticModel, row: readonly number[], limit = 3): FeatureContribution[] {
  return logisticContributions(model, row)
    .map((entry, index) => ({ entry, index }))
    .filter(({ entry }) => entry.contribution !== 0)
    .sort((a, b) => Math.abs(b.entry.contribution) - Math.abs(a.entry.contribution) || a.index - b.index)
    .slice(0, limit)
    .map(({ entry }) => entry);
}

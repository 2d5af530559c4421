import type { BinaryValidation } from './classifier-validation';
import type { LogisticModel } from './logistic-regression';

/**
 * A trained logistic model as plain JSON, for a model-version row in PostgreSQL (jsonb) and for scoring
 * later: everything `predictLogisticProbability` needs, plus the validation it was chosen on. Metrics the
 * data could not define are absent (JSON has no undefined).
 */
export interface LogisticModelDocument extends LogisticModel {
  type: 'logistic_regression';
  formatVersion: 1;
  validation?: BinaryValidation;
}

export function logisticModelToJson(model: LogisticModel, validation?: BinaryValidation): LogisticModelDocument {
  return {
    type: 'logistic_regression',
    formatVersion: 1,
    featureNames: [...model.featureNames],
    means: [...model.means],
    stds: [...model.stds],
    coefficients: [...model.coefficients],
    intercept: model.intercept,
    c: model.c,
    ...(validation ? { validation } : {}),
  };
}

/** Reads a stored document back, refusing anything that would score wrongly (RangeError saying what). */
export function logisticModelFromJson(value: unknown): LogisticModelDocument {
  if (typeof value !== 'object' || value === null) throw new RangeError('A logistic model document must be an object');
  const document = value as Partial<LogisticModelDocument>;
  if (document.type !== 'logistic_regression') throw new RangeError(`Not a logistic model: type ${String(document.type)}`);
  if (document.formatVersion !== 1) throw new RangeError(`Unsupported logistic model format ${String(document.formatVersion)}`);
  const names = document.featureNames;
  if (!Array.isArray(names) || names.some((name) => typeof name !== 'string')) throw new RangeError('featureNames must be strings');
  for (const field of ['means', 'stds', 'coefficients'] as const) {
    const values = document[field];
    if (!Array.isArray(values) || values.length !== names.length || values.some((v) => typeof v !== 'number' || !Number.isFinite(v))) {
      throw new RangeError(`${field} must be ${names.length} finite numbers`);
    }
  }
  if (document.stds?.some((std) => !(std > 0))) throw new RangeError('stds must be positive');
  if (typeof document.intercept !== 'number' || !Number.isFinite(document.intercept)) throw new RangeError('intercept must be a finite number');
  if (typeof document.c !== 'number' || !(document.c > 0)) throw new RangeError('c must be a positive number');
  return document as LogisticModelDocument;
}

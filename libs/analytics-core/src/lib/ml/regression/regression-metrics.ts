/**
 * Validation metrics of a model that predicts a number (the satisfaction score), as scikit-learn defines them.
 * Undefined when the data cannot define them: no rows, or R² of constant outcomes.
 */
export interface RegressionValidation {
  rows: number;
  meanAbsoluteError: number | undefined;
  meanSquaredError: number | undefined;
  /** 1 − Σ(y − ŷ)² / Σ(y − ȳ)²: the share of the outcomes' variance the predictions explain (0: no better than their mean). */
  r2: number | undefined;
}

export function validateRegression(outcomes: readonly number[], predictions: readonly number[]): RegressionValidation {
  assertPaired(outcomes, predictions);
  const n = outcomes.length;
  if (n === 0) return { rows: 0, meanAbsoluteError: undefined, meanSquaredError: undefined, r2: undefined };
  let absolute = 0;
  let squared = 0;
  let mean = 0;
  outcomes.forEach((y, i) => {
    absolute += Math.abs(y - predictions[i]);
    squared += (y - predictions[i]) ** 2;
    mean += y;
  });
  mean /= n;
  const total = outcomes.reduce((sum, y) => sum + (y - mean) ** 2, 0);
  return { rows: n, meanAbsoluteError: absolute / n, meanSquaredError: squared / n, r2: total === 0 ? undefined : 1 - squared / total };
}

function assertPaired(outcomes: readonly number[], predictions: readonly number[]): void {
  if (outcomes.length !== predictions.length) throw new RangeError(`${outcomes.length} outcomes but ${predictions.length} predictions`);
  for (const value of [...outcomes, ...predictions]) {
    if (!Number.isFinite(value)) throw new RangeError(`Outcomes and predictions must be finite numbers, got ${value}`);
  }
}

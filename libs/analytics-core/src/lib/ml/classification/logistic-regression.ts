import { fitFeatureScaling, scaleRow } from './feature-standardization';
import { solveSymmetricPositiveDefinite } from './symmetric-solve';

/**
 * L2-regularised logistic regression, fitted by Newton's method (iteratively reweighted least squares)
 * on standardised features. It minimises scikit-learn's objective for `LogisticRegression(penalty='l2', C)`:
 * C × Σ log-loss + ½‖w‖², the intercept not penalised, so the coefficients match scikit-learn's on the
 * same standardised data. Newton's method is deterministic and converges in a handful of steps for the
 * few features a churn or satisfaction model has (each step costs n × p²).
 */
export interface LogisticModel {
  featureNames: string[];
  /** The standardisation fitted on the training rows. */
  means: number[];
  stds: number[];
  /** One per feature, on the standardised scale: the change in log-odds for one standard deviation. */
  coefficients: number[];
  intercept: number;
  /** scikit-learn's C: inverse regularisation strength. */
  c: number;
}

export interface LogisticRegressionOptions {
  featureNames: readonly string[];
  /** Inverse regularisation strength (scikit-learn's C); smaller is stronger. Default 1. */
  c?: number;
  maxIterations?: number;
  /** Stop when no component of the gradient of the per-row loss exceeds this. */
  tolerance?: number;
}

export interface LogisticFit {
  model: LogisticModel;
  iterations: number;
  converged: boolean;
}

const ARMIJO_FRACTION = 1e-4;

/**
 * Labels are 1 (the event: churned, satisfied) or 0; fractions in between fit the fractional logit (a
 * satisfaction score scaled to 0–1). Both outcomes must occur, or the intercept would run to infinity.
 */
export function trainLogisticRegression(rows: readonly (readonly number[])[], labels: readonly number[], options: LogisticRegressionOptions): LogisticFit {
  const c = options.c ?? 1;
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-10;
  if (!(c > 0) || !Number.isFinite(c)) throw new RangeError(`C must be a positive number, got ${c}`);
  if (rows.length !== labels.length) throw new RangeError(`${rows.length} rows but ${labels.length} labels`);
  if (rows.length === 0) throw new RangeError('Training needs at least one row');
  if (rows[0].length !== options.featureNames.length) throw new RangeError(`${options.featureNames.length} feature names for ${rows[0].length} features`);
  for (const label of labels) {
    if (!(label >= 0 && label <= 1)) throw new RangeError(`Labels must be within [0, 1], got ${label}`);
  }
  if (!labels.some((label) => label > 0) || !labels.some((label) => label < 1)) {
    throw new RangeError('Training needs both outcomes among the labels');
  }

  const scaling = fitFeatureScaling(rows);
  const width = options.featureNames.length + 1; // the intercept first, then one weight per feature
  const design = rows.map((row) => Float64Array.from([1, ...scaleRow(row, scaling)]));
  let weights: number[] = new Array<number>(width).fill(0);
  let loss = objective(design, labels, weights, c);
  let iterations = 0;
  let converged = false;

  while (iterations < maxIterations) {
    const { gradient, hessian } = derivatives(design, labels, weights, c);
    if (Math.max(...gradient.map(Math.abs)) / (c * rows.length) <= tolerance) {
      converged = true;
      break;
    }
    iterations++;
    const step = solveSymmetricPositiveDefinite(hessian, gradient);
    const decrease = gradient.reduce((sum, g, j) => sum + g * step[j], 0);
    // Backtracking keeps every step downhill; a full Newton step is almost always taken. Near the minimum
    // the loss changes by less than its own rounding error, so a change within that error counts as level.
    const roundingError = 1e-12 * Math.abs(loss);
    let length = 1;
    let next = weights;
    let nextLoss = loss;
    for (let halvings = 0; halvings < 60; halvings++, length /= 2) {
      const candidate = weights.map((w, j) => w - length * step[j]);
      const candidateLoss = objective(design, labels, candidate, c);
      if (candidateLoss <= loss - ARMIJO_FRACTION * length * decrease + roundingError) {
        next = candidate;
        nextLoss = candidateLoss;
        break;
      }
    }
    if (next === weights) {
      // No step lowers the loss at double precision: this is the minimum.
      converged = true;
      break;
    }
    weights = next;
    loss = nextLoss;
  }

  return {
    model: {
      featureNames: [...options.featureNames],
      means: scaling.means,
      stds: scaling.stds,
      coefficients: weights.slice(1),
      intercept: weights[0],
      c,
    },
    iterations,
    converged,
  };
}

/** The model's log-odds for one row of raw (unscaled) features. */
export function logisticLogOdds(model: LogisticModel, row: readonly number[]): number {
  const scaled = scaleRow(row, model);
  return scaled.reduce((sum, value, j) => sum + model.coefficients[j] * value, model.intercept);
}

/** The probability of the event (label 1) for one row of raw features. */
export function predictLogisticProbability(model: LogisticModel, row: readonly number[]): number {
  return sigmoid(logisticLogOdds(model, row));
}

export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** log(1 + eᶻ) without overflow. */
function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

function linear(row: Float64Array, weights: readonly number[]): number {
  let z = 0;
  for (let j = 0; j < row.length; j++) z += row[j] * weights[j];
  return z;
}

function objective(design: readonly Float64Array[], labels: readonly number[], weights: readonly number[], c: number): number {
  let logLoss = 0;
  for (let i = 0; i < design.length; i++) {
    const z = linear(design[i], weights);
    logLoss += softplus(z) - labels[i] * z;
  }
  let penalty = 0;
  for (let j = 1; j < weights.length; j++) penalty += weights[j] ** 2;
  return c * logLoss + penalty / 2;
}

function derivatives(
  design: readonly Float64Array[],
  labels: readonly number[],
  weights: readonly number[],
  c: number,
): { gradient: number[]; hessian: number[][] } {
  const width = weights.length;
  const gradient = new Array<number>(width).fill(0);
  const hessian = Array.from({ length: width }, () => new Array<number>(width).fill(0));
  for (let i = 0; i < design.length; i++) {
    const row = design[i];
    const p = sigmoid(linear(row, weights));
    const residual = p - labels[i];
    const curvature = p * (1 - p);
    for (let j = 0; j < width; j++) {
      gradient[j] += residual * row[j];
      const scaled = curvature * row[j];
      for (let k = 0; k <= j; k++) hessian[j][k] += scaled * row[k];
    }
  }
  for (let j = 0; j < width; j++) {
    gradient[j] *= c;
    for (let k = 0; k <= j; k++) {
      hessian[j][k] *= c;
      hessian[k][j] = hessian[j][k];
    }
    // The penalty ½‖w‖² spares the intercept (index 0).
    if (j > 0) {
      gradient[j] += weights[j];
      hessian[j][j] += 1;
    }
  }
  return { gradient, hessian };
}

import {
  runSmoothing,
  type SmoothingParameters,
  type SmoothingSpec,
  type SmoothingStates,
} from './exponential-smoothing';
import { nelderMead } from './nelder-mead';
import { initialStates } from './smoothing-initial-states';

/**
 * Fits the smoothing parameters by minimising the sum of squared one-step errors (SSE) with Nelder–Mead over
 * unconstrained coordinates mapped into the usual admissible region: 0 < α < 1, 0 < β < α, 0 < Σγ < 1 − α,
 * 0.8 ≤ φ ≤ 0.98 (Hyndman's bounds for a damped trend). Initial states come from `initialStates` and are not
 * optimised.
 */
export interface FittedSmoothing {
  spec: SmoothingSpec;
  parameters: SmoothingParameters;
  initial: SmoothingStates;
  sse: number;
  /** One-step residual variance, SSE ÷ n (as statsmodels' ETS uses for its intervals). */
  residualVariance: number;
  /** n·ln(SSE/n) + 2·(parameters + initial states): compares specs fitted to the same points. */
  aic: number;
  observations: number;
}

const PHI_MIN = 0.8;
const PHI_MAX = 0.98;

export function fitSmoothing(values: ArrayLike<number>, spec: SmoothingSpec): FittedSmoothing {
  const initial = initialStates(values, spec);
  const seasons = spec.seasonal === 'none' ? 0 : spec.periods.length;
  const hasTrend = spec.trend !== 'none';
  const damped = spec.trend === 'damped';
  const toParameters = (point: readonly number[]): SmoothingParameters => {
    let index = 0;
    const alpha = logistic(point[index++]);
    const beta = hasTrend ? alpha * logistic(point[index++]) : 0;
    const phi = damped ? PHI_MIN + (PHI_MAX - PHI_MIN) * logistic(point[index++]) : 1;
    const gammas: number[] = [];
    for (let k = 0; k < seasons; k++) gammas.push(((1 - alpha) * logistic(point[index++])) / seasons);
    return { alpha, beta, phi, gammas };
  };
  // Start at α = 0.3, β = 0.1α, φ = 0.9, γ = 0.1(1 − α).
  const start = [
    logit(0.3),
    ...(hasTrend ? [logit(0.1)] : []),
    ...(damped ? [0] : []),
    ...Array.from({ length: seasons }, () => logit(0.1)),
  ];
  const result = nelderMead((point) => runSmoothing(values, spec, toParameters(point), initial).sse, start);
  const parameters = toParameters(result.point);
  const sse = runSmoothing(values, spec, parameters, initial).sse;
  const n = values.length;
  const stateCount =
    1 + (hasTrend ? 1 : 0) + (spec.seasonal === 'none' ? 0 : spec.periods.reduce((sum, m) => sum + m - 1, 0));
  return {
    spec,
    parameters,
    initial,
    sse,
    residualVariance: sse / n,
    aic: n * Math.log(Math.max(sse / n, Number.MIN_VALUE)) + 2 * (start.length + stateCount),
    observations: n,
  };
}

function logistic(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

function logit(p: number): number {
  return Math.log(p / (1 - p));
}

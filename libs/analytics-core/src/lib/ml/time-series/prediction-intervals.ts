import { seededRandom } from '../../seeded-random';
import { percentilesSortingInPlace } from '../../statistics';
import type { SmoothingParameters, SmoothingSpec, SmoothingStates } from './exponential-smoothing';

/** Standard normal quantiles for the 80 % and 95 % central intervals. */
export const Z_80 = 1.2815515655446004;
export const Z_95 = 1.959963984540054;

export interface IntervalBounds {
  lower80: Float64Array;
  upper80: Float64Array;
  lower95: Float64Array;
  upper95: Float64Array;
}

/**
 * Analytic forecast variance of an additive-error, additive-season model (Hyndman et al. 2008, class 1):
 * Var(h) = σ² (1 + Σ_{j=1}^{h−1} c_j²), c_j = α + β(φ + … + φ^j) + Σₖ γₖ [j a multiple of mₖ]. It is what
 * statsmodels' ETSModel computes for ETS(A,N,A), (A,A,A) and (A,Ad,A); several seasons just add their
 * indicators (the model stays linear in the errors).
 */
export function additiveForecastVariance(
  spec: SmoothingSpec,
  parameters: SmoothingParameters,
  residualVariance: number,
  horizon: number,
): Float64Array {
  const beta = spec.trend === 'none' ? 0 : parameters.beta;
  const phi = spec.trend === 'damped' ? parameters.phi : 1;
  const periods = spec.seasonal === 'none' ? [] : spec.periods;
  const variance = new Float64Array(horizon);
  let sumOfSquares = 0;
  let dampedSum = 0;
  let power = 1;
  for (let h = 1; h <= horizon; h++) {
    variance[h - 1] = residualVariance * (1 + sumOfSquares);
    // c_h, used from step h + 1 on.
    power *= phi;
    dampedSum += power;
    let c = parameters.alpha + beta * dampedSum;
    for (let k = 0; k < periods.length; k++) if (h % periods[k] === 0) c += parameters.gammas[k];
    sumOfSquares += c * c;
  }
  return variance;
}

export function normalIntervals(forecast: Float64Array, variance: Float64Array): IntervalBounds {
  const bounds = emptyBounds(forecast.length);
  for (let h = 0; h < forecast.length; h++) {
    const sd = Math.sqrt(variance[h]);
    bounds.lower80[h] = forecast[h] - Z_80 * sd;
    bounds.upper80[h] = forecast[h] + Z_80 * sd;
    bounds.lower95[h] = forecast[h] - Z_95 * sd;
    bounds.upper95[h] = forecast[h] + Z_95 * sd;
  }
  return bounds;
}

export const SIMULATED_PATHS = 1000;

/**
 * Intervals of the multiplicative-season model by simulation, as statsmodels' ETSModel does for models
 * without a closed form: 1,000 sample paths of the state equations with Gaussian errors of the fitted
 * one-step variance, from a fixed seed (so the same data give the same intervals); the bounds are the
 * paths' 10/90 % and 2.5/97.5 % percentiles at each step.
 */
export function simulatedIntervals(
  spec: SmoothingSpec,
  parameters: SmoothingParameters,
  states: SmoothingStates,
  residualVariance: number,
  horizon: number,
  seed = 20_261_206,
): IntervalBounds {
  const random = seededRandom(seed);
  const gaussian = (): number => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const sd = Math.sqrt(residualVariance);
  const phi = spec.trend === 'damped' ? parameters.phi : 1;
  const beta = spec.trend === 'none' ? 0 : parameters.beta;
  const m = spec.periods[0];
  const paths = Array.from({ length: horizon }, () => new Float64Array(SIMULATED_PATHS));
  for (let path = 0; path < SIMULATED_PATHS; path++) {
    let level = states.level;
    let trend = spec.trend === 'none' ? 0 : states.trend;
    const cycle = Float64Array.from(states.seasonals[0]);
    for (let h = 0; h < horizon; h++) {
      const phase = h % m;
      const base = level + phi * trend;
      const error = sd * gaussian();
      paths[h][path] = base * cycle[phase] + error;
      const seasonal = cycle[phase];
      level = base + (parameters.alpha * error) / seasonal;
      trend = phi * trend + (beta * error) / seasonal;
      cycle[phase] = seasonal + (parameters.gammas[0] * error) / base;
    }
  }
  const bounds = emptyBounds(horizon);
  for (let h = 0; h < horizon; h++) {
    const [lower95, lower80, upper80, upper95] = percentilesSortingInPlace(
      paths[h],
      [0.025, 0.1, 0.9, 0.975],
    ) as number[];
    bounds.lower80[h] = lower80;
    bounds.upper80[h] = upper80;
    bounds.lower95[h] = lower95;
    bounds.upper95[h] = upper95;
  }
  return bounds;
}

function emptyBounds(horizon: number): IntervalBounds {
  return {
    lower80: new Float64Array(horizon),
    upper80: new Float64Array(horizon),
    lower95: new Float64Array(horizon),
    upper95: new Float64Array(horizon),
  };
}

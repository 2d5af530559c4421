/**
 * Exponential smoothing (Holt-Winters) in its error-correction (innovations) form, as ETS writes it
 * (Hyndman et al., "Forecasting with Exponential Smoothing", 2008), with additive errors:
 *   forecast  ŷ = (ℓ + φb) + Σₖ sₖ            (additive seasonality; one or several periods)
 *             ŷ = (ℓ + φb) × s                 (multiplicative seasonality; one period)
 *   error     e = y − ŷ
 *   additive:       ℓ ← ℓ + φb + αe,     b ← φb + βe,     sₖ ← sₖ + γₖe
 *   multiplicative: ℓ ← ℓ + φb + αe/s,   b ← φb + βe/s,   s ← s + γe/(ℓ + φb)
 * Several additive seasons (hour of day and hour of week) is Taylor's double-seasonal Holt-Winters (2003)
 * without its AR(1) error term. β here is ETS's β (= α × β* of the classical Holt-Winters form).
 * Without a trend b stays 0; φ = 1 is an undamped trend.
 */
export type TrendKind = 'none' | 'additive' | 'damped';
export type SeasonalKind = 'none' | 'additive' | 'multiplicative';

export interface SmoothingSpec {
  trend: TrendKind;
  seasonal: SeasonalKind;
  /** Seasonal periods in buckets (one for multiplicative; one or two for additive); empty without seasonality. */
  periods: readonly number[];
}

export interface SmoothingParameters {
  alpha: number;
  beta: number;
  phi: number;
  /** One per period. */
  gammas: readonly number[];
}

export interface SmoothingStates {
  level: number;
  trend: number;
  /** Per period, m values: seasonals[k][j] applies to the observation at j (mod m) from the first one on. */
  seasonals: readonly (readonly number[])[];
}

export interface SmoothingRun {
  fitted: Float64Array;
  sse: number;
  /** States after the last observation, rotated so that seasonals[k][j] applies to the j-th step ahead − 1. */
  final: SmoothingStates;
}

/** Runs the recursions over the observations; `fitted[t]` is the one-step forecast of y[t]. */
export function runSmoothing(
  values: ArrayLike<number>,
  spec: SmoothingSpec,
  parameters: SmoothingParameters,
  initial: SmoothingStates,
): SmoothingRun {
  const n = values.length;
  const fitted = new Float64Array(n);
  const { alpha, gammas } = parameters;
  const beta = spec.trend === 'none' ? 0 : parameters.beta;
  const phi = spec.trend === 'damped' ? parameters.phi : 1;
  let level = initial.level;
  let trend = spec.trend === 'none' ? 0 : initial.trend;
  const seasonals = initial.seasonals.map((cycle) => Float64Array.from(cycle));
  const periods = spec.periods;
  const multiplicative = spec.seasonal === 'multiplicative';
  let sse = 0;
  if (spec.seasonal === 'none') {
    for (let t = 0; t < n; t++) {
      const base = level + phi * trend;
      const error = values[t] - base;
      fitted[t] = base;
      sse += error * error;
      level = base + alpha * error;
      trend = phi * trend + beta * error;
    }
  } else if (multiplicative) {
    const cycle = seasonals[0];
    const m = periods[0];
    const gamma = gammas[0];
    for (let t = 0; t < n; t++) {
      const phase = t % m;
      const seasonal = cycle[phase];
      const base = level + phi * trend;
      const forecast = base * seasonal;
      const error = values[t] - forecast;
      fitted[t] = forecast;
      sse += error * error;
      level = base + (alpha * error) / seasonal;
      trend = phi * trend + (beta * error) / seasonal;
      cycle[phase] = seasonal + (gamma * error) / base;
    }
  } else {
    const phases = periods.map(() => 0);
    for (let t = 0; t < n; t++) {
      const base = level + phi * trend;
      let forecast = base;
      for (let k = 0; k < periods.length; k++) forecast += seasonals[k][phases[k]];
      const error = values[t] - forecast;
      fitted[t] = forecast;
      sse += error * error;
      level = base + alpha * error;
      trend = phi * trend + beta * error;
      for (let k = 0; k < periods.length; k++) {
        seasonals[k][phases[k]] += gammas[k] * error;
        phases[k] = phases[k] + 1 === periods[k] ? 0 : phases[k] + 1;
      }
    }
  }
  const final: SmoothingStates = {
    level,
    trend,
    seasonals: seasonals.map((cycle, k) => {
      const m = periods[k];
      const offset = n % m;
      return Array.from({ length: m }, (_, j) => cycle[(offset + j) % m]);
    }),
  };
  return { fitted, sse, final };
}

/** Point forecasts for 1..horizon steps after the states' observation: ℓ + (φ + … + φʰ)b, plus or times s. */
export function smoothingForecast(
  spec: SmoothingSpec,
  parameters: SmoothingParameters,
  states: SmoothingStates,
  horizon: number,
): Float64Array {
  const phi = spec.trend === 'damped' ? parameters.phi : 1;
  const trend = spec.trend === 'none' ? 0 : states.trend;
  const forecast = new Float64Array(horizon);
  let dampedSum = 0;
  let power = 1;
  for (let h = 1; h <= horizon; h++) {
    power *= phi;
    dampedSum += power;
    const base = states.level + dampedSum * trend;
    if (spec.seasonal === 'none') forecast[h - 1] = base;
    else if (spec.seasonal === 'multiplicative')
      forecast[h - 1] = base * states.seasonals[0][(h - 1) % spec.periods[0]];
    else {
      let value = base;
      for (let k = 0; k < spec.periods.length; k++) value += states.seasonals[k][(h - 1) % spec.periods[k]];
      forecast[h - 1] = value;
    }
  }
  return forecast;
}

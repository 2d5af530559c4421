import { normalIntervals, type IntervalBounds } from './prediction-intervals';

/**
 * The seasonal-naive baseline: each future bucket repeats the last observed bucket of the same phase,
 * ŷ(n + h) = y(n + h − m(⌊(h − 1)/m⌋ + 1)); m = 1 is the naive forecast. Intervals as Hyndman &
 * Athanasopoulos (FPP, 5.5): σ̂ from the in-sample seasonal differences, sd(h) = σ̂ √(⌊(h − 1)/m⌋ + 1).
 */
export function seasonalNaiveForecast(
  values: ArrayLike<number>,
  period: number,
  horizon: number,
): { forecast: Float64Array } & IntervalBounds {
  const n = values.length;
  if (n < period + 1)
    throw new RangeError(`Seasonal-naive needs more than one season (${period}) of history, got ${n}`);
  const forecast = new Float64Array(horizon);
  for (let h = 1; h <= horizon; h++) forecast[h - 1] = values[n - period + ((h - 1) % period)];
  let squares = 0;
  for (let t = period; t < n; t++) squares += (values[t] - values[t - period]) ** 2;
  const residualVariance = squares / (n - period);
  const variance = new Float64Array(horizon);
  for (let h = 1; h <= horizon; h++) variance[h - 1] = residualVariance * (Math.floor((h - 1) / period) + 1);
  return { forecast, ...normalIntervals(forecast, variance) };
}

/**
 * Seasonal periods present in a whole history (for forecasting): a candidate period P is kept when the
 * series has at least three cycles of it and its first differences correlate at lag P by at least 0.3 and
 * by 0.3 more than at lag P/2. Differences, because a trend or a level shift correlates at every lag while a
 * cycle correlates at its period and anti-correlates half-way; differences beyond 4 × their mean absolute
 * value are clipped, so a spike does not hide the cycle.
 */
export const MIN_CORRELATION = 0.3;
export const MIN_CONTRAST = 0.3;

export function detectSeasonalPeriods(values: ArrayLike<number>, candidates: readonly number[]): number[] {
  const differences = new Float64Array(Math.max(0, values.length - 1));
  for (let i = 1; i < values.length; i++) differences[i - 1] = values[i] - values[i - 1];
  // Outliers (a spike is two huge differences) are clipped to 4 × the mean absolute difference.
  let total = 0;
  for (const difference of differences) total += Math.abs(difference);
  const limit = (4 * total) / Math.max(1, differences.length);
  for (let i = 0; i < differences.length; i++) differences[i] = Math.max(-limit, Math.min(limit, differences[i]));
  return candidates.filter((period) => {
    if (values.length < 3 * period) return false;
    const atLag = lagCorrelation(differences, period);
    return (
      atLag >= MIN_CORRELATION &&
      atLag - lagCorrelation(differences, Math.max(1, Math.floor(period / 2))) >= MIN_CONTRAST
    );
  });
}

/** Pearson correlation between x[t] and x[t − lag] over all pairs with both present. */
export function lagCorrelation(values: Float64Array, lag: number): number {
  let n = 0;
  let sumA = 0;
  let sumB = 0;
  for (let t = lag; t < values.length; t++) {
    if (Number.isNaN(values[t]) || Number.isNaN(values[t - lag])) continue;
    n++;
    sumA += values[t];
    sumB += values[t - lag];
  }
  if (n < 3) return Number.NaN;
  const meanA = sumA / n;
  const meanB = sumB / n;
  let covariance = 0;
  let varianceA = 0;
  let varianceB = 0;
  for (let t = lag; t < values.length; t++) {
    if (Number.isNaN(values[t]) || Number.isNaN(values[t - lag])) continue;
    const a = values[t] - meanA;
    const b = values[t - lag] - meanB;
    covariance += a * b;
    varianceA += a * a;
    varianceB += b * b;
  }
  return varianceA > 0 && varianceB > 0 ? covariance / Math.sqrt(varianceA * varianceB) : Number.NaN;
}

/**
 * Forecast accuracy on held-out points. MASE (Hyndman & Koehler 2006): mean absolute error ÷ the in-sample
 * mean absolute seasonal difference (lag m) of the training data; below 1 beats a seasonal-naive forecast
 * made in-sample. sMAPE in percent (0–200): mean of 200 |y − ŷ| / (|y| + |ŷ|), a pair of zeros counting 0.
 */
export function meanAbsoluteScaledError(
  actual: readonly number[],
  forecast: readonly number[],
  training: ArrayLike<number>,
  period: number,
): number {
  let scale = 0;
  for (let t = period; t < training.length; t++) scale += Math.abs(training[t] - training[t - period]);
  scale /= training.length - period;
  let error = 0;
  for (let i = 0; i < actual.length; i++) error += Math.abs(actual[i] - forecast[i]);
  error /= actual.length;
  if (scale === 0) return error === 0 ? 0 : Infinity;
  return error / scale;
}

export function symmetricMeanAbsolutePercentageError(actual: readonly number[], forecast: readonly number[]): number {
  let total = 0;
  for (let i = 0; i < actual.length; i++) {
    const denominator = Math.abs(actual[i]) + Math.abs(forecast[i]);
    if (denominator > 0) total += (200 * Math.abs(actual[i] - forecast[i])) / denominator;
  }
  return total / actual.length;
}

import { assertBinary } from './classification-metrics';

/**
 * A reliability table (scikit-learn's `calibration_curve` with the uniform strategy): [0, 1] cut into
 * equal bins; in each non-empty bin the mean predicted probability beside the observed share of
 * positives. A calibrated model has the two close in every bin. As scikit-learn assigns them, a
 * probability on an inner edge falls in the lower bin: bins are [0, e₁], (e₁, e₂], …, (eₖ₋₁, 1], the edges
 * eᵢ = i × (1 / bins) as numpy's `linspace` computes them.
 */
export interface CalibrationBin {
  lower: number;
  upper: number;
  count: number;
  meanPredicted: number;
  observedRate: number;
}

export function calibrationBins(labels: readonly number[], probabilities: readonly number[], binCount = 10): CalibrationBin[] {
  assertBinary(labels, probabilities);
  if (!Number.isInteger(binCount) || binCount < 1) throw new RangeError(`Bin count must be a positive integer, got ${binCount}`);
  for (const p of probabilities) {
    if (p < 0 || p > 1) throw new RangeError(`Probabilities must be within [0, 1], got ${p}`);
  }
  const width = 1 / binCount;
  const edges = Array.from({ length: binCount + 1 }, (_, i) => (i === binCount ? 1 : i * width));
  const counts = new Array<number>(binCount).fill(0);
  const predicted = new Array<number>(binCount).fill(0);
  const observed = new Array<number>(binCount).fill(0);
  probabilities.forEach((p, i) => {
    // The number of inner edges strictly below p (numpy's searchsorted, side 'left').
    let bin = 0;
    while (bin < binCount - 1 && edges[bin + 1] < p) bin++;
    counts[bin]++;
    predicted[bin] += p;
    observed[bin] += labels[i];
  });
  return counts.flatMap((count, bin) =>
    count === 0 ? [] : [{ lower: edges[bin], upper: edges[bin + 1], count, meanPredicted: predicted[bin] / count, observedRate: observed[bin] / count }],
  );
}

import { calibrationBins, type CalibrationBin } from './calibration-bins';
import { brierScore, precisionRecallAt, rocAuc } from './classification-metrics';

/** What a model version stores about its held-out validation, and what `isBetterModel` compares. */
export interface BinaryValidation {
  rows: number;
  positives: number;
  auc: number | undefined;
  brier: number | undefined;
  threshold: number;
  precision: number | undefined;
  recall: number | undefined;
  calibration: CalibrationBin[];
}

export function validateBinaryClassifier(
  labels: readonly number[],
  probabilities: readonly number[],
  options: { threshold?: number; calibrationBins?: number } = {},
): BinaryValidation {
  const threshold = options.threshold ?? 0.5;
  const counts = precisionRecallAt(labels, probabilities, threshold);
  return {
    rows: labels.length,
    positives: counts.truePositives + counts.falseNegatives,
    auc: rocAuc(labels, probabilities),
    brier: brierScore(labels, probabilities),
    threshold,
    precision: counts.precision,
    recall: counts.recall,
    calibration: calibrationBins(labels, probabilities, options.calibrationBins ?? 10),
  };
}

/**
 * When a newly trained version replaces the current one. Both were validated on held-out rows; the
 * candidate must be better by a margin a retrain's noise does not produce:
 * 1. a candidate without an AUC (its validation rows lacked a class) never replaces anything;
 * 2. with no current model, the candidate is taken when its AUC beats chance (> 0.5);
 * 3. otherwise it replaces the current one when its AUC is higher by at least `minAucGain` (0.005), or
 *    when the AUCs are within that margin of each other and its Brier score is lower by at least
 *    `minBrierGain` (0.001): as good at ranking and better calibrated.
 * The two were validated on different rows (the data moved on between trainings), which is why a margin
 * is needed at all.
 */
export interface ValidationMetrics {
  auc: number | undefined;
  brier: number | undefined;
}

export const MODEL_SELECTION_MARGINS = { minAucGain: 0.005, minBrierGain: 0.001 } as const;

const ROUNDING = 1e-12;

export function isBetterModel(candidate: ValidationMetrics, current: ValidationMetrics | undefined, margins = MODEL_SELECTION_MARGINS): boolean {
  if (candidate.auc === undefined) return false;
  if (current === undefined || current.auc === undefined) return candidate.auc > 0.5;
  // A margin met up to rounding counts as met (0.805 − 0.8 is 0.004999… in binary).
  const aucGain = candidate.auc - current.auc;
  if (aucGain >= margins.minAucGain - ROUNDING) return true;
  if (Math.abs(aucGain) >= margins.minAucGain - ROUNDING) return false;
  if (candidate.brier === undefined || current.brier === undefined) return false;
  return current.brier - candidate.brier >= margins.minBrierGain - ROUNDING;
}

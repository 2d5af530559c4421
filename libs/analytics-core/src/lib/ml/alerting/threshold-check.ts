import type { AlertSeverity, ThresholdCondition } from './alert-condition';

/** A bucket without a value (an average over no events) never breaches: there is nothing to compare. */
export function breachesThreshold(value: number | null, condition: ThresholdCondition): boolean {
  if (value === null || !Number.isFinite(value)) return false;
  return condition.operator === 'above' ? value > condition.value : value < condition.value;
}

/**
 * How far past the threshold a breaching value is, relative to the threshold: under 10 % low, under
 * 50 % medium, under 100 % high, else critical. A threshold of 0 has no scale: any breach is critical.
 */
export function thresholdSeverity(value: number, condition: ThresholdCondition): AlertSeverity {
  if (condition.value === 0) return 'critical';
  const excess = Math.abs(value - condition.value) / Math.abs(condition.value);
  if (excess < 0.1) return 'low';
  if (excess < 0.5) return 'medium';
  if (excess < 1) return 'high';
  return 'critical';
}

/**
 * Sensitivity and severity. Sensitivity 0..1 sets the band half-width in standard deviations:
 * k = 2.5 + 3 × (1 − sensitivity), so 0 → 5.5σ, the default 0.5 → 4σ, 1 → 2.5σ. The default is wider than
 * the textbook 3σ because a month of hourly points judged at 3σ raises about two false alarms from Gaussian
 * noise alone (0.27 % of 720); at 4σ it is one in twenty months. A noise-free linear ramp scores at most
 * √3 ≈ 1.73 against a trailing mean and 2 / 1.4826 ≈ 1.35 against a trailing median, so even the most
 * sensitive band never flags a steady trend. Severity depends on the score alone, so it reads the same
 * whatever the sensitivity: below 5σ low, below 7σ medium, below 10σ high, else critical.
 */
export type AnomalySeverity = 'low' | 'medium' | 'high' | 'critical';

export const DEFAULT_SENSITIVITY = 0.5;

export function bandWidthForSensitivity(sensitivity: number = DEFAULT_SENSITIVITY): number {
  if (!(sensitivity >= 0 && sensitivity <= 1))
    throw new RangeError(`sensitivity must be within [0, 1], got ${sensitivity}`);
  return 2.5 + 3 * (1 - sensitivity);
}

export function severityForScore(score: number): AnomalySeverity {
  const magnitude = Math.abs(score);
  if (magnitude < 5) return 'low';
  if (magnitude < 7) return 'medium';
  if (magnitude < 10) return 'high';
  return 'critical';
}

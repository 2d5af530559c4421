/**
 * Which values of a dimension explain an anomaly: each value's deviation (observed − expected) as a share of
 * the total deviation, largest first. Shares sum to 1; a value that moved against the total has a negative
 * share. When the deviations cancel out (total 0), shares are of the total absolute deviation instead.
 */
export interface DimensionValueDeviation {
  value: string;
  observed: number;
  expected: number;
}

export interface AnomalyCause extends DimensionValueDeviation {
  deviation: number;
  share: number;
}

export function rankAnomalyCauses(byValue: readonly DimensionValueDeviation[]): AnomalyCause[] {
  const deviations = byValue.map((entry) => {
    if (!Number.isFinite(entry.observed) || !Number.isFinite(entry.expected)) {
      throw new RangeError(`Observed and expected must be finite numbers (value ${entry.value})`);
    }
    return entry.observed - entry.expected;
  });
  const total = deviations.reduce((sum, deviation) => sum + deviation, 0);
  const absoluteTotal = deviations.reduce((sum, deviation) => sum + Math.abs(deviation), 0);
  const denominator = Math.abs(total) > 1e-12 * absoluteTotal ? total : absoluteTotal;
  return byValue
    .map((entry, i) => ({
      ...entry,
      deviation: deviations[i],
      share:
        denominator === 0 ? 0 : (denominator === absoluteTotal ? Math.abs(deviations[i]) : deviations[i]) / denominator,
    }))
    .sort((a, b) => b.share - a.share || a.value.localeCompare(b.value));
}

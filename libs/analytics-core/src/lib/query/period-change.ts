/** A figure against the same figure over the previous period of equal length (report headline figures). */
export interface PeriodChange {
  current: number | null;
  previous: number | null;
  /** current − previous; null when either is unknown. */
  change: number | null;
  /** (current − previous) ÷ previous; null when either is unknown or the previous is 0 (no meaningful percentage). */
  changeRatio: number | null;
}

/**
 * Change against the previous period. Unlike `growthRate` (the conversation spec's 0 → 1.0 rule for
 * rankings), a previous 0 gives no ratio: a reader must not see "+100 %" for "from nothing".
 */
export function periodChange(current: number | null, previous: number | null): PeriodChange {
  const known = (value: number | null): value is number => value !== null && Number.isFinite(value);
  if (!known(current) || !known(previous)) return { current, previous, change: null, changeRatio: null };
  return {
    current,
    previous,
    change: current - previous,
    changeRatio: previous === 0 ? null : (current - previous) / previous,
  };
}

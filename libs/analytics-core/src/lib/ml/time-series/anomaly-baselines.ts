import { robustCentreAndSpread } from './order-statistics';
import { SlidingSortedWindow } from './sliding-sorted-window';

/**
 * The baselines a point is judged against, each computed only from the buckets before it. NaN marks a
 * missing bucket. Each returns undefined when the history is too short.
 */
export interface Baseline {
  centre: number;
  spread: number;
  /** The deseasonalised level under the centre (seasonal baselines only; otherwise the centre itself). */
  level?: number;
}

/** Rolling z-score: mean and sample standard deviation of the trailing window. */
export function meanBaseline(
  values: Float64Array,
  index: number,
  windowPoints: number,
  minPoints: number,
): Baseline | undefined {
  let count = 0;
  let sum = 0;
  for (let j = Math.max(0, index - windowPoints); j < index; j++) {
    const value = values[j];
    if (Number.isNaN(value)) continue;
    count++;
    sum += value;
  }
  if (count < Math.max(2, minPoints)) return undefined;
  const centre = sum / count;
  let squares = 0;
  for (let j = Math.max(0, index - windowPoints); j < index; j++) {
    const value = values[j];
    if (!Number.isNaN(value)) squares += (value - centre) ** 2;
  }
  return { centre, spread: Math.sqrt(squares / (count - 1)) };
}

/** Robust: median and 1.4826 × median absolute deviation of the trailing window. */
export function medianBaseline(
  values: Float64Array,
  index: number,
  windowPoints: number,
  minPoints: number,
  scratch: Float64Array,
): Baseline | undefined {
  let count = 0;
  for (let j = Math.max(0, index - windowPoints); j < index; j++) {
    if (!Number.isNaN(values[j])) scratch[count++] = values[j];
  }
  if (count < Math.max(2, minPoints)) return undefined;
  return robustCentreAndSpread(scratch, count);
}

/** Seasonal cycles whose same-phase bucket is compared: three, so one odd cycle cannot move the median. */
export const SEASONAL_CYCLES = 3;
/** Residuals needed before the seasonal spread is trusted. */
export const SEASONAL_MIN_RESIDUALS = 12;

/** Residual window of the seasonal spread: one cycle, at least two days of hours, at most a week. */
export function seasonalResidualWindow(period: number): number {
  return Math.min(Math.max(period, 48), 168);
}

/** Buckets of history the seasonal baseline needs before its first verdict. */
export function seasonalHistoryPoints(period: number): number {
  return (SEASONAL_CYCLES + 1) * period + SEASONAL_MIN_RESIDUALS;
}

/**
 * The deseasonalised level before each bucket: level(j) = median of [j − period, j). Over a whole cycle the
 * seasonal pattern is the same set of values wherever the cycle starts, so its median moves only with the
 * level; a median, not a mean, so that one spike in the cycle does not move the level (and echo a cycle
 * later). Computed once per bucket and period.
 */
export class CycleLevels {
  private readonly levels = new Map<number, Float64Array>();

  constructor(private readonly values: Float64Array) {}

  /** Median of [index − period, index), NaN when less than half of that cycle is present. */
  level(index: number, period: number): number {
    let levels = this.levels.get(period);
    if (!levels) {
      levels = this.compute(period);
      this.levels.set(period, levels);
    }
    return index >= 0 && index < levels.length ? levels[index] : Number.NaN;
  }

  private compute(period: number): Float64Array {
    const n = this.values.length;
    const levels = new Float64Array(n).fill(Number.NaN);
    const window = new SlidingSortedWindow(period);
    for (let index = 1; index < n; index++) {
      if (index - 1 - period >= 0) window.remove(this.values[index - 1 - period]);
      window.add(this.values[index - 1]);
      if (index >= period && window.length * 2 >= period) levels[index] = window.median();
    }
    return levels;
  }
}

/**
 * Seasonal centre: the current level (median of the last cycle) plus the median of how far the same phase stood from its own level in
 * the previous cycles. Because each past value is compared with the level just before it, a linear trend
 * shifts both by the same amount and cancels: a steady ramp is predicted, not flagged.
 */
export function seasonalCentre(values: Float64Array, index: number, period: number, levels: CycleLevels): number {
  const current = levels.level(index, period);
  if (Number.isNaN(current)) return Number.NaN;
  let a = Number.NaN;
  let b = Number.NaN;
  let c = Number.NaN;
  let count = 0;
  for (let k = 1; k <= SEASONAL_CYCLES; k++) {
    const j = index - k * period;
    if (j < 0) break;
    const deviation = values[j] - levels.level(j, period);
    if (Number.isNaN(deviation)) continue;
    if (count === 0) a = deviation;
    else if (count === 1) b = deviation;
    else c = deviation;
    count++;
  }
  if (count < 2) return Number.NaN;
  const seasonal = count === 2 ? (a + b) / 2 : Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
  return current + seasonal;
}

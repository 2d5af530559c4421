/**
 * A sparse histogram with fixed, log-spaced buckets, stored as `{ bucketKey: count }` (JSON-friendly,
 * so it fits a jsonb column). Because the boundaries never depend on the data, two histograms merge by
 * adding counts key by key, and percentiles can be estimated from merged rollups.
 *
 * Buckets (BUCKETS_PER_DECADE = 20, so each bucket's upper bound is 10^(1/20) ≈ 1.122 × its lower):
 * - `z`: exactly 0;
 * - `p<k>`: positive values in [10^(k/20), 10^((k+1)/20)), e.g. p0 = [1, 1.122), p20 = [10, 11.22),
 *   p-20 = [0.1, 0.1122);
 * - `n<k>`: negative values in (-10^((k+1)/20), -10^(k/20)], the mirror image.
 * k is clamped to [-180, 299], i.e. magnitudes 1e-9 … 1e15: at most 961 distinct keys. Magnitudes
 * outside that range land in the end buckets and lose the error bound below.
 */
export type Histogram = Readonly<Record<string, number>>;

export const HISTOGRAM_BUCKETS_PER_DECADE = 20;
export const HISTOGRAM_MIN_INDEX = -9 * HISTOGRAM_BUCKETS_PER_DECADE;
export const HISTOGRAM_MAX_INDEX = 15 * HISTOGRAM_BUCKETS_PER_DECADE - 1;

/**
 * Largest relative error of `percentileFromHistogram` against the exact `percentile` of the same
 * values: √(10^(1/20)) − 1 ≈ 5.93 %, for magnitudes within 1e-9 … 1e15 when the (at most two) values
 * the percentile interpolates between have the same sign. Each bucket is represented by its geometric
 * midpoint, which is within a factor √(10^(1/20)) of every value in the bucket.
 */
export const HISTOGRAM_RELATIVE_ERROR = Math.pow(10, 1 / (2 * HISTOGRAM_BUCKETS_PER_DECADE)) - 1;

const ZERO_KEY = 'z';

export function histogramBucketKey(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`Histogram values must be finite, got ${value}`);
  if (value === 0) return ZERO_KEY;
  const index = Math.floor(Math.log10(Math.abs(value)) * HISTOGRAM_BUCKETS_PER_DECADE);
  const clamped = Math.min(HISTOGRAM_MAX_INDEX, Math.max(HISTOGRAM_MIN_INDEX, index));
  return `${value > 0 ? 'p' : 'n'}${clamped}`;
}

/** [lower, upper) for positive buckets, (lower, upper] for negative ones, [0, 0] for zero. */
export function histogramBucketBounds(key: string): { lower: number; upper: number } {
  const { sign, index } = parseKey(key);
  if (sign === 0) return { lower: 0, upper: 0 };
  const small = Math.pow(10, index / HISTOGRAM_BUCKETS_PER_DECADE);
  const large = Math.pow(10, (index + 1) / HISTOGRAM_BUCKETS_PER_DECADE);
  return sign > 0 ? { lower: small, upper: large } : { lower: -large, upper: -small };
}

/** Adds `count` observations of `value` into `target` in place (for builders that own the record). */
export function addToHistogramInPlace(target: Record<string, number>, value: number, count = 1): void {
  const key = histogramBucketKey(value);
  target[key] = (target[key] ?? 0) + count;
}

export function histogramOf(values: readonly number[]): Histogram {
  const histogram: Record<string, number> = {};
  for (const value of values) addToHistogramInPlace(histogram, value);
  return histogram;
}

export function mergeHistograms(a: Histogram, b: Histogram): Histogram {
  const merged: Record<string, number> = { ...a };
  for (const [key, count] of Object.entries(b)) merged[key] = (merged[key] ?? 0) + count;
  return merged;
}

export function histogramCount(histogram: Histogram): number {
  return Object.values(histogram).reduce((total, count) => total + count, 0);
}

/**
 * Estimates `percentile(values, p)` (PostgreSQL percentile_cont, p in [0, 1]) from a histogram of
 * the values: the same interpolation between the order statistics at ranks ⌊p(n−1)⌋ and ⌈p(n−1)⌉,
 * with each replaced by its bucket's representative. Error bound: HISTOGRAM_RELATIVE_ERROR. Undefined
 * for an empty histogram.
 */
export function percentileFromHistogram(histogram: Histogram, p: number): number | undefined {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`Percentile must be within [0, 1], got ${p}`);
  const buckets = Object.entries(histogram)
    .filter(([, count]) => count > 0)
    .map(([key, count]) => ({ value: representative(key), count }))
    .sort((a, b) => a.value - b.value);
  const total = buckets.reduce((sum, bucket) => sum + bucket.count, 0);
  if (total === 0) return undefined;
  const rank = p * (total - 1);
  const lowerRank = Math.floor(rank);
  const lower = valueAtRank(buckets, lowerRank);
  const upper = valueAtRank(buckets, Math.ceil(rank));
  return lower + (rank - lowerRank) * (upper - lower);
}

function valueAtRank(buckets: ReadonlyArray<{ value: number; count: number }>, rank: number): number {
  let seen = 0;
  for (const bucket of buckets) {
    seen += bucket.count;
    if (rank < seen) return bucket.value;
  }
  return buckets[buckets.length - 1].value;
}

function representative(key: string): number {
  const { sign, index } = parseKey(key);
  return sign * Math.pow(10, (index + 0.5) / HISTOGRAM_BUCKETS_PER_DECADE);
}

function parseKey(key: string): { sign: -1 | 0 | 1; index: number } {
  if (key === ZERO_KEY) return { sign: 0, index: 0 };
  const match = /^([pn])(-?\d+)$/.exec(key);
  if (match === null) throw new RangeError(`Not a histogram bucket key: ${key}`);
  return { sign: match[1] === 'p' ? 1 : -1, index: Number(match[2]) };
}

/**
 * Descriptive statistics over plain arrays. Like SQL aggregates over no rows, they return undefined
 * (NULL) when there is not enough data. Values must be finite numbers.
 */

/**
 * PostgreSQL's `percentile_cont(p)`: sort, take the (fractional) rank h = p × (n − 1) counting from 0,
 * and interpolate linearly between the values at ⌊h⌋ and ⌈h⌉. p is a fraction in [0, 1].
 */
export function percentile(values: readonly number[], p: number): number | undefined {
  return percentiles(values, [p])[0];
}

/** Several percentiles of the same values, sorting them once. */
export function percentiles(values: readonly number[], ps: readonly number[]): Array<number | undefined> {
  assertFinite(values);
  return percentilesSortingInPlace(Float64Array.from(values), ps);
}

/** `percentiles` of values already in a typed array, which it sorts (no copy: for hundreds of thousands of values). */
export function percentilesSortingInPlace(values: Float64Array, ps: readonly number[]): Array<number | undefined> {
  for (const p of ps) {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`Percentile must be within [0, 1], got ${p}`);
  }
  for (const value of values) {
    if (!Number.isFinite(value)) throw new RangeError(`Statistics need finite numbers, got ${value}`);
  }
  if (values.length === 0) return ps.map(() => undefined);
  const sorted = values.sort();
  return ps.map((p) => {
    const rank = p * (sorted.length - 1);
    const lower = Math.floor(rank);
    const upper = Math.ceil(rank);
    return sorted[lower] + (rank - lower) * (sorted[upper] - sorted[lower]);
  });
}

export function median(values: readonly number[]): number | undefined {
  return percentile(values, 0.5);
}

export function mean(values: readonly number[]): number | undefined {
  assertFinite(values);
  if (values.length === 0) return undefined;
  let total = 0;
  for (const value of values) total += value;
  return total / values.length;
}

/** PostgreSQL `var_samp`: divides by n − 1; undefined for fewer than two values. */
export function sampleVariance(values: readonly number[]): number | undefined {
  return values.length < 2 ? undefined : sumOfSquaredDeviations(values) / (values.length - 1);
}

/** PostgreSQL `var_pop`: divides by n. */
export function populationVariance(values: readonly number[]): number | undefined {
  return values.length === 0 ? undefined : sumOfSquaredDeviations(values) / values.length;
}

/** PostgreSQL `stddev_samp` (and `stddev`). */
export function sampleStandardDeviation(values: readonly number[]): number | undefined {
  const variance = sampleVariance(values);
  return variance === undefined ? undefined : Math.sqrt(variance);
}

/** PostgreSQL `stddev_pop`. */
export function populationStandardDeviation(values: readonly number[]): number | undefined {
  const variance = populationVariance(values);
  return variance === undefined ? undefined : Math.sqrt(variance);
}

/**
 * Period-over-period growth as a fraction (0.25 = +25 %), per the conversation analytics spec:
 * (current − previous) / previous; when the previous period had nothing, 1.0 if the current one has
 * anything, else 0.0; undefined when there is no previous period to compare with.
 */
export function growthRate(current: number, previous: number | undefined | null): number | undefined {
  if (previous === undefined || previous === null) return undefined;
  assertFinite([current, previous]);
  if (previous === 0) return current > 0 ? 1.0 : 0.0;
  return (current - previous) / previous;
}

/** Two passes (mean first) rather than Σx² − n·mean², which loses precision on large values. */
function sumOfSquaredDeviations(values: readonly number[]): number {
  const average = mean(values) as number;
  let total = 0;
  for (const value of values) total += (value - average) ** 2;
  return total;
}

function assertFinite(values: readonly number[]): void {
  for (const value of values) {
    if (!Number.isFinite(value)) throw new RangeError(`Statistics need finite numbers, got ${value}`);
  }
}

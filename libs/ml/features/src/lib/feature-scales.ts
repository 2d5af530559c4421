/**
 * The normalisations the feature tables apply. Counts are heavy-tailed (one person with 5,000 events would
 * otherwise dominate a linear model), so they enter on a log scale; two activity levels are compared as a
 * balance in [−1, 1] that does not depend on how active the person is overall.
 */

/** log(1 + n): 0 stays 0, each doubling of a large count adds about the same. */
export function logCount(count: number): number {
  if (!(count >= 0) || !Number.isFinite(count)) throw new RangeError(`A count must be a finite number ≥ 0, got ${count}`);
  return Math.log1p(count);
}

/** (recent − earlier) / (recent + earlier): −1 when everything was earlier, 1 when all is recent, 0 when level or both 0. */
export function balance(recent: number, earlier: number): number {
  const total = recent + earlier;
  return total === 0 ? 0 : (recent - earlier) / total;
}

/**
 * Sums over a window of `width` consecutive values sliding one step at a time (pandas' `rolling(width).sum()`
 * without the leading incomplete windows): values.length − width + 1 sums, the first covering values[0 … width − 1].
 */
export function rollingSums(values: readonly number[], width: number): number[] {
  if (!Number.isInteger(width) || width < 1 || width > values.length) throw new RangeError(`The window must be 1 … ${values.length} values, got ${width}`);
  const sums: number[] = [];
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    sum += values[i];
    if (i >= width) sum -= values[i - width];
    if (i >= width - 1) sums.push(sum);
  }
  return sums;
}

/**
 * Medians by selection (Hoare's quickselect, O(n) on average) over a scratch buffer the caller owns, so a
 * scan that takes a median per point does not sort or allocate per point.
 */

/** Median of `scratch[0..length)`; reorders that part of the buffer. NaN for length 0. */
export function medianInPlace(scratch: Float64Array, length: number): number {
  if (length === 0) return Number.NaN;
  const middle = length >> 1;
  const upper = selectInPlace(scratch, length, middle);
  if (length % 2 === 1) return upper;
  // After selecting the upper middle, the lower middle is the largest value left of it.
  let lower = -Infinity;
  for (let i = 0; i < middle; i++) if (scratch[i] > lower) lower = scratch[i];
  return (lower + upper) / 2;
}

/** The k-th smallest (from 0) of `scratch[0..length)`, leaving smaller values left of k and larger right. */
export function selectInPlace(scratch: Float64Array, length: number, k: number): number {
  let left = 0;
  let right = length - 1;
  while (left < right) {
    const pivot = scratch[(left + right) >> 1];
    let i = left;
    let j = right;
    while (i <= j) {
      while (scratch[i] < pivot) i++;
      while (scratch[j] > pivot) j--;
      if (i <= j) {
        const swap = scratch[i];
        scratch[i] = scratch[j];
        scratch[j] = swap;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else break;
  }
  return scratch[k];
}

/** 1.4826 × MAD estimates the standard deviation of normally distributed values. */
export const MAD_TO_STANDARD_DEVIATION = 1.482602218505602;

/**
 * Median and scaled median absolute deviation of `scratch[0..length)` (reordered and then overwritten
 * with the absolute deviations).
 */
export function robustCentreAndSpread(scratch: Float64Array, length: number): { centre: number; spread: number } {
  const centre = medianInPlace(scratch, length);
  for (let i = 0; i < length; i++) scratch[i] = Math.abs(scratch[i] - centre);
  return { centre, spread: MAD_TO_STANDARD_DEVIATION * medianInPlace(scratch, length) };
}

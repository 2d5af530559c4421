import { MAD_TO_STANDARD_DEVIATION } from './order-statistics';

/**
 * The values of a sliding window kept sorted, so its median is a lookup and its median absolute deviation a
 * merge of the two sides of the median (O(n/2) comparisons, no copying or reordering). Moving the window is a
 * binary search and one `copyWithin` per value in and out: for the few hundred values of a trailing window,
 * several times cheaper than selecting the median afresh at every bucket.
 */
export class SlidingSortedWindow {
  private readonly sorted: Float64Array;
  private size = 0;

  constructor(capacity: number) {
    this.sorted = new Float64Array(Math.max(1, capacity));
  }

  get length(): number {
    return this.size;
  }

  /** Adds a value (NaN is ignored). */
  add(value: number): void {
    if (Number.isNaN(value)) return;
    if (this.size === this.sorted.length) throw new RangeError('SlidingSortedWindow is full');
    const at = this.lowerBound(value);
    this.sorted.copyWithin(at + 1, at, this.size);
    this.sorted[at] = value;
    this.size++;
  }

  /** Removes one occurrence of a value added before (NaN is ignored). */
  remove(value: number): void {
    if (Number.isNaN(value)) return;
    const at = this.lowerBound(value);
    if (at >= this.size || this.sorted[at] !== value)
      throw new RangeError(`SlidingSortedWindow does not hold ${value}`);
    this.sorted.copyWithin(at, at + 1, this.size);
    this.size--;
  }

  median(): number {
    const n = this.size;
    if (n === 0) return Number.NaN;
    const middle = n >> 1;
    return n % 2 === 1 ? this.sorted[middle] : (this.sorted[middle - 1] + this.sorted[middle]) / 2;
  }

  /** Median and 1.4826 × MAD, as `robustCentreAndSpread` computes them. */
  centreAndSpread(): { centre: number; spread: number } {
    const n = this.size;
    const centre = this.median();
    if (n === 0) return { centre, spread: Number.NaN };
    // The absolute deviations in increasing order come from walking outwards from the median on both sides.
    let left = this.lowerBound(centre) - 1;
    let right = left + 1;
    const wanted = n >> 1;
    let previous = 0;
    let current = 0;
    for (let k = 0; k <= wanted; k++) {
      const leftDeviation = left >= 0 ? centre - this.sorted[left] : Infinity;
      const rightDeviation = right < n ? this.sorted[right] - centre : Infinity;
      previous = current;
      if (leftDeviation <= rightDeviation) {
        current = leftDeviation;
        left--;
      } else {
        current = rightDeviation;
        right++;
      }
    }
    const mad = n % 2 === 1 ? current : (previous + current) / 2;
    return { centre, spread: MAD_TO_STANDARD_DEVIATION * mad };
  }

  /** First index whose value is not below `value`. */
  private lowerBound(value: number): number {
    let low = 0;
    let high = this.size;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.sorted[middle] < value) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

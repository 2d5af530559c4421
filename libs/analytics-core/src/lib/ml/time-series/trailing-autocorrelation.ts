/**
 * The correlation between a series and itself `lag` buckets earlier, over the pairs ending in a trailing
 * window, kept as running sums so that moving the window one bucket costs O(1). Pairs with a missing side
 * are skipped. Values are centred on the first finite value, which keeps the sums small (precision).
 */
export class TrailingAutocorrelation {
  private pairs = 0;
  private sumA = 0;
  private sumB = 0;
  private sumAA = 0;
  private sumBB = 0;
  private sumAB = 0;
  private readonly offset: number;

  constructor(
    private readonly values: Float64Array,
    readonly lag: number,
    private readonly windowPairs: number,
  ) {
    this.offset = values.find((value) => Number.isFinite(value)) ?? 0;
  }

  /** Moves the window so that it holds the pairs ending at indices [end − windowPairs, end). */
  advanceTo(end: number): void {
    this.update(end - 1, 1);
    this.update(end - 1 - this.windowPairs, -1);
  }

  /** Pearson correlation of the window's pairs; NaN with fewer than half the window's pairs or no variance. */
  correlation(): number {
    if (this.pairs < this.windowPairs / 2) return Number.NaN;
    const n = this.pairs;
    const varianceA = n * this.sumAA - this.sumA * this.sumA;
    const varianceB = n * this.sumBB - this.sumB * this.sumB;
    if (!(varianceA > 0 && varianceB > 0)) return Number.NaN;
    return (n * this.sumAB - this.sumA * this.sumB) / Math.sqrt(varianceA * varianceB);
  }

  private update(index: number, sign: 1 | -1): void {
    if (index - this.lag < 0) return;
    const a = this.values[index] - this.offset;
    const b = this.values[index - this.lag] - this.offset;
    if (Number.isNaN(a) || Number.isNaN(b)) return;
    this.pairs += sign;
    this.sumA += sign * a;
    this.sumB += sign * b;
    this.sumAA += sign * a * a;
    this.sumBB += sign * b * b;
    this.sumAB += sign * a * b;
  }
}

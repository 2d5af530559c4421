import {
  HISTOGRAM_RELATIVE_ERROR,
  histogramBucketBounds,
  histogramBucketKey,
  histogramCount,
  histogramOf,
  mergeHistograms,
  percentileFromHistogram,
} from './histogram';
import { percentile } from './statistics';

describe('histogram buckets', () => {
  it('puts zero in its own bucket', () => {
    expect(histogramBucketKey(0)).toBe('z');
  });

  it('uses 20 log-spaced buckets per decade: 1 → p0, 10 and 11 → p20, 11.3 → p21, 0.5 → p-7', () => {
    // log10(11) × 20 = 20.83; log10(11.3) × 20 = 21.06; log10(0.5) × 20 = −6.02.
    expect([1, 10, 11, 11.3, 0.5].map(histogramBucketKey)).toEqual(['p0', 'p20', 'p20', 'p21', 'p-7']);
  });

  it('mirrors negative values: −3 → n9 (log10(3) × 20 = 9.54)', () => {
    expect(histogramBucketKey(-3)).toBe('n9');
  });

  it('clamps magnitudes outside 1e-9 … 1e15 into the end buckets', () => {
    expect(histogramBucketKey(1e20)).toBe('p299');
    expect(histogramBucketKey(1e-12)).toBe('p-180');
  });

  it('reports bucket bounds: p20 = [10, 10^(21/20)), n0 = (−10^(1/20), −1]', () => {
    expect(histogramBucketBounds('p20')).toEqual({ lower: 10, upper: Math.pow(10, 21 / 20) });
    expect(histogramBucketBounds('n0')).toEqual({ lower: -Math.pow(10, 1 / 20), upper: -1 });
    expect(histogramBucketBounds('z')).toEqual({ lower: 0, upper: 0 });
  });

  it('rejects non-finite values and malformed keys', () => {
    expect(() => histogramBucketKey(Number.NaN)).toThrow(RangeError);
    expect(() => histogramBucketBounds('q3')).toThrow(RangeError);
  });
});

describe('mergeHistograms', () => {
  it('adds counts key by key', () => {
    expect(mergeHistograms({ p0: 1, z: 2 }, { p0: 3, p20: 1 })).toEqual({ p0: 4, z: 2, p20: 1 });
  });

  it('gives the histogram of the combined values', () => {
    const left = [0.2, 3, 3, 250];
    const right = [3, 17, 0, -4];
    expect(mergeHistograms(histogramOf(left), histogramOf(right))).toEqual(histogramOf([...left, ...right]));
    expect(histogramCount(histogramOf([...left, ...right]))).toBe(8);
  });
});

describe('percentileFromHistogram', () => {
  it('represents a bucket by its geometric midpoint: 100 → 10^2.025 ≈ 105.925', () => {
    expect(percentileFromHistogram(histogramOf([100]), 0.5)).toBeCloseTo(105.9254, 4);
  });

  it('interpolates between ranks like percentile_cont: zeros below, 100 on top', () => {
    const histogram = histogramOf([0, 0, 0, 100]);
    expect(percentileFromHistogram(histogram, 0.5)).toBe(0);
    // rank 0.9 × 3 = 2.7: 0 + 0.7 × (105.925 − 0)
    expect(percentileFromHistogram(histogram, 0.9)).toBeCloseTo(0.7 * Math.pow(10, 2.025), 6);
  });

  it('is undefined for an empty histogram', () => {
    expect(percentileFromHistogram({}, 0.5)).toBeUndefined();
  });

  it('rejects p outside [0, 1]', () => {
    expect(() => percentileFromHistogram({ p0: 1 }, 95)).toThrow(RangeError);
  });

  it('documents an error bound of about 5.93 %', () => {
    expect(HISTOGRAM_RELATIVE_ERROR).toBeCloseTo(0.0593, 4);
  });

  it('stays within the error bound of the exact percentile on a skewed sample', () => {
    // Response times between 1 ms and ~60 s with a long tail, from a fixed sequence.
    const values = Array.from({ length: 2_000 }, (_, index) => Math.round(Math.exp(((index * 7919) % 2_000) / 180)));
    const histogram = histogramOf(values);
    for (const p of [0, 0.1, 0.5, 0.9, 0.95, 0.99, 1]) {
      const exact = percentile(values, p) as number;
      const estimate = percentileFromHistogram(histogram, p) as number;
      expect(Math.abs(estimate - exact) / exact).toBeLessThanOrEqual(HISTOGRAM_RELATIVE_ERROR);
    }
  });

  it('estimates from merged histograms as well as from one', () => {
    const values = [12, 18, 25, 40, 41, 90, 300, 1200];
    const merged = mergeHistograms(histogramOf(values.slice(0, 3)), histogramOf(values.slice(3)));
    expect(percentileFromHistogram(merged, 0.95)).toBe(percentileFromHistogram(histogramOf(values), 0.95));
  });
});

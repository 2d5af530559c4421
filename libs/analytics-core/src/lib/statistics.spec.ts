import {
  growthRate,
  mean,
  median,
  percentile,
  percentiles,
  populationStandardDeviation,
  populationVariance,
  sampleStandardDeviation,
  sampleVariance,
} from './statistics';

describe('percentile (PostgreSQL percentile_cont)', () => {
  it('interpolates between neighbouring ranks: p40 of 15, 20, 35, 40, 50 is 29', () => {
    // rank 0.4 × 4 = 1.6 → 20 + 0.6 × (35 − 20)
    expect(percentile([15, 20, 35, 40, 50], 0.4)).toBeCloseTo(29, 12);
  });

  it('sorts the input first', () => {
    expect(percentile([50, 15, 40, 20, 35], 0.4)).toBeCloseTo(29, 12);
  });

  it('returns the minimum at 0 and the maximum at 1', () => {
    expect(percentile([15, 20, 35, 40, 50], 0)).toBe(15);
    expect(percentile([15, 20, 35, 40, 50], 1)).toBe(50);
  });

  it('computes p50, p95 and p99 of 1, 2, 3, 4 as 2.5, 3.85 and 3.97', () => {
    const [p50, p95, p99] = percentiles([4, 3, 2, 1], [0.5, 0.95, 0.99]) as number[];
    expect(p50).toBe(2.5);
    expect(p95).toBeCloseTo(3.85, 12);
    expect(p99).toBeCloseTo(3.97, 12);
  });

  it('returns the only value for a single value', () => {
    expect(percentile([7], 0.99)).toBe(7);
  });

  it('is undefined (SQL NULL) for no values', () => {
    expect(percentile([], 0.5)).toBeUndefined();
  });

  it('rejects p outside [0, 1] and non-finite values', () => {
    expect(() => percentile([1, 2], 1.5)).toThrow(RangeError);
    expect(() => percentile([1, Number.NaN], 0.5)).toThrow(RangeError);
  });
});

describe('median', () => {
  it('is the middle value of an odd count and the mean of the two middle values of an even count', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe('mean, variance and standard deviation', () => {
  const values = [2, 4, 4, 4, 5, 5, 7, 9];

  it('averages: mean of 2, 4, 4, 4, 5, 5, 7, 9 is 5', () => {
    expect(mean(values)).toBe(5);
    expect(mean([])).toBeUndefined();
  });

  it('divides by n for the population: variance 4, standard deviation 2', () => {
    expect(populationVariance(values)).toBe(4);
    expect(populationStandardDeviation(values)).toBe(2);
  });

  it('divides by n − 1 for a sample: variance 32/7, standard deviation √(32/7)', () => {
    expect(sampleVariance(values)).toBeCloseTo(32 / 7, 12);
    expect(sampleStandardDeviation(values)).toBeCloseTo(2.1380899353, 9);
  });

  it('has no sample deviation for one value and a population deviation of 0', () => {
    expect(sampleStandardDeviation([3])).toBeUndefined();
    expect(populationStandardDeviation([3])).toBe(0);
    expect(populationStandardDeviation([])).toBeUndefined();
  });

  it('keeps precision on large values: 1e9 + {4, 7, 13, 16} has sample variance 30', () => {
    expect(sampleVariance([1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16])).toBe(30);
  });
});

describe('growthRate (conversation analytics spec)', () => {
  it('is (current − previous) / previous as a fraction', () => {
    expect(growthRate(120, 100)).toBeCloseTo(0.2, 12);
    expect(growthRate(80, 100)).toBeCloseTo(-0.2, 12);
    expect(growthRate(0, 10)).toBe(-1);
  });

  it('is 1.0 when the previous period had none and the current one has some', () => {
    expect(growthRate(5, 0)).toBe(1.0);
  });

  it('is 0.0 when both periods had none', () => {
    expect(growthRate(0, 0)).toBe(0.0);
  });

  it('is undefined without a previous period', () => {
    expect(growthRate(5, undefined)).toBeUndefined();
    expect(growthRate(5, null)).toBeUndefined();
  });
});

import {
  countChange,
  meanChange,
  normalCdf,
  proportionChange,
  twoSidedPValue,
} from './change-significance';

// Reference values from SciPy 1.10 (`scipy.stats.norm`), Debian's python3-scipy.
describe('change significance', () => {
  it('gives the standard normal distribution', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 6); // the erfc fit is good to ~1e-7
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
    expect(normalCdf(-1)).toBeCloseTo(0.15865525393, 6);
    expect(twoSidedPValue(-1.959964)).toBeCloseTo(0.05, 6);
  });

  it('tests two proportions with the pooled z-test: 30/100 against 20/100', () => {
    const { z, confidence } = proportionChange(30, 100, 20, 100);
    expect(z).toBeCloseTo(1.6329931618554523, 9);
    expect(confidence).toBeCloseTo(0.8975295651402506, 6);
  });

  it('tests two counts of equal periods: 150 against 100', () => {
    const { z, confidence } = countChange(150, 100);
    expect(z).toBeCloseTo(3.1622776601683795, 9);
    expect(confidence).toBeCloseTo(0.9984345977419975, 6);
  });

  it('tests two means from their moments with the unequal-variance z-test', () => {
    // 20 × 1 and 20 × 3 against 30 × 1 and 10 × 2 (statsmodels CompareMeans.ztest_ind, usevar='unequal').
    const { z, confidence } = meanChange(
      { count: 40, sum: 80, sumOfSquares: 200 },
      { count: 40, sum: 50, sumOfSquares: 70 },
    );
    expect(z).toBeCloseTo(4.298102396468273, 9);
    expect(confidence).toBeCloseTo(1 - 1.7226658204586928e-5, 6);
    expect(
      meanChange(
        { count: 1, sum: 5, sumOfSquares: 25 },
        { count: 9, sum: 9, sumOfSquares: 9 },
      ).confidence,
    ).toBe(0);
  });

  it('has no confidence without data or without variation', () => {
    expect(proportionChange(0, 0, 5, 10).confidence).toBe(0);
    expect(proportionChange(10, 10, 20, 20).confidence).toBe(0);
    expect(countChange(0, 0).confidence).toBe(0);
  });
});

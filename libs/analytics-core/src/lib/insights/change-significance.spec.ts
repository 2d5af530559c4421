import {
  countChange,
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

  it('has no confidence without data or without variation', () => {
    expect(proportionChange(0, 0, 5, 10).confidence).toBe(0);
    expect(proportionChange(10, 10, 20, 20).confidence).toBe(0);
    expect(countChange(0, 0).confidence).toBe(0);
  });
});

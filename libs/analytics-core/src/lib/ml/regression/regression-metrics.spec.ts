import reference from './fixtures/fractional-logit.json';
import { validateRegression } from './regression-metrics';

describe('validateRegression', () => {
  it('matches scikit-learn’s mean_absolute_error, mean_squared_error and r2_score', () => {
    const result = validateRegression(reference.scores, reference.metrics.predictions);
    expect(result.rows).toBe(200);
    expect(result.meanAbsoluteError).toBeCloseTo(reference.metrics.meanAbsoluteError, 12);
    expect(result.meanSquaredError).toBeCloseTo(reference.metrics.meanSquaredError, 12);
    expect(result.r2).toBeCloseTo(reference.metrics.r2, 12);
  });

  it('computes a small case by hand', () => {
    // Errors 0.25, −0.25, 0 → MAE 1/6, MSE 0.125 / 3.
    const result = validateRegression([0.25, 0.75, 0.5], [0, 1, 0.5]);
    expect(result.meanAbsoluteError).toBeCloseTo(1 / 6, 15);
    expect(result.meanSquaredError).toBeCloseTo(0.125 / 3, 15);
    // Σ(y − ŷ)² = 0.125, Σ(y − ȳ)² = 0.125 → R² = 0: no better than the mean.
    expect(result.r2).toBeCloseTo(0, 15);
  });

  it('leaves undefined what the data cannot define', () => {
    expect(validateRegression([], [])).toEqual({ rows: 0, meanAbsoluteError: undefined, meanSquaredError: undefined, r2: undefined });
    expect(validateRegression([0.5, 0.5], [0.4, 0.6]).r2).toBeUndefined();
    expect(() => validateRegression([1], [Number.NaN])).toThrow(RangeError);
  });
});

import * as reference from './fixtures/logistic-regression.json';
import { fitFeatureScaling, scaleRow } from './feature-standardization';
import { logisticLogOdds, predictLogisticProbability, trainLogisticRegression } from './logistic-regression';

// Reference: tools/reference/classification_reference.py — StandardScaler + LogisticRegression(C, penalty='l2',
// solver='lbfgs', tol=1e-12) from scikit-learn on 240 churn-like rows with a constant fifth column.
describe('trainLogisticRegression', () => {
  it('standardises with the training rows’ means and population standard deviations, a constant column scaled by 1', () => {
    const scaling = fitFeatureScaling(reference.rows);
    scaling.means.forEach((mean, j) => expect(mean).toBeCloseTo(reference.means[j], 10));
    scaling.stds.forEach((std, j) => expect(std).toBeCloseTo(reference.stds[j], 10));
    expect(scaleRow([1, 2, 3, 4, 3], scaling)[4]).toBe(0);
  });

  // scikit-learn's lbfgs stops within ~1e-5 of the optimum (its own stopping rule); newton-cg reaches it.
  it.each(reference.cases.map((entry) => [entry.c, entry] as const))(
    'matches scikit-learn’s lbfgs to 2e-5 and newton-cg to 1e-8 with C = %p',
    (c, expected) => {
      const fit = trainLogisticRegression(reference.rows, reference.labels, { featureNames: reference.featureNames, c });
      expect(fit.converged).toBe(true);
      const error = (ours: number[], theirs: number[]) => Math.max(...ours.map((value, j) => Math.abs(value - theirs[j])));
      const ours = [fit.model.intercept, ...fit.model.coefficients];
      expect(error(ours, [expected.intercept, ...expected.coefficients])).toBeLessThan(2e-5);
      expect(error(ours, [expected.newtonCg.intercept, ...expected.newtonCg.coefficients])).toBeLessThan(1e-8);
      const probabilities = reference.rows.slice(0, expected.probabilities.length).map((row) => predictLogisticProbability(fit.model, row));
      expect(error(probabilities, expected.probabilities)).toBeLessThan(1e-5);
    },
  );

  it('converges in a few Newton steps', () => {
    const fit = trainLogisticRegression(reference.rows, reference.labels, { featureNames: reference.featureNames });
    expect(fit.iterations).toBeLessThanOrEqual(10);
  });

  it('gives the same model on every run (no randomness)', () => {
    const options = { featureNames: reference.featureNames, c: 0.5 };
    expect(trainLogisticRegression(reference.rows, reference.labels, options)).toEqual(trainLogisticRegression(reference.rows, reference.labels, options));
  });

  it('fits hand-checkable data: one balanced binary feature gives log-odds ±w around an intercept of 0', () => {
    // x = 0 → 1 of 4 positive, x = 1 → 3 of 4. Nearly unregularised (C = 1e6): the maximum-likelihood fit
    // has log-odds log(1/3) and log(3), so after standardisation (x − 0.5) / 0.5 the weight is log 3.
    const rows = [[0], [0], [0], [0], [1], [1], [1], [1]];
    const labels = [1, 0, 0, 0, 1, 1, 1, 0];
    const { model } = trainLogisticRegression(rows, labels, { featureNames: ['x'], c: 1e6 });
    expect(model.intercept).toBeCloseTo(0, 5);
    expect(model.coefficients[0]).toBeCloseTo(Math.log(3), 4);
    expect(logisticLogOdds(model, [1])).toBeCloseTo(Math.log(3), 4);
    expect(predictLogisticProbability(model, [0])).toBeCloseTo(0.25, 5);
  });

  it('stays finite on perfectly separable data: the L2 penalty bounds the weights', () => {
    const { model, converged } = trainLogisticRegression([[0], [1], [2], [3]], [0, 0, 1, 1], { featureNames: ['x'], c: 1 });
    expect(converged).toBe(true);
    expect(Number.isFinite(model.coefficients[0]) && model.coefficients[0] > 0).toBe(true);
  });

  it('fits fractional labels (the fractional logit): constant 0.7 gives probability 0.7 everywhere', () => {
    const { model } = trainLogisticRegression([[1], [2], [3], [4]], [0.7, 0.7, 0.7, 0.7], { featureNames: ['x'], c: 1 });
    expect(predictLogisticProbability(model, [2.5])).toBeCloseTo(0.7, 8);
    expect(model.coefficients[0]).toBeCloseTo(0, 8);
  });

  it('refuses labels of one outcome only, labels outside [0, 1], mismatched lengths and C ≤ 0', () => {
    const names = { featureNames: ['x'] };
    expect(() => trainLogisticRegression([[1], [2]], [1, 1], names)).toThrow('both outcomes');
    expect(() => trainLogisticRegression([[1], [2]], [0, 2], names)).toThrow('within [0, 1]');
    expect(() => trainLogisticRegression([[1], [2]], [0], names)).toThrow('2 rows but 1 labels');
    expect(() => trainLogisticRegression([[1], [2]], [0, 1], { featureNames: ['x'], c: 0 })).toThrow('C must be');
    expect(() => trainLogisticRegression([[1, 2]], [0], names)).toThrow('1 feature names for 2 features');
  });
});

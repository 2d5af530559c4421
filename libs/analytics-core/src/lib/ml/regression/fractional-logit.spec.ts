import { predictLogisticProbability, trainLogisticRegression } from '../classification/logistic-regression';
import reference from './fixtures/fractional-logit.json';

// The satisfaction model is analytics-core's logistic regression fitted to scores in [0, 1] (the fractional
// logit). These checks hold it to fits computed independently of it (tools/reference/satisfaction_reference.py).
describe('logistic regression on fractional scores (the satisfaction model)', () => {
  const options = { featureNames: reference.featureNames };

  it('standardises as the reference does', () => {
    const { model } = trainLogisticRegression(reference.rows, reference.scores, options);
    model.means.forEach((mean, j) => expect(mean).toBeCloseTo(reference.means[j], 12));
    model.stds.forEach((std, j) => expect(std).toBeCloseTo(reference.stds[j], 12));
  });

  it('recovers statsmodels’ binomial GLM (quasi-likelihood fractional logit) when the penalty vanishes', () => {
    const { model, converged } = trainLogisticRegression(reference.rows, reference.scores, { ...options, c: 1e8 });
    expect(converged).toBe(true);
    expect(model.intercept).toBeCloseTo(reference.unpenalised.intercept, 6);
    model.coefficients.forEach((coefficient, j) => expect(coefficient).toBeCloseTo(reference.unpenalised.coefficients[j], 6));
  });

  it.each(reference.penalised)('minimises C × log-loss + ½‖w‖² as scipy does, C = $c', ({ c, intercept, coefficients }) => {
    const { model } = trainLogisticRegression(reference.rows, reference.scores, { ...options, c });
    expect(model.intercept).toBeCloseTo(intercept, 7);
    model.coefficients.forEach((coefficient, j) => expect(coefficient).toBeCloseTo(coefficients[j], 7));
  });

  it('predicts the mean score the reference predicts for each row', () => {
    const { model } = trainLogisticRegression(reference.rows, reference.scores, options);
    reference.rows.slice(0, 10).forEach((row, i) => expect(predictLogisticProbability(model, row)).toBeCloseTo(reference.metrics.predictions[i], 7));
  });
});

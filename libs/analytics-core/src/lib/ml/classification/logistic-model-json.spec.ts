import { validateBinaryClassifier } from './classifier-validation';
import { logisticModelFromJson, logisticModelToJson } from './logistic-model-json';
import { predictLogisticProbability, trainLogisticRegression } from './logistic-regression';

describe('logistic model JSON', () => {
  const { model } = trainLogisticRegression(
    [
      [1, 10],
      [2, 8],
      [3, 9],
      [4, 2],
      [5, 1],
      [6, 3],
    ],
    [0, 0, 1, 0, 1, 1],
    { featureNames: ['recency_days', 'sessions'], c: 2 },
  );

  it('survives a JSON round trip and scores exactly as before', () => {
    const validation = validateBinaryClassifier([0, 1], [0.2, 0.7]);
    const stored = JSON.parse(JSON.stringify(logisticModelToJson(model, validation)));
    const restored = logisticModelFromJson(stored);
    expect(restored).toMatchObject({ type: 'logistic_regression', formatVersion: 1, featureNames: ['recency_days', 'sessions'], c: 2 });
    expect(restored.validation?.auc).toBe(1);
    expect(predictLogisticProbability(restored, [3.5, 4])).toBe(predictLogisticProbability(model, [3.5, 4]));
  });

  it('drops undefined metrics (JSON has none) and reads them back as absent', () => {
    const validation = validateBinaryClassifier([1, 1], [0.2, 0.7]);
    const restored = logisticModelFromJson(JSON.parse(JSON.stringify(logisticModelToJson(model, validation))));
    expect(restored.validation?.auc).toBeUndefined();
  });

  it('refuses documents that would score wrongly, saying what', () => {
    const document = logisticModelToJson(model);
    expect(() => logisticModelFromJson(null)).toThrow('must be an object');
    expect(() => logisticModelFromJson({ ...document, type: 'tree' })).toThrow('Not a logistic model');
    expect(() => logisticModelFromJson({ ...document, formatVersion: 2 })).toThrow('format 2');
    expect(() => logisticModelFromJson({ ...document, coefficients: [1] })).toThrow('coefficients must be 2 finite numbers');
    expect(() => logisticModelFromJson({ ...document, stds: [1, 0] })).toThrow('stds must be positive');
    expect(() => logisticModelFromJson({ ...document, intercept: 'x' })).toThrow('intercept');
  });
});

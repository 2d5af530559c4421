import * as reference from './fixtures/classification-metrics.json';
import { calibrationBins } from './calibration-bins';
import { brierScore, precisionRecallAt, rocAuc } from './classification-metrics';
import { validateBinaryClassifier } from './classifier-validation';

// Reference: tools/reference/classification_reference.py — roc_auc_score, precision_score, recall_score,
// brier_score_loss and calibration_curve(strategy='uniform') from scikit-learn on 60 scores rounded to one
// decimal (many ties, within and across classes).
describe('rocAuc', () => {
  it('equals scikit-learn’s roc_auc_score with tied scores', () => {
    expect(rocAuc(reference.labels, reference.scores)).toBeCloseTo(reference.rocAuc, 12);
  });

  it('counts a tie between a positive and a negative as one half', () => {
    // Pairs (positive, negative): (0.8, 0.2) 1, (0.8, 0.8) ½, (0.4, 0.2) 1, (0.4, 0.8) 0 → 2.5 / 4.
    expect(rocAuc([1, 1, 0, 0], [0.8, 0.4, 0.2, 0.8])).toBe(0.625);
  });

  it('is 1 for a perfect ranking, 0 for a reversed one, undefined without both classes', () => {
    expect(rocAuc([0, 0, 1], [0.1, 0.2, 0.9])).toBe(1);
    expect(rocAuc([1, 0], [0.1, 0.9])).toBe(0);
    expect(rocAuc([1, 1], [0.1, 0.9])).toBeUndefined();
  });
});

describe('precisionRecallAt', () => {
  it.each(reference.thresholds.map((entry) => [entry.threshold, entry] as const))(
    'equals scikit-learn at threshold %p (score ≥ threshold predicts 1)',
    (threshold, expected) => {
      const counts = precisionRecallAt(reference.labels, reference.scores, threshold);
      expect(counts.precision).toBeCloseTo(expected.precision, 12);
      expect(counts.recall).toBeCloseTo(expected.recall, 12);
    },
  );

  it('predicts 1 for a score exactly at the threshold, and has no precision when nothing is predicted 1', () => {
    expect(precisionRecallAt([1, 0], [0.5, 0.2], 0.5)).toMatchObject({ truePositives: 1, trueNegatives: 1, precision: 1, recall: 1 });
    expect(precisionRecallAt([1, 0], [0.1, 0.2], 0.5)).toMatchObject({ precision: undefined, recall: 0, falseNegatives: 1 });
  });
});

describe('brierScore', () => {
  it('equals scikit-learn’s brier_score_loss', () => {
    expect(brierScore(reference.labels, reference.scores)).toBeCloseTo(reference.brier, 12);
  });

  it('is the mean squared error of the probabilities: (0.2² + 0.4²) / 2 = 0.1', () => {
    expect(brierScore([1, 0], [0.8, 0.4])).toBeCloseTo(0.1, 12);
  });
});

describe('calibrationBins', () => {
  it.each(reference.calibration.map((entry) => [entry.bins, entry] as const))(
    'equals scikit-learn’s calibration_curve with %p uniform bins',
    (bins, expected) => {
      const table = calibrationBins(reference.labels, reference.scores, bins);
      expect(table.map((bin) => bin.observedRate)).toEqual(expected.observedRate.map((value) => expect.closeTo(value, 12)));
      expect(table.map((bin) => bin.meanPredicted)).toEqual(expected.meanPredicted.map((value) => expect.closeTo(value, 12)));
    },
  );

  it('puts a probability on an inner edge in the lower bin, edges as numpy computes them (0.3 < 0.30000000000000004)', () => {
    const { labels, scores, bins, observedRate, meanPredicted } = reference.edgeCase;
    const table = calibrationBins(labels, scores, bins);
    expect(table.map((bin) => bin.observedRate)).toEqual(observedRate);
    expect(table.map((bin) => bin.meanPredicted)).toEqual(meanPredicted.map((value) => expect.closeTo(value, 12)));
    // 0.1 lands in [0, 0.1] with 0.0; 0.3 in (0.2, 0.3…04] with 0.30000000000000004.
    expect(table.slice(0, 2).map((bin) => [bin.lower, bin.upper, bin.count])).toEqual([
      [0, 0.1, 2],
      [0.1, 0.2, 1],
    ]);
  });

  it('refuses probabilities outside [0, 1]', () => {
    expect(() => calibrationBins([1], [1.2])).toThrow('within [0, 1]');
  });
});

describe('validateBinaryClassifier', () => {
  it('gathers AUC, Brier score, precision and recall at 0.5 and the reliability table', () => {
    const validation = validateBinaryClassifier(reference.labels, reference.scores);
    expect(validation).toMatchObject({ rows: 60, positives: reference.labels.filter((label) => label === 1).length, threshold: 0.5 });
    expect(validation.auc).toBeCloseTo(reference.rocAuc, 12);
    expect(validation.brier).toBeCloseTo(reference.brier, 12);
    expect(validation.precision).toBeCloseTo(reference.thresholds[1].precision, 12);
    expect(validation.calibration).toHaveLength(reference.calibration[1].observedRate.length);
  });
});

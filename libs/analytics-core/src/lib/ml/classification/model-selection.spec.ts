import { isBetterModel } from './model-selection';

describe('isBetterModel', () => {
  it('takes a first model only when it ranks better than chance', () => {
    expect(isBetterModel({ auc: 0.62, brier: 0.2 }, undefined)).toBe(true);
    expect(isBetterModel({ auc: 0.5, brier: 0.2 }, undefined)).toBe(false);
  });

  it('never takes a candidate whose validation could not define an AUC', () => {
    expect(isBetterModel({ auc: undefined, brier: 0.01 }, { auc: 0.6, brier: 0.3 })).toBe(false);
    expect(isBetterModel({ auc: undefined, brier: 0.01 }, undefined)).toBe(false);
  });

  it('replaces the current model when the AUC rises by at least 0.005', () => {
    expect(isBetterModel({ auc: 0.805, brier: 0.3 }, { auc: 0.8, brier: 0.1 })).toBe(true);
    expect(isBetterModel({ auc: 0.804, brier: 0.1 }, { auc: 0.8, brier: 0.1 })).toBe(false);
  });

  it('on an AUC within 0.005, replaces only when the Brier score drops by at least 0.001', () => {
    expect(isBetterModel({ auc: 0.798, brier: 0.149 }, { auc: 0.8, brier: 0.15 })).toBe(true);
    expect(isBetterModel({ auc: 0.8, brier: 0.1495 }, { auc: 0.8, brier: 0.15 })).toBe(false);
  });

  it('keeps the current model when the AUC falls by 0.005 or more, however well calibrated the candidate', () => {
    expect(isBetterModel({ auc: 0.79, brier: 0.01 }, { auc: 0.8, brier: 0.2 })).toBe(false);
  });

  it('replaces a current model that had no AUC by the first-model rule', () => {
    expect(isBetterModel({ auc: 0.7, brier: 0.2 }, { auc: undefined, brier: 0.1 })).toBe(true);
  });
});

import { breachesThreshold, thresholdSeverity } from './threshold-check';

describe('breachesThreshold', () => {
  const above = { kind: 'threshold', operator: 'above', value: 100 } as const;
  const below = { kind: 'threshold', operator: 'below', value: 10 } as const;

  it('breaches "above" only strictly over the threshold', () => {
    expect(breachesThreshold(100.5, above)).toBe(true);
    expect(breachesThreshold(100, above)).toBe(false);
    expect(breachesThreshold(99, above)).toBe(false);
  });

  it('breaches "below" only strictly under the threshold, zero included', () => {
    expect(breachesThreshold(9.99, below)).toBe(true);
    expect(breachesThreshold(0, below)).toBe(true);
    expect(breachesThreshold(10, below)).toBe(false);
  });

  it('never breaches on a bucket without a value', () => {
    expect(breachesThreshold(null, below)).toBe(false);
    expect(breachesThreshold(null, above)).toBe(false);
    expect(breachesThreshold(Number.NaN, below)).toBe(false);
  });
});

describe('thresholdSeverity', () => {
  const above = { kind: 'threshold', operator: 'above', value: 200 } as const;

  it('grades by the excess relative to the threshold: <10 % low, <50 % medium, <100 % high, else critical', () => {
    // 219 is 9.5 % over 200, 220 exactly 10 %, 299 49.5 %, 300 50 %, 399 99.5 %, 400 100 %.
    expect([219, 220, 299, 300, 399, 400].map((value) => thresholdSeverity(value, above))).toEqual([
      'low',
      'medium',
      'medium',
      'high',
      'high',
      'critical',
    ]);
  });

  it('grades a drop below the threshold by how far under it is', () => {
    // 40 is 60 % under 100.
    expect(thresholdSeverity(40, { kind: 'threshold', operator: 'below', value: 100 })).toBe('high');
  });

  it('calls any breach of a zero threshold critical', () => {
    expect(thresholdSeverity(0.01, { kind: 'threshold', operator: 'above', value: 0 })).toBe('critical');
  });
});

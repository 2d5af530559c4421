import { rankAnomalyCauses } from './anomaly-causes';

describe('rankAnomalyCauses', () => {
  it('ranks values by their share of the total deviation, largest first', () => {
    const causes = rankAnomalyCauses([
      { value: 'web', observed: 110, expected: 100 },
      { value: 'ios', observed: 80, expected: 50 },
      { value: 'android', observed: 60, expected: 60 },
    ]);
    // Deviations 10, 30, 0 of a total of 40.
    expect(causes.map((c) => [c.value, c.deviation, c.share])).toEqual([
      ['ios', 30, 0.75],
      ['web', 10, 0.25],
      ['android', 0, 0],
    ]);
  });

  it('gives a value that moved against the total a negative share (shares still sum to 1)', () => {
    const causes = rankAnomalyCauses([
      { value: 'a', observed: 10, expected: 60 },
      { value: 'b', observed: 45, expected: 40 },
    ]);
    // Total deviation −45: a explains −50 / −45, b +5 / −45.
    expect(causes.map((c) => c.value)).toEqual(['a', 'b']);
    expect(causes[0].share).toBeCloseTo(50 / 45, 12);
    expect(causes[1].share).toBeCloseTo(-5 / 45, 12);
  });

  it('uses shares of the absolute deviation when the deviations cancel out', () => {
    const causes = rankAnomalyCauses([
      { value: 'a', observed: 20, expected: 10 },
      { value: 'b', observed: 0, expected: 10 },
    ]);
    expect(causes.map((c) => [c.value, c.share])).toEqual([
      ['a', 0.5],
      ['b', 0.5],
    ]);
  });

  it('answers shares of 0 when nothing deviates, and nothing for no values', () => {
    expect(rankAnomalyCauses([{ value: 'a', observed: 3, expected: 3 }])[0].share).toBe(0);
    expect(rankAnomalyCauses([])).toEqual([]);
  });
});

import { dailySatisfaction, localDays } from './daily-satisfaction';

describe('daily satisfaction', () => {
  it('lists every calendar day of the range, across a month end and 29 February', () => {
    expect(localDays('2028-02-27', '2028-03-01')).toEqual(['2028-02-27', '2028-02-28', '2028-02-29', '2028-03-01']);
    expect(localDays('2026-03-29', '2026-03-29')).toEqual(['2026-03-29']);
  });

  it('averages predictions of unscored conversations beside the scores given, per day (hand-computed)', () => {
    const points = dailySatisfaction(
      ['2026-03-01', '2026-03-02'],
      [
        { day: '2026-03-01', observed: null, predicted: 0.4 },
        { day: '2026-03-01', observed: null, predicted: 0.8 },
        { day: '2026-03-01', observed: 1, predicted: 0.9 },
        { day: '2026-03-01', observed: 0.5, predicted: 0.7 },
        { day: '2026-03-09', observed: null, predicted: 0.1 },
      ],
    );
    expect(points[0].day).toBe('2026-03-01');
    expect(points[0].unscored.conversations).toBe(2);
    expect(points[0].unscored.predictedMean).toBeCloseTo(0.6, 15);
    expect(points[0].scored).toEqual({ conversations: 2, observedMean: 0.75, predictedMean: 0.8 });
    expect(points[1]).toEqual({
      day: '2026-03-02',
      unscored: { conversations: 0, predictedMean: null },
      scored: { conversations: 0, observedMean: null, predictedMean: null },
    });
  });
});

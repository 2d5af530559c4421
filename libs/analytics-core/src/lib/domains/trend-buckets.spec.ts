import { localDayRange } from './local-day-range';
import { fillBuckets, trendBucketLabels, weekStartOf } from './trend-buckets';

describe('trendBucketLabels', () => {
  it('lists every local hour of a day: 24 in UTC', () => {
    const labels = trendBucketLabels(localDayRange('2025-03-10', '2025-03-10', 'UTC'), 'hour', 'UTC');
    expect(labels).toHaveLength(24);
    expect(labels[0]).toBe('2025-03-10T00:00');
    expect(labels[23]).toBe('2025-03-10T23:00');
  });

  it('skips the hour clocks jump over: Berlin 2025-03-30 has 23 hours, no 02:00', () => {
    const labels = trendBucketLabels(localDayRange('2025-03-30', '2025-03-30', 'Europe/Berlin'), 'hour', 'Europe/Berlin');
    expect(labels).toHaveLength(23);
    expect(labels).not.toContain('2025-03-30T02:00');
  });

  it('labels weeks by their Monday and months by their first day', () => {
    const range = localDayRange('2025-03-30', '2025-04-08', 'UTC');
    // 2025-03-30 is a Sunday (week of Monday 03-24); 03-31 and 04-07 are Mondays
    expect(trendBucketLabels(range, 'week', 'UTC')).toEqual(['2025-03-24', '2025-03-31', '2025-04-07']);
    expect(trendBucketLabels(range, 'month', 'UTC')).toEqual(['2025-03-01', '2025-04-01']);
    expect(weekStartOf('2025-03-24')).toBe('2025-03-24');
  });

  it('fills buckets without rows with zeros', () => {
    const found = new Map([['2025-03-11', 4]]);
    expect(fillBuckets(['2025-03-10', '2025-03-11', '2025-03-12'], found, () => 0)).toEqual([0, 4, 0]);
  });
});

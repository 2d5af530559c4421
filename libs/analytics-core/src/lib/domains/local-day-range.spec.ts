import { addDays, daysBetweenInclusive, isLocalDate, localDatesOf, localDayRange, previousLocalDayRange } from './local-day-range';

describe('local day ranges', () => {
  it('accepts real calendar dates only', () => {
    expect(isLocalDate('2024-02-29')).toBe(true);
    expect(isLocalDate('2025-02-29')).toBe(false);
    expect(isLocalDate('2025-3-1')).toBe(false);
  });

  it('counts both ends: 2025-03-01 … 2025-03-31 is 31 days', () => {
    expect(daysBetweenInclusive('2025-03-01', '2025-03-31')).toBe(31);
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
  });

  it('starts and ends at local midnight: Berlin 2025-03-10 is 2025-03-09T23:00Z … 2025-03-10T23:00Z', () => {
    const range = localDayRange('2025-03-10', '2025-03-10', 'Europe/Berlin');
    expect(range.start.toISOString()).toBe('2025-03-09T23:00:00.000Z');
    expect(range.end.toISOString()).toBe('2025-03-10T23:00:00.000Z');
  });

  it('gives the DST day 23 hours: Berlin 2025-03-30 runs 2025-03-29T23:00Z … 2025-03-30T22:00Z', () => {
    const range = localDayRange('2025-03-30', '2025-03-30', 'Europe/Berlin');
    expect(range.end.getTime() - range.start.getTime()).toBe(23 * 3_600_000);
  });

  it('refuses a range that ends before it starts', () => {
    expect(() => localDayRange('2025-03-10', '2025-03-09', 'UTC')).toThrow(RangeError);
  });

  it('compares with the same number of days just before: 03-08…03-14 → 03-01…03-07', () => {
    const previous = previousLocalDayRange(localDayRange('2025-03-08', '2025-03-14', 'UTC'), 'UTC');
    expect([previous.from, previous.to, previous.days]).toEqual(['2025-03-01', '2025-03-07', 7]);
    expect(localDatesOf(previous)).toEqual(['2025-03-01', '2025-03-02', '2025-03-03', '2025-03-04', '2025-03-05', '2025-03-06', '2025-03-07']);
  });
});

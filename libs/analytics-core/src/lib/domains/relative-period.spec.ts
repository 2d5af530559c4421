import { resolveRelativePeriod } from './relative-period';

const BERLIN = 'Europe/Berlin';
const dates = (range: { from: string; to: string }) => [range.from, range.to];

describe('resolveRelativePeriod', () => {
  it("takes today from the tenant's zone: 23:30 UTC on the 9th is already the 10th in Berlin", () => {
    const range = resolveRelativePeriod('yesterday', new Date('2026-03-09T23:30:00Z'), BERLIN);
    expect(dates(range)).toEqual(['2026-03-09', '2026-03-09']);
    expect(range.start.toISOString()).toBe('2026-03-08T23:00:00.000Z');
    expect(range.end.toISOString()).toBe('2026-03-09T23:00:00.000Z');
  });

  it('spans 7 × 24 − 1 hours for the last 7 days across the spring-forward night', () => {
    // Berlin moves to summer time on Sunday 2026-03-29.
    const range = resolveRelativePeriod('last_7_days', new Date('2026-04-01T10:00:00Z'), BERLIN);
    expect(dates(range)).toEqual(['2026-03-25', '2026-03-31']);
    expect(range.start.toISOString()).toBe('2026-03-24T23:00:00.000Z');
    expect(range.end.toISOString()).toBe('2026-03-31T22:00:00.000Z');
    expect((range.end.getTime() - range.start.getTime()) / 3_600_000).toBe(7 * 24 - 1);
  });

  it('gives the whole previous month, February of a leap year, from March 1st', () => {
    expect(dates(resolveRelativePeriod('previous_month', new Date('2028-03-01T08:00:00Z'), BERLIN))).toEqual(['2028-02-01', '2028-02-29']);
  });

  it('crosses the year for the previous month and quarter in January', () => {
    const now = new Date('2027-01-15T12:00:00Z');
    expect(dates(resolveRelativePeriod('previous_month', now, BERLIN))).toEqual(['2026-12-01', '2026-12-31']);
    expect(dates(resolveRelativePeriod('previous_quarter', now, BERLIN))).toEqual(['2026-10-01', '2026-12-31']);
    expect(dates(resolveRelativePeriod('previous_year', now, BERLIN))).toEqual(['2026-01-01', '2026-12-31']);
  });

  it('ends the …_to_date periods with today, and weeks start on Monday', () => {
    // Sunday 2026-11-01 in Berlin.
    const now = new Date('2026-11-01T10:00:00Z');
    expect(dates(resolveRelativePeriod('month_to_date', now, BERLIN))).toEqual(['2026-11-01', '2026-11-01']);
    expect(dates(resolveRelativePeriod('week_to_date', now, BERLIN))).toEqual(['2026-10-26', '2026-11-01']);
    expect(dates(resolveRelativePeriod('previous_week', now, BERLIN))).toEqual(['2026-10-19', '2026-10-25']);
    expect(dates(resolveRelativePeriod('quarter_to_date', now, BERLIN))).toEqual(['2026-10-01', '2026-11-01']);
  });

  it('gives a 25-hour last day to a previous month that ends with the fall-back night', () => {
    // Berlin falls back on Sunday 2026-10-25; previous_month seen from November is October, 31 days and one hour.
    const range = resolveRelativePeriod('previous_month', new Date('2026-11-10T00:00:00Z'), BERLIN);
    expect(dates(range)).toEqual(['2026-10-01', '2026-10-31']);
    expect((range.end.getTime() - range.start.getTime()) / 3_600_000).toBe(31 * 24 + 1);
  });

  it('reads the day in a zone far ahead of UTC: 13:00 UTC on June 30th is already July 1st in Auckland', () => {
    expect(dates(resolveRelativePeriod('month_to_date', new Date('2026-07-01T11:00:00Z'), 'Pacific/Auckland'))).toEqual(['2026-07-01', '2026-07-01']);
    expect(dates(resolveRelativePeriod('previous_month', new Date('2026-06-30T13:00:00Z'), 'Pacific/Auckland'))).toEqual(['2026-06-01', '2026-06-30']);
  });
});

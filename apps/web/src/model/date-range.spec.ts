import { choiceFromFilters, customRangeProblem, dataQueryParameters } from './date-range';

describe('customRangeProblem', () => {
  it('accepts a range whose end is on or after its start', () => {
    expect(customRangeProblem('2025-03-01', '2025-03-31')).toBeUndefined();
    expect(customRangeProblem('2025-03-01', '2025-03-01')).toBeUndefined();
  });

  it('refuses an end before the start', () => {
    expect(customRangeProblem('2025-03-02', '2025-03-01')).toBe('The end date must not be before the start date.');
  });

  it('refuses a day that is not in the calendar', () => {
    expect(customRangeProblem('2025-02-30', '2025-03-01')).toBe('The start date must be a date (YYYY-MM-DD).');
    expect(customRangeProblem('2025-03-01', '')).toBe('The end date must be a date (YYYY-MM-DD).');
  });

  it('allows 366 days (both ends included) and no more', () => {
    expect(customRangeProblem('2024-01-01', '2024-12-31')).toBeUndefined(); // 366 days: a leap year
    expect(customRangeProblem('2024-01-01', '2025-01-01')).toBe('A range holds at most 366 days.');
  });
});

describe('dataQueryParameters', () => {
  it('sends a relative period with the compare toggle', () => {
    expect(dataQueryParameters({ kind: 'period', period: 'last_30_days' }, true).toString()).toBe('period=last_30_days&compare=true');
  });

  it('sends custom days as from and to', () => {
    expect(dataQueryParameters({ kind: 'custom', from: '2025-03-01', to: '2025-03-07' }, false).toString()).toBe(
      'from=2025-03-01&to=2025-03-07&compare=false',
    );
  });
});

describe('choiceFromFilters', () => {
  it("reads the dashboard's stored range", () => {
    expect(choiceFromFilters({ period: 'previous_month' })).toEqual({ kind: 'period', period: 'previous_month' });
    expect(choiceFromFilters({ from: '2025-01-01', to: '2025-01-31' })).toEqual({ kind: 'custom', from: '2025-01-01', to: '2025-01-31' });
  });

  it('falls back to the last 7 days', () => {
    expect(choiceFromFilters({})).toEqual({ kind: 'period', period: 'last_7_days' });
  });
});

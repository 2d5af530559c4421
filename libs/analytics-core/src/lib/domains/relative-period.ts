import { formatLocalDate, localDateTime } from '../time-zone';
import { addDays, localDayRange, type LocalDayRange } from './local-day-range';

/**
 * Relative periods a report or a dashboard may cover, resolved in the tenant’s time zone when data is asked for.
 * "last N days" are the N whole days before today; "…_to_date" end with today (a partial day);
 * "previous_…" are the whole calendar week (Monday first), month, quarter or year before the current one.
 */
export const RELATIVE_PERIODS = [
  'yesterday',
  'last_7_days',
  'last_28_days',
  'last_30_days',
  'last_90_days',
  'week_to_date',
  'previous_week',
  'month_to_date',
  'previous_month',
  'quarter_to_date',
  'previous_quarter',
  'year_to_date',
  'previous_year',
] as const;
export type RelativePeriod = (typeof RELATIVE_PERIODS)[number];

/** The local days (both ends included) `period` names at `now` in `timeZone`, with the instants they span. */
export function resolveRelativePeriod(period: RelativePeriod, now: Date, timeZone: string): LocalDayRange {
  const local = localDateTime(now, timeZone);
  const today = formatLocalDate(local.year, local.month, local.day);
  const [from, to] = periodDates(period, today, local);
  return localDayRange(from, to, timeZone);
}

function periodDates(period: RelativePeriod, today: string, local: { year: number; month: number; dayOfWeek: number }): [string, string] {
  const yesterday = addDays(today, -1);
  const monday = addDays(today, 1 - local.dayOfWeek);
  const quarterMonth = local.month - ((local.month - 1) % 3);
  switch (period) {
    case 'yesterday':
      return [yesterday, yesterday];
    case 'last_7_days':
      return [addDays(today, -7), yesterday];
    case 'last_28_days':
      return [addDays(today, -28), yesterday];
    case 'last_30_days':
      return [addDays(today, -30), yesterday];
    case 'last_90_days':
      return [addDays(today, -90), yesterday];
    case 'week_to_date':
      return [monday, today];
    case 'previous_week':
      return [addDays(monday, -7), addDays(monday, -1)];
    case 'month_to_date':
      return [firstOfMonth(local.year, local.month), today];
    case 'previous_month':
      return monthsBefore(local.year, local.month, 1);
    case 'quarter_to_date':
      return [firstOfMonth(local.year, quarterMonth), today];
    case 'previous_quarter':
      return monthsBefore(local.year, quarterMonth, 3);
    case 'year_to_date':
      return [firstOfMonth(local.year, 1), today];
    case 'previous_year':
      return [firstOfMonth(local.year - 1, 1), formatLocalDate(local.year - 1, 12, 31)];
  }
}

function firstOfMonth(year: number, month: number): string {
  return formatLocalDate(year, month, 1);
}

/** The `count` whole months ending just before the first of (`year`, `month`). */
function monthsBefore(year: number, month: number, count: number): [string, string] {
  const start = year * 12 + month - 1 - count;
  return [firstOfMonth(Math.floor(start / 12), (start % 12) + 1), addDays(firstOfMonth(year, month), -1)];
}

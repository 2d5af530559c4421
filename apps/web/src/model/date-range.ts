import { RELATIVE_PERIODS, type RelativePeriod } from './dashboard-types';

/** What the date-range picker holds: a relative period, or custom local days (both included). */
export type DateRangeChoice = { kind: 'period'; period: RelativePeriod } | { kind: 'custom'; from: string; to: string };

export const PERIOD_LABELS: Record<RelativePeriod, string> = {
  yesterday: 'Yesterday',
  last_7_days: 'Last 7 days',
  last_28_days: 'Last 28 days',
  last_30_days: 'Last 30 days',
  last_90_days: 'Last 90 days',
  week_to_date: 'Week to date',
  previous_week: 'Previous week',
  month_to_date: 'Month to date',
  previous_month: 'Previous month',
  quarter_to_date: 'Quarter to date',
  previous_quarter: 'Previous quarter',
  year_to_date: 'Year to date',
  previous_year: 'Previous year',
};

/** The dashboards service takes ranges of at most 366 days. */
export const MAX_CUSTOM_DAYS = 366;
const LOCAL_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isRelativePeriod(value: string): value is RelativePeriod {
  return (RELATIVE_PERIODS as readonly string[]).includes(value);
}

/** Why a custom range cannot be asked for, or undefined when it can. */
export function customRangeProblem(from: string, to: string): string | undefined {
  const start = dayNumber(from);
  const end = dayNumber(to);
  if (start === undefined) return 'The start date must be a date (YYYY-MM-DD).';
  if (end === undefined) return 'The end date must be a date (YYYY-MM-DD).';
  if (end < start) return 'The end date must not be before the start date.';
  if (end - start + 1 > MAX_CUSTOM_DAYS) return `A range holds at most ${MAX_CUSTOM_DAYS} days.`;
  return undefined;
}

/** The query parameters of `GET /v1/dashboards/:id/data` for a choice and the compare toggle. */
export function dataQueryParameters(choice: DateRangeChoice, compare: boolean): URLSearchParams {
  const parameters = new URLSearchParams();
  if (choice.kind === 'period') parameters.set('period', choice.period);
  else {
    parameters.set('from', choice.from);
    parameters.set('to', choice.to);
  }
  parameters.set('compare', String(compare));
  return parameters;
}

/** The choice a dashboard's stored filters describe (its default range). */
export function choiceFromFilters(filters: { period?: string; from?: string; to?: string }): DateRangeChoice {
  if (filters.from && filters.to) return { kind: 'custom', from: filters.from, to: filters.to };
  return { kind: 'period', period: filters.period && isRelativePeriod(filters.period) ? filters.period : 'last_7_days' };
}

/** Days since 1970-01-01 of a valid calendar date, else undefined (2025-02-30 is not a date). */
function dayNumber(value: string): number | undefined {
  const match = LOCAL_DAY.exec(value);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const time = Date.UTC(year, month - 1, day);
  const date = new Date(time);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return time / 86_400_000;
}

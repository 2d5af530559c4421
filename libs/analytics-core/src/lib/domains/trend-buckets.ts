import { formatLocalDate, localDateTime, pad } from '../time-zone';
import { addDays, localDatesOf, type LocalDayRange } from './local-day-range';

export const TREND_GRANULARITIES = ['hour', 'day', 'week', 'month'] as const;
export type TrendGranularity = (typeof TREND_GRANULARITIES)[number];

const MS_PER_HOUR = 3_600_000;

/**
 * The labels of every bucket a local-day range touches, oldest first, so missing buckets can be
 * filled with zeros. They match what SQL produces with `to_char(date_trunc(g, at AT TIME ZONE tz), …)`:
 * - hour: `2025-03-30T03:00` local; an hour skipped by DST does not appear, an hour repeated when
 *   clocks go back appears once (both hours share the label, as local wall-clock time does);
 * - day: `2025-03-30`; week: the Monday starting the ISO week; month: its first day. The first
 *   week or month may start before the range: the bucket is labelled by its own start.
 */
export function trendBucketLabels(range: LocalDayRange, granularity: TrendGranularity, timeZone: string): string[] {
  switch (granularity) {
    case 'hour':
      return hourLabels(range, timeZone);
    case 'day':
      return localDatesOf(range);
    case 'week':
      return unique(localDatesOf(range).map(weekStartOf));
    case 'month':
      return unique(localDatesOf(range).map((date) => `${date.slice(0, 7)}-01`));
    default:
      throw new RangeError(`Unknown granularity: ${String(granularity)}`);
  }
}

/** Monday of the ISO week containing the date. */
export function weekStartOf(localDate: string): string {
  const [year, month, day] = localDate.split('-').map(Number);
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay(); // 0 = Sunday
  return addDays(localDate, -((weekday + 6) % 7));
}

/** One row per label, in label order: the rows found, zeros for the rest. */
export function fillBuckets<T>(labels: readonly string[], found: ReadonlyMap<string, T>, zero: (label: string) => T): T[] {
  return labels.map((label) => found.get(label) ?? zero(label));
}

function hourLabels(range: LocalDayRange, timeZone: string): string[] {
  const labels: string[] = [];
  // Local hours start on whole UTC hours in most zones but not all (+05:45): step from the range start.
  for (let at = range.start.getTime(); at < range.end.getTime(); at += MS_PER_HOUR) {
    const local = localDateTime(at, timeZone);
    labels.push(`${formatLocalDate(local.year, local.month, local.day)}T${pad(local.hour, 2)}:00`);
  }
  return unique(labels);
}

function unique(labels: readonly string[]): string[] {
  return [...new Set(labels)];
}

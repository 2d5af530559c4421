import { formatLocalDate, wallClockToInstant } from '../time-zone';

/**
 * A range of whole local days in a tenant's time zone, both ends included (`from` 2025-03-01 and
 * `to` 2025-03-31 is March). `start` and `end` are the instants it covers, [start, end): a local day
 * begins at local midnight, so a day with a DST change lasts 23 or 25 hours.
 */
export interface LocalDayRange {
  /** YYYY-MM-DD, first day included. */
  from: string;
  /** YYYY-MM-DD, last day included. */
  to: string;
  days: number;
  start: Date;
  end: Date;
}

const MS_PER_DAY = 86_400_000;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD (2025-02-30 is not one). */
export function isLocalDate(text: string): boolean {
  const match = LOCAL_DATE.exec(text);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The calendar date `days` after (or before, when negative) a YYYY-MM-DD date. */
export function addDays(localDate: string, days: number): string {
  const date = new Date(parseLocalDate(localDate) + days * MS_PER_DAY);
  return formatLocalDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

/** Days from `from` to `to`, both included: 1 for a single day, 0 or less when `to` is before `from`. */
export function daysBetweenInclusive(from: string, to: string): number {
  return Math.round((parseLocalDate(to) - parseLocalDate(from)) / MS_PER_DAY) + 1;
}

export function localDayRange(from: string, to: string, timeZone: string): LocalDayRange {
  const days = daysBetweenInclusive(from, to);
  if (days < 1) throw new RangeError(`The range ends (${to}) before it starts (${from})`);
  return { from, to, days, start: localMidnight(from, timeZone), end: localMidnight(addDays(to, 1), timeZone) };
}

/** The same number of days immediately before: what "previous period" compares with. */
export function previousLocalDayRange(range: LocalDayRange, timeZone: string): LocalDayRange {
  return localDayRange(addDays(range.from, -range.days), addDays(range.from, -1), timeZone);
}

/** Every date of the range, oldest first. */
export function localDatesOf(range: Pick<LocalDayRange, 'from' | 'days'>): string[] {
  return Array.from({ length: range.days }, (_, index) => addDays(range.from, index));
}

function localMidnight(localDate: string, timeZone: string): Date {
  const [year, month, day] = localDate.split('-').map(Number);
  return new Date(wallClockToInstant({ year, month, day }, timeZone));
}

/** Midnight UTC of the date, as epoch ms: only for calendar arithmetic. */
function parseLocalDate(localDate: string): number {
  if (!isLocalDate(localDate)) throw new RangeError(`Not a YYYY-MM-DD date: ${localDate}`);
  const [year, month, day] = localDate.split('-').map(Number);
  return Date.UTC(year, month - 1, day);
}

import {
  findOffsetTransition,
  formatLocalDate,
  formatUtcOffset,
  Instant,
  localDateTime,
  pad,
  toEpochMilliseconds,
  wallClockToInstant,
} from './time-zone';

export type RollupGranularity = 'minute' | 'hour' | 'day' | 'week' | 'month';

/** What per-type rollups are kept at; all-types rollups use `ALL_TYPES_ROLLUP_GRANULARITIES` (rollup-definition). */
export const ROLLUP_GRANULARITIES: readonly RollupGranularity[] = Object.freeze(['minute', 'hour', 'day']);

/**
 * A rollup bucket is a span of the tenant's local wall clock, [start, end). `start` is its identity.
 * Minute and hour labels carry the UTC offset because after clocks go back the same local hour happens
 * twice (02:00+02:00 and 02:00+01:00 are two buckets); a day is one bucket of 23, 24 or 25 hours.
 */
export interface RollupBucket {
  granularity: RollupGranularity;
  start: Date;
  end: Date;
  /**
   * minute: 2026-03-29T03:15+02:00, hour: 2026-03-29T03:00+02:00, day: 2026-03-29 (local), week: its
   * Monday 2026-03-23, month: 2026-03 — the labels the query calendar gives the same buckets.
   */
  label: string;
}

const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 3_600_000;

export function bucketStart(instant: Instant, granularity: RollupGranularity, timeZone: string): RollupBucket {
  const epochMs = toEpochMilliseconds(instant);
  switch (granularity) {
    case 'minute':
      return minuteBucket(epochMs, timeZone);
    case 'hour':
      return hourBucket(epochMs, timeZone);
    case 'day':
      return dayBucket(epochMs, timeZone);
    case 'week':
      return weekBucket(epochMs, timeZone);
    case 'month':
      return monthBucket(epochMs, timeZone);
    default:
      throw new RangeError(`Unknown rollup granularity: ${String(granularity)}`);
  }
}

function minuteBucket(epochMs: number, timeZone: string): RollupBucket {
  const local = localDateTime(epochMs, timeZone);
  const start = epochMs - local.second * 1000 - local.millisecond;
  return {
    granularity: 'minute',
    start: new Date(start),
    end: new Date(start + MS_PER_MINUTE),
    label: `${formatLocalDate(local.year, local.month, local.day)}T${pad(local.hour, 2)}:${pad(local.minute, 2)}${formatUtcOffset(local.offsetMs)}`,
  };
}

function hourBucket(epochMs: number, timeZone: string): RollupBucket {
  const local = localDateTime(epochMs, timeZone);
  // Truncating the local clock, not the UTC one: in +05:45 a local hour starts at hh:15 UTC.
  const truncated = epochMs - local.minute * MS_PER_MINUTE - local.second * 1000 - local.millisecond;
  // A transition that is not on a local hour boundary (Lord Howe's 30-minute shift) cuts the hour.
  const start = findOffsetTransition(truncated, epochMs, timeZone) ?? truncated;
  const naturalEnd = truncated + MS_PER_HOUR;
  const end = findOffsetTransition(epochMs, naturalEnd, timeZone) ?? naturalEnd;
  return {
    granularity: 'hour',
    start: new Date(start),
    end: new Date(end),
    label: `${formatLocalDate(local.year, local.month, local.day)}T${pad(local.hour, 2)}:00${formatUtcOffset(local.offsetMs)}`,
  };
}

function dayBucket(epochMs: number, timeZone: string): RollupBucket {
  const local = localDateTime(epochMs, timeZone);
  const next = new Date(Date.UTC(local.year, local.month - 1, local.day + 1));
  return {
    granularity: 'day',
    start: new Date(wallClockToInstant({ year: local.year, month: local.month, day: local.day }, timeZone)),
    end: new Date(
      wallClockToInstant(
        { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() },
        timeZone,
      ),
    ),
    label: formatLocalDate(local.year, local.month, local.day),
  };
}

/** Monday 00:00 local to the next Monday 00:00 local (a DST week lasts 167 or 169 hours). */
function weekBucket(epochMs: number, timeZone: string): RollupBucket {
  const local = localDateTime(epochMs, timeZone);
  const monday = calendarDate(local.year, local.month, local.day - (local.dayOfWeek - 1));
  const nextMonday = calendarDate(monday.year, monday.month, monday.day + 7);
  return {
    granularity: 'week',
    start: new Date(wallClockToInstant(monday, timeZone)),
    end: new Date(wallClockToInstant(nextMonday, timeZone)),
    label: formatLocalDate(monday.year, monday.month, monday.day),
  };
}

/** The 1st 00:00 local to the next month's 1st 00:00 local. */
function monthBucket(epochMs: number, timeZone: string): RollupBucket {
  const local = localDateTime(epochMs, timeZone);
  const first = calendarDate(local.year, local.month, 1);
  const next = calendarDate(local.year, local.month + 1, 1);
  return {
    granularity: 'month',
    start: new Date(wallClockToInstant(first, timeZone)),
    end: new Date(wallClockToInstant(next, timeZone)),
    label: `${pad(first.year, 4)}-${pad(first.month, 2)}`,
  };
}

/** Date.UTC normalises overflowing days and months ("day 0", "month 13") into a real date. */
function calendarDate(year: number, month: number, day: number): { year: number; month: number; day: number } {
  const date = new Date(Date.UTC(year, month - 1, day));
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

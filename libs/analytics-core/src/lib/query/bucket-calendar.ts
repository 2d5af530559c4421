import { bucketStart } from '../rollup-buckets';
import { formatLocalDate, localDateTime, pad, wallClockToInstant } from '../time-zone';
import type { QueryGranularity } from './metric-query';

/**
 * One bucket of a query's answer: a span [start, end) of the time zone's wall clock. Minutes, hours and
 * days are exactly the rollups' buckets (same function), so rollups compose into them; weeks start on
 * Monday at local midnight, months and quarters on their first local midnight.
 */
export interface QueryBucket {
  start: Date;
  end: Date;
  /** minute/hour: 2026-03-29T03:00+02:00, day: 2026-03-29, week: its Monday 2026-03-23, month: 2026-03, quarter: 2026-Q1. */
  label: string;
}

export type QueryBucketListing = { ok: true; buckets: QueryBucket[] } | { ok: false; maxBuckets: number };

/** The bucket of `granularity` that contains the instant. */
export function queryBucketContaining(epochMs: number, granularity: QueryGranularity, timeZone: string): QueryBucket {
  switch (granularity) {
    case 'minute':
    case 'hour':
    case 'day': {
      const bucket = bucketStart(epochMs, granularity, timeZone);
      return { start: bucket.start, end: bucket.end, label: bucket.label };
    }
    case 'week':
      return weekContaining(epochMs, timeZone);
    case 'month':
      return monthsContaining(epochMs, timeZone, 1);
    case 'quarter':
      return monthsContaining(epochMs, timeZone, 3);
    default:
      throw new RangeError(`Unknown granularity: ${String(granularity)}`);
  }
}

/**
 * Every bucket that overlaps [from, to), in order; `{ ok: false }` as soon as there would be more than
 * `maxBuckets` (so a minute query over ten years costs `maxBuckets` steps, not millions).
 */
export function listQueryBuckets(
  from: Date,
  to: Date,
  granularity: QueryGranularity,
  timeZone: string,
  maxBuckets: number,
): QueryBucketListing {
  const buckets: QueryBucket[] = [];
  let bucket = queryBucketContaining(from.getTime(), granularity, timeZone);
  while (bucket.start.getTime() < to.getTime()) {
    if (buckets.length === maxBuckets) return { ok: false, maxBuckets };
    buckets.push(bucket);
    bucket = queryBucketContaining(bucket.end.getTime(), granularity, timeZone);
  }
  return { ok: true, buckets };
}

/** The `count` buckets just before the one starting at `firstStart`, oldest first: the previous period. */
export function queryBucketsBefore(firstStart: Date, count: number, granularity: QueryGranularity, timeZone: string): QueryBucket[] {
  const buckets: QueryBucket[] = [];
  let end = firstStart.getTime();
  for (let index = 0; index < count; index++) {
    const bucket = queryBucketContaining(end - 1, granularity, timeZone);
    buckets.push(bucket);
    end = bucket.start.getTime();
  }
  return buckets.reverse();
}

/** The instants the buckets cover: [first start, last end). */
export function bucketsRange(buckets: readonly QueryBucket[]): { from: Date; to: Date } {
  if (buckets.length === 0) throw new RangeError('No buckets');
  return { from: buckets[0].start, to: buckets[buckets.length - 1].end };
}

function weekContaining(epochMs: number, timeZone: string): QueryBucket {
  const local = localDateTime(epochMs, timeZone);
  // Date.UTC normalises day overflow, so "day - 3" may land in the previous month or year.
  const monday = utcDate(local.year, local.month, local.day - (local.dayOfWeek - 1));
  const nextMonday = utcDate(monday.year, monday.month, monday.day + 7);
  return {
    start: new Date(localMidnight(monday, timeZone)),
    end: new Date(localMidnight(nextMonday, timeZone)),
    label: formatLocalDate(monday.year, monday.month, monday.day),
  };
}

function monthsContaining(epochMs: number, timeZone: string, months: 1 | 3): QueryBucket {
  const local = localDateTime(epochMs, timeZone);
  const firstMonth = local.month - ((local.month - 1) % months);
  const first = utcDate(local.year, firstMonth, 1);
  const next = utcDate(local.year, firstMonth + months, 1);
  const label = months === 1 ? `${pad(first.year, 4)}-${pad(first.month, 2)}` : `${pad(first.year, 4)}-Q${(firstMonth + 2) / 3}`;
  return { start: new Date(localMidnight(first, timeZone)), end: new Date(localMidnight(next, timeZone)), label };
}

interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

function utcDate(year: number, month: number, day: number): CalendarDate {
  const date = new Date(Date.UTC(year, month - 1, day));
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/** The first instant of the local date (after the gap, where clocks skip midnight). */
function localMidnight(date: CalendarDate, timeZone: string): number {
  return wallClockToInstant({ year: date.year, month: date.month, day: date.day }, timeZone);
}

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

export type RollupGranularity = 'minute' | 'hour' | 'day';

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
  /** minute: 2026-03-29T03:15+02:00, hour: 2026-03-29T03:00+02:00, day: 2026-03-29 (local). */
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

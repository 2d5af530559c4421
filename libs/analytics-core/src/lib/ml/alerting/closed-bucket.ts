import { bucketStart } from '../../rollup-buckets';
import type { AlertGranularity } from './alert-condition';

const MINUTE_MS = 60_000;

/**
 * The bucket of `granularity` (in the time zone) that closes when the minute starting at `minuteStart`
 * closes, or null when that minute is not its last. Hours in +05:30 zones end at :30 UTC, days at
 * local midnight (23 or 25 hours on DST days).
 */
export function bucketClosedWithMinute(minuteStart: number, granularity: AlertGranularity, timeZone: string): { start: number; end: number } | null {
  const bucket = bucketStart(minuteStart, granularity, timeZone);
  const end = bucket.end.getTime();
  return end === minuteStart + MINUTE_MS ? { start: bucket.start.getTime(), end } : null;
}

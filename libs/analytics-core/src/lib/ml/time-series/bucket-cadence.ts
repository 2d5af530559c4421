/**
 * What a bucket size implies for the time-series methods: the seasonal periods worth testing (in buckets)
 * and the default window lengths. Sizes other than a minute, an hour, a day or a week get no seasonal
 * candidates (a month is not a fixed number of milliseconds).
 */
export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
export const WEEK_MS = 7 * DAY_MS;

export interface BucketCadence {
  /** Seasonal periods to test, shortest first: hour of day and hour of week for hourly data. */
  seasonalPeriods: readonly number[];
  /** Trailing window of the z-score and MAD baselines. */
  windowPoints: number;
  /** Consecutive buckets beyond the band, on one side, after which a shift is the new normal. */
  levelShiftPoints: number;
}

export function bucketCadence(bucketMs: number): BucketCadence {
  if (!(bucketMs > 0)) throw new RangeError(`bucketMs must be a positive number of milliseconds, got ${bucketMs}`);
  switch (bucketMs) {
    case MINUTE_MS:
      return { seasonalPeriods: [60, 1440], windowPoints: 60, levelShiftPoints: 10 };
    case HOUR_MS:
      return { seasonalPeriods: [24, 168], windowPoints: 168, levelShiftPoints: 6 };
    case DAY_MS:
      return { seasonalPeriods: [7], windowPoints: 28, levelShiftPoints: 3 };
    case WEEK_MS:
      return { seasonalPeriods: [52], windowPoints: 26, levelShiftPoints: 3 };
    default:
      return { seasonalPeriods: [], windowPoints: 30, levelShiftPoints: 3 };
  }
}

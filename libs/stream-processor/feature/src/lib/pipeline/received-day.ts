import { timeContext } from '@pulse/analytics-core';

/** Every time zone's offset is a multiple of 15 minutes, so the local day is constant within a quarter hour. */
const QUARTER_HOUR_MS = 15 * 60_000;

/**
 * A finder of the tenant-local day (YYYY-MM-DD) an event was received, the day the data-quality
 * overview counts it on. It remembers each (zone, quarter hour) it computed: a batch's events arrive
 * within moments of each other, and the zone conversion is the costly part.
 */
export function receivedDayFinder(): (receivedAt: Date, timeZone: string) => string {
  const known = new Map<string, string>();
  return (receivedAt, timeZone) => {
    const quarter = Math.floor(receivedAt.getTime() / QUARTER_HOUR_MS);
    const key = `${timeZone}\u0000${quarter}`;
    let day = known.get(key);
    if (day === undefined) {
      day = timeContext(new Date(quarter * QUARTER_HOUR_MS), timeZone).localDate;
      known.set(key, day);
    }
    return day;
  };
}

/** Where the live state of one tenant lives in the cache. The tenant id is in braces: a Redis Cluster hash tag, so one tenant's keys share a slot. */
export interface LiveStateKeys {
  /** Sorted set: user key → last-seen time (epoch ms). */
  activeUsers: string;
  /** Sorted set: session id → time of its last event (epoch ms). */
  activeSessions: string;
  /** Hash with integer fields `events` and `orders` for one tenant-local day (YYYY-MM-DD). */
  dayCounters(localDate: string): string;
  /** Float: the day's revenue in the tenant's currency. */
  dayRevenue(localDate: string): string;
  /** HyperLogLog of the day's visitors (user keys). */
  dayVisitors(localDate: string): string;
  /** HyperLogLog of the day's buyers (user keys with a purchase). */
  dayBuyers(localDate: string): string;
}

export const DEFAULT_LIVE_STATE_KEY_PREFIX = 'pulse:live';

export function liveStateKeys(tenantId: string, prefix = DEFAULT_LIVE_STATE_KEY_PREFIX): LiveStateKeys {
  const base = `${prefix}:{${tenantId}}`;
  return {
    activeUsers: `${base}:active-users`,
    activeSessions: `${base}:active-sessions`,
    dayCounters: (localDate) => `${base}:day:${localDate}:counters`,
    dayRevenue: (localDate) => `${base}:day:${localDate}:revenue`,
    dayVisitors: (localDate) => `${base}:day:${localDate}:visitors`,
    dayBuyers: (localDate) => `${base}:day:${localDate}:buyers`,
  };
}

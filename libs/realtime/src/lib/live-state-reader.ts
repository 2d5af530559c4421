import { timeContext } from '@pulse/analytics-core';
import type { CacheStore } from '@pulse/cache';
import { liveStateKeys } from './live-state-keys';
import { LiveStateUnavailableError } from './live-state-unavailable';
import { ACTIVE_USER_WINDOWS_MS, SESSION_INACTIVITY_MS, type Clock, type LiveStateOptions } from './live-state-options';

/** What the reader needs to know about the tenant asking. */
export interface LiveStateTenant {
  id: string;
  /** IANA time zone: "today" is the tenant's local day. */
  timeZone: string;
  currency: string;
}

export interface ActiveUsers {
  /** Distinct users with an event in the last 5 minutes. */
  last5Minutes: number;
  last30Minutes: number;
}

export interface ActiveSessions {
  /** Sessions whose last event is at most 5 minutes old. */
  last5Minutes: number;
  /** Sessions not yet ended by the 30-minute inactivity gap. */
  last30Minutes: number;
}

export interface TodayConversions {
  /** Tenant-local date, YYYY-MM-DD. */
  today: string;
  /** Distinct users with any event today (HyperLogLog: ±0.81 % on Redis, exact in memory). */
  visitors: number;
  /** Distinct users with a purchase today (same estimate). */
  buyers: number;
  orders: number;
  /** Revenue of today's orders in the tenant's currency (orders in other currencies are counted, not summed). */
  revenue: number;
  currency: string;
  /** buyers / visitors, a fraction; 0 without visitors. */
  conversionRate: number;
  /** revenue / orders; 0 without orders. */
  averageOrderValue: number;
}

export interface RealtimeOverview extends TodayConversions {
  timestamp: string;
  timeZone: string;
  activeUsers: ActiveUsers;
  activeSessions: ActiveSessions;
  eventsToday: number;
}

/** Answers the realtime endpoints from the live state the processor writes (see `LiveStateWriter`). */
export class LiveStateReader {
  private readonly now: Clock;
  private readonly keyPrefix: string | undefined;

  constructor(
    private readonly cache: CacheStore,
    options: LiveStateOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.keyPrefix = options.keyPrefix;
  }

  /** Every read rejects with `LiveStateUnavailableError` when the cache does not answer (the figures are unknown, not zero). */
  overview(tenant: LiveStateTenant): Promise<RealtimeOverview> {
    return readOrUnavailable(async () => {
      const now = this.now();
      const [activeUsers, activeSessions, today] = await Promise.all([
        this.activeUsersAt(tenant, now),
        this.sessionsAt(tenant, now),
        this.todayAt(tenant, now),
      ]);
      return {
        timestamp: new Date(now).toISOString(),
        timeZone: tenant.timeZone,
        activeUsers,
        activeSessions,
        eventsToday: today.events,
        ...today.conversions,
      };
    });
  }

  activeUsers(tenant: LiveStateTenant): Promise<ActiveUsers> {
    return readOrUnavailable(() => this.activeUsersAt(tenant, this.now()));
  }

  sessions(tenant: LiveStateTenant): Promise<ActiveSessions> {
    return readOrUnavailable(() => this.sessionsAt(tenant, this.now()));
  }

  conversions(tenant: LiveStateTenant): Promise<TodayConversions> {
    return readOrUnavailable(async () => (await this.todayAt(tenant, this.now())).conversions);
  }

  private async activeUsersAt(tenant: LiveStateTenant, now: number): Promise<ActiveUsers> {
    const key = liveStateKeys(tenant.id, this.keyPrefix).activeUsers;
    const [last5Minutes, last30Minutes] = await Promise.all([
      this.cache.zCount(key, now - ACTIVE_USER_WINDOWS_MS.short, Number.MAX_SAFE_INTEGER),
      this.cache.zCount(key, now - ACTIVE_USER_WINDOWS_MS.long, Number.MAX_SAFE_INTEGER),
    ]);
    return { last5Minutes, last30Minutes };
  }

  private async sessionsAt(tenant: LiveStateTenant, now: number): Promise<ActiveSessions> {
    const key = liveStateKeys(tenant.id, this.keyPrefix).activeSessions;
    const [last5Minutes, last30Minutes] = await Promise.all([
      this.cache.zCount(key, now - ACTIVE_USER_WINDOWS_MS.short, Number.MAX_SAFE_INTEGER),
      this.cache.zCount(key, now - SESSION_INACTIVITY_MS, Number.MAX_SAFE_INTEGER),
    ]);
    return { last5Minutes, last30Minutes };
  }

  private async todayAt(tenant: LiveStateTenant, now: number): Promise<{ events: number; conversions: TodayConversions }> {
    const keys = liveStateKeys(tenant.id, this.keyPrefix);
    const today = timeContext(now, tenant.timeZone).localDate;
    const [counters, revenueText, visitors, buyers] = await Promise.all([
      this.cache.hGetAll(keys.dayCounters(today)),
      this.cache.get(keys.dayRevenue(today)),
      this.cache.pfCount(keys.dayVisitors(today)),
      this.cache.pfCount(keys.dayBuyers(today)),
    ]);
    const orders = Number(counters['orders'] ?? 0);
    // INCRBYFLOAT leaves binary noise in the last digits; money is shown to the cent.
    const revenue = roundToCents(Number(revenueText ?? 0));
    return {
      events: Number(counters['events'] ?? 0),
      conversions: {
        today,
        visitors,
        buyers,
        orders,
        revenue,
        currency: tenant.currency,
        conversionRate: visitors > 0 ? buyers / visitors : 0,
        averageOrderValue: orders > 0 ? roundToCents(revenue / orders) : 0,
      },
    };
  }
}

async function readOrUnavailable<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    throw new LiveStateUnavailableError(error);
  }
}

function roundToCents(amount: number): number {
  return Math.round(amount * 100) / 100;
}

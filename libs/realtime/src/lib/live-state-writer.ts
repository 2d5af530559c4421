import type { CacheStore } from '@pulse/cache';
import { liveStateKeys } from './live-state-keys';
import {
  ACTIVE_USER_WINDOWS_MS,
  DAY_COUNTER_HORIZON_MS,
  DAY_COUNTER_TTL_SECONDS,
  SESSION_INACTIVITY_MS,
  SLIDING_WINDOW_TTL_SECONDS,
  type Clock,
  type LiveStateOptions,
} from './live-state-options';

/** One stored event, as the live state sees it. */
export interface LiveStateEvent {
  occurredAt: Date;
  /** Tenant-local date of `occurredAt`, YYYY-MM-DD. */
  localDate: string;
  /** Canonical user key; null for machine events (system metrics, model usage). */
  userKey: string | null;
  sessionId: string | null;
  /** Set for purchases: an order, with its revenue when it is in the tenant's currency. */
  order?: { revenue: number | null };
}

/** A stored event as the processor hands it to the live state: purchases are orders, with revenue in the tenant's currency only. */
export function liveStateEventOf(
  event: {
    type: string;
    occurredAt: Date;
    localDate: string;
    userKey: string | null;
    sessionId: string | null;
    properties: Readonly<Record<string, unknown>>;
  },
  tenantCurrency: string,
): LiveStateEvent {
  const amount = event.properties['revenue'] ?? event.properties['total'];
  return {
    occurredAt: event.occurredAt,
    localDate: event.localDate,
    userKey: event.userKey,
    sessionId: event.sessionId,
    ...(event.type === 'purchase'
      ? { order: { revenue: event.properties['currency'] === tenantCurrency && typeof amount === 'number' ? amount : null } }
      : {}),
  };
}

interface DayTotals {
  events: number;
  orders: number;
  revenue: number;
  visitors: Set<string>;
  buyers: Set<string>;
}

/**
 * Writes the live state the realtime endpoints read: who was active when, which sessions are open,
 * and today's counters per tenant-local day. Called after the database commit, with new events only.
 *
 * Best effort by design: the database is the record, this is a view of its last minutes and today.
 * Lost writes (cache down, crash between commit and this call) make today's counters low until the day
 * rolls over; they can be rebuilt from the `events` table. Commands of one call are sent together
 * (node-redis pipelines commands issued in the same tick).
 */
export class LiveStateWriter {
  private readonly now: Clock;
  private readonly keyPrefix: string | undefined;

  constructor(
    private readonly cache: CacheStore,
    options: LiveStateOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.keyPrefix = options.keyPrefix;
  }

  /**
   * Replaces a tenant's live state with what its stored events make of it. A GDPR erase calls it: a HyperLogLog
   * cannot forget one visitor, so the sets and the days' counters are deleted and recorded again from PostgreSQL.
   * A batch the processor records between the caller's read and this call may be missed (best effort, like every
   * live write).
   */
  async rebuild(tenantId: string, rebuild: LiveStateRebuild): Promise<void> {
    const keys = liveStateKeys(tenantId, this.keyPrefix);
    await this.cache.del(
      keys.activeUsers,
      keys.activeSessions,
      ...rebuild.localDates.flatMap((date) => [keys.dayCounters(date), keys.dayRevenue(date), keys.dayVisitors(date), keys.dayBuyers(date)]),
    );
    await this.record(tenantId, rebuild.events);
  }

  async record(tenantId: string, events: readonly LiveStateEvent[]): Promise<void> {
    if (events.length === 0) return;
    const now = this.now();
    const keys = liveStateKeys(tenantId, this.keyPrefix);
    const users = new Map<string, number>();
    const sessions = new Map<string, number>();
    const days = new Map<string, DayTotals>();

    for (const event of events) {
      const at = event.occurredAt.getTime();
      // A clock ahead of ours must not keep someone "active" for longer than they were.
      const seenAt = Math.min(at, now);
      if (seenAt >= now - ACTIVE_USER_WINDOWS_MS.long) {
        if (event.userKey !== null) users.set(event.userKey, Math.max(users.get(event.userKey) ?? 0, seenAt));
        if (event.sessionId !== null) sessions.set(event.sessionId, Math.max(sessions.get(event.sessionId) ?? 0, seenAt));
      }
      if (at < now - DAY_COUNTER_HORIZON_MS) continue;
      let day = days.get(event.localDate);
      if (day === undefined) {
        day = { events: 0, orders: 0, revenue: 0, visitors: new Set(), buyers: new Set() };
        days.set(event.localDate, day);
      }
      day.events += 1;
      if (event.userKey !== null) day.visitors.add(event.userKey);
      if (event.order !== undefined) {
        day.orders += 1;
        day.revenue += event.order.revenue ?? 0;
        if (event.userKey !== null) day.buyers.add(event.userKey);
      }
    }

    const commands: Array<Promise<unknown>> = [];
    if (users.size > 0) {
      commands.push(this.cache.zRaise(keys.activeUsers, toEntries(users)));
      commands.push(this.cache.zRemRangeByScore(keys.activeUsers, -Infinity, now - ACTIVE_USER_WINDOWS_MS.long - 1));
      commands.push(this.cache.expire(keys.activeUsers, SLIDING_WINDOW_TTL_SECONDS));
    }
    if (sessions.size > 0) {
      commands.push(this.cache.zRaise(keys.activeSessions, toEntries(sessions)));
      commands.push(this.cache.zRemRangeByScore(keys.activeSessions, -Infinity, now - SESSION_INACTIVITY_MS - 1));
      commands.push(this.cache.expire(keys.activeSessions, SLIDING_WINDOW_TTL_SECONDS));
    }
    for (const [localDate, day] of days) {
      const counters = keys.dayCounters(localDate);
      commands.push(this.cache.hIncrBy(counters, 'events', day.events));
      if (day.orders > 0) commands.push(this.cache.hIncrBy(counters, 'orders', day.orders));
      commands.push(this.cache.expire(counters, DAY_COUNTER_TTL_SECONDS));
      if (day.revenue !== 0) {
        commands.push(this.cache.incrByFloat(keys.dayRevenue(localDate), day.revenue));
        commands.push(this.cache.expire(keys.dayRevenue(localDate), DAY_COUNTER_TTL_SECONDS));
      }
      if (day.visitors.size > 0) {
        commands.push(this.cache.pfAdd(keys.dayVisitors(localDate), [...day.visitors]));
        commands.push(this.cache.expire(keys.dayVisitors(localDate), DAY_COUNTER_TTL_SECONDS));
      }
      if (day.buyers.size > 0) {
        commands.push(this.cache.pfAdd(keys.dayBuyers(localDate), [...day.buyers]));
        commands.push(this.cache.expire(keys.dayBuyers(localDate), DAY_COUNTER_TTL_SECONDS));
      }
    }
    // All settle before we report: a failure must not leave commands running behind the caller's back.
    const results = await Promise.allSettled(commands);
    const failure = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failure) throw failure.reason;
  }
}

export interface LiveStateRebuild {
  /** Tenant-local dates whose day counters are replaced: every date the live horizon (48 h) touches. */
  localDates: readonly string[];
  /** Every stored event of the tenant since the horizon's start. */
  events: readonly LiveStateEvent[];
}

function toEntries(scores: Map<string, number>): Array<{ score: number; member: string }> {
  return [...scores].map(([member, score]) => ({ member, score }));
}

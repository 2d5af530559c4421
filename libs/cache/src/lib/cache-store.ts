import type { HealthIndicator } from '@pulse/observability';

/**
 * The live-state store: Redis in production, memory in the embedded mode.
 * Only the operations Pulse needs, with Redis semantics on both adapters.
 */
export interface CacheStore {
  get(key: string): Promise<string | null>;
  set(key: string, value: string, options?: { ttlSeconds?: number }): Promise<void>;
  del(...keys: string[]): Promise<number>;
  incrBy(key: string, by: number): Promise<number>;
  incrByFloat(key: string, by: number): Promise<number>;
  expire(key: string, ttlSeconds: number): Promise<void>;
  /** HyperLogLog: approximate unique counts. */
  pfAdd(key: string, members: string[]): Promise<void>;
  pfCount(...keys: string[]): Promise<number>;
  /** Sorted sets: members scored by time, for sliding windows (active users in the last N minutes). */
  zAdd(key: string, entries: Array<{ score: number; member: string }>): Promise<void>;
  /** Like zAdd, but a member's score only ever goes up (Redis `ZADD … GT`): late, older entries never lower it. */
  zRaise(key: string, entries: Array<{ score: number; member: string }>): Promise<void>;
  zCount(key: string, min: number, max: number): Promise<number>;
  zRemRangeByScore(key: string, min: number, max: number): Promise<number>;
  hIncrBy(key: string, field: string, by: number): Promise<number>;
  hGetAll(key: string): Promise<Record<string, string>>;
  /**
   * Pub/sub with Redis semantics: a message reaches the subscribers listening at that moment, at most once, and is
   * lost for one that is disconnected. For notices whose loss something else bounds (a cache TTL), not for data.
   */
  publish(channel: string, message: string): Promise<void>;
  /** Calls `listener` with each message published on `channel` from now on; the answer unsubscribes it. */
  subscribe(channel: string, listener: (message: string) => void): Promise<() => Promise<void>>;
  readonly health: HealthIndicator;
  close(): Promise<void>;
}

/** Nest injection token for the CacheStore. */
export const CACHE_STORE = Symbol('CACHE_STORE');

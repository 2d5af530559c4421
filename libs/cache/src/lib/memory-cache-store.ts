import type { HealthIndicator } from '@pulse/observability';
import type { CacheStore } from './cache-store';

export interface MemoryCacheStoreOptions {
  /** Milliseconds since epoch; tests pass a fake clock to make TTLs expire without waiting. */
  now?: () => number;
}

type Value =
  | { kind: 'string'; value: string }
  | { kind: 'hash'; fields: Map<string, string> }
  | { kind: 'sorted-set'; scores: Map<string, number> }
  // Redis keeps HyperLogLogs in strings; here an exact set stands in for the estimate.
  | { kind: 'hyperloglog'; members: Set<string> };

interface Slot {
  value: Value;
  expiresAt?: number;
}

// Redis's own error texts, so callers handling errors see the same messages on both adapters.
const WRONG_TYPE = 'WRONGTYPE Operation against a key holding the wrong kind of value';
const NOT_AN_INTEGER = 'ERR value is not an integer or out of range';
const NOT_A_FLOAT = 'ERR value is not a valid float';
const HASH_NOT_AN_INTEGER = 'ERR hash value is not an integer';
const WOULD_OVERFLOW = 'ERR increment or decrement would overflow';

/** How often (in clock time) a write sweeps keys whose TTL has passed, so unread keys do not pile up. */
const SWEEP_INTERVAL_MS = 1000;

/**
 * The cache of the embedded mode: Redis semantics in a Map. Expiry is lazy (checked on access) plus a sweep
 * piggybacked on writes, so no timer is ever left running.
 */
export class MemoryCacheStore implements CacheStore {
  readonly health: HealthIndicator = { name: 'cache', check: async () => undefined };

  readonly #slots = new Map<string, Slot>();
  readonly #channels = new Map<string, Set<(message: string) => void>>();
  readonly #now: () => number;
  #lastSweep: number;

  constructor(options: MemoryCacheStoreOptions = {}) {
    this.#now = options.now ?? Date.now;
    this.#lastSweep = this.#now();
  }

  /** Keys held, including expired ones not yet swept. */
  get keyCount(): number {
    return this.#slots.size;
  }

  async get(key: string): Promise<string | null> {
    const value = this.#read(key);
    if (!value) return null;
    return this.#expect(value, 'string').value;
  }

  async set(key: string, value: string, options: { ttlSeconds?: number } = {}): Promise<void> {
    const { ttlSeconds } = options;
    if (ttlSeconds !== undefined && !(Number.isInteger(ttlSeconds) && ttlSeconds > 0)) {
      throw new Error("ERR invalid expire time in 'set' command");
    }
    this.#sweepIfDue();
    // Like Redis SET without KEEPTTL: a new value drops the old TTL.
    this.#slots.set(key, {
      value: { kind: 'string', value },
      expiresAt: ttlSeconds === undefined ? undefined : this.#now() + ttlSeconds * 1000,
    });
  }

  async del(...keys: string[]): Promise<number> {
    let deleted = 0;
    for (const key of new Set(keys)) {
      if (this.#read(key)) {
        this.#slots.delete(key);
        deleted += 1;
      }
    }
    return deleted;
  }

  async incrBy(key: string, by: number): Promise<number> {
    if (!Number.isSafeInteger(by)) throw new Error(NOT_AN_INTEGER);
    const current = this.#stringOrCreate(key);
    const next = parseInteger(current.value, NOT_AN_INTEGER) + by;
    if (!Number.isSafeInteger(next)) throw new Error(WOULD_OVERFLOW);
    current.value = String(next);
    return next;
  }

  async incrByFloat(key: string, by: number): Promise<number> {
    if (!Number.isFinite(by)) throw new Error(NOT_A_FLOAT);
    const current = this.#stringOrCreate(key);
    const next = parseFloatValue(current.value) + by;
    if (!Number.isFinite(next)) throw new Error('ERR increment would produce NaN or Infinity');
    current.value = String(next);
    return next;
  }

  async expire(key: string, ttlSeconds: number): Promise<void> {
    if (!Number.isInteger(ttlSeconds)) throw new Error(NOT_AN_INTEGER);
    this.#sweepIfDue();
    const slot = this.#slot(key);
    if (!slot) return;
    // Redis deletes a key given a TTL of zero or less.
    if (ttlSeconds <= 0) this.#slots.delete(key);
    else slot.expiresAt = this.#now() + ttlSeconds * 1000;
  }

  async pfAdd(key: string, members: string[]): Promise<void> {
    const value = this.#readOrCreate(key, () => ({ kind: 'hyperloglog', members: new Set<string>() }));
    const { members: set } = this.#expect(value, 'hyperloglog');
    for (const member of members) set.add(member);
  }

  async pfCount(...keys: string[]): Promise<number> {
    const union = new Set<string>();
    for (const key of keys) {
      const value = this.#read(key);
      if (value) for (const member of this.#expect(value, 'hyperloglog').members) union.add(member);
    }
    return union.size;
  }

  async zAdd(key: string, entries: Array<{ score: number; member: string }>): Promise<void> {
    if (entries.length === 0) return;
    if (entries.some((entry) => Number.isNaN(entry.score))) throw new Error(NOT_A_FLOAT);
    const value = this.#readOrCreate(key, () => ({ kind: 'sorted-set', scores: new Map<string, number>() }));
    const { scores } = this.#expect(value, 'sorted-set');
    for (const { score, member } of entries) scores.set(member, score);
  }

  async zRaise(key: string, entries: Array<{ score: number; member: string }>): Promise<void> {
    if (entries.length === 0) return;
    if (entries.some((entry) => Number.isNaN(entry.score))) throw new Error(NOT_A_FLOAT);
    const value = this.#readOrCreate(key, () => ({ kind: 'sorted-set', scores: new Map<string, number>() }));
    const { scores } = this.#expect(value, 'sorted-set');
    for (const { score, member } of entries) {
      const current = scores.get(member);
      if (current === undefined || score > current) scores.set(member, score);
    }
  }

  async zCount(key: string, min: number, max: number): Promise<number> {
    const value = this.#read(key);
    if (!value) return 0;
    let count = 0;
    for (const score of this.#expect(value, 'sorted-set').scores.values()) {
      if (score >= min && score <= max) count += 1;
    }
    return count;
  }

  async zRemRangeByScore(key: string, min: number, max: number): Promise<number> {
    const value = this.#read(key);
    if (!value) return 0;
    const { scores } = this.#expect(value, 'sorted-set');
    let removed = 0;
    for (const [member, score] of scores) {
      if (score >= min && score <= max) {
        scores.delete(member);
        removed += 1;
      }
    }
    // Redis deletes a sorted set once it is empty.
    if (scores.size === 0) this.#slots.delete(key);
    return removed;
  }

  async hIncrBy(key: string, field: string, by: number): Promise<number> {
    if (!Number.isSafeInteger(by)) throw new Error(NOT_AN_INTEGER);
    const value = this.#readOrCreate(key, () => ({ kind: 'hash', fields: new Map<string, string>() }));
    const { fields } = this.#expect(value, 'hash');
    const next = parseInteger(fields.get(field) ?? '0', HASH_NOT_AN_INTEGER) + by;
    if (!Number.isSafeInteger(next)) throw new Error(WOULD_OVERFLOW);
    fields.set(field, String(next));
    return next;
  }

  async hGetAll(key: string): Promise<Record<string, string>> {
    const value = this.#read(key);
    if (!value) return {};
    return Object.fromEntries(this.#expect(value, 'hash').fields);
  }

  async publish(channel: string, message: string): Promise<void> {
    // Delivered after the publisher's turn, as Redis delivers over the network: never inside `publish`.
    for (const listener of [...(this.#channels.get(channel) ?? [])]) queueMicrotask(() => listener(message));
  }

  async subscribe(channel: string, listener: (message: string) => void): Promise<() => Promise<void>> {
    // A wrapper per subscription, so subscribing the same function twice gives two independent subscriptions.
    const subscription = (message: string) => listener(message);
    const listeners = this.#channels.get(channel) ?? new Set();
    listeners.add(subscription);
    this.#channels.set(channel, listeners);
    return async () => {
      listeners.delete(subscription);
    };
  }

  async close(): Promise<void> {
    this.#slots.clear();
    this.#channels.clear();
  }

  /** The live slot of `key`, dropping it first if its TTL has passed. */
  #slot(key: string): Slot | undefined {
    const slot = this.#slots.get(key);
    if (slot?.expiresAt !== undefined && slot.expiresAt <= this.#now()) {
      this.#slots.delete(key);
      return undefined;
    }
    return slot;
  }

  #read(key: string): Value | undefined {
    return this.#slot(key)?.value;
  }

  #readOrCreate(key: string, create: () => Value): Value {
    this.#sweepIfDue();
    const existing = this.#read(key);
    if (existing) return existing;
    const value = create();
    this.#slots.set(key, { value });
    return value;
  }

  #stringOrCreate(key: string): { kind: 'string'; value: string } {
    return this.#expect(
      this.#readOrCreate(key, () => ({ kind: 'string', value: '0' })),
      'string',
    );
  }

  #expect<K extends Value['kind']>(value: Value, kind: K): Extract<Value, { kind: K }> {
    if (value.kind !== kind) throw new Error(WRONG_TYPE);
    return value as Extract<Value, { kind: K }>;
  }

  #sweepIfDue(): void {
    const now = this.#now();
    if (now - this.#lastSweep < SWEEP_INTERVAL_MS) return;
    this.#lastSweep = now;
    for (const [key, slot] of this.#slots) {
      if (slot.expiresAt !== undefined && slot.expiresAt <= now) this.#slots.delete(key);
    }
  }
}

function parseInteger(text: string, error: string): number {
  // Redis's rules: optional minus sign, no leading zeros, no spaces, fits in 64 bits (here: 53).
  if (!/^(?:0|-?[1-9]\d*)$/.test(text)) throw new Error(error);
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new Error(error);
  return value;
}

function parseFloatValue(text: string): number {
  const value = text.trim() === text && text !== '' ? Number(text) : Number.NaN;
  if (!Number.isFinite(value)) throw new Error(NOT_A_FLOAT);
  return value;
}

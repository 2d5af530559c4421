/** A tenant's allowance: a sustained rate and a burst on top of it (a token bucket). */
export interface RateLimit {
  /** Events per second a tenant may send on average; 0 turns limiting off. */
  eventsPerSecond: number;
  /** Events a tenant may send at once after being quiet (the bucket's size). */
  burst: number;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** What a bucket remembers: its tokens (negative after a batch larger than the burst) as of `updatedAtMs`. */
export interface TokenBucket {
  tokens: number;
  updatedAtMs: number;
}

/**
 * One request against a bucket: refill by the time elapsed since the bucket was last touched (never above the
 * burst; a missing bucket is full), then take the request's events, all or nothing. A request larger than the
 * burst passes from a full bucket and leaves it in debt, so a big batch is slowed, never refused forever.
 * The bucket's time never goes back: a replica whose clock is behind the one that touched the bucket last gets
 * no refill until it catches up, instead of the same seconds being refilled twice.
 *
 * `token-bucket-script.ts` does exactly this arithmetic in Lua, step for step, so Redis and memory agree.
 */
export function takeFromBucket(
  bucket: TokenBucket | undefined,
  events: number,
  limit: RateLimit,
  nowMs: number,
): { bucket: TokenBucket; decision: RateDecision } {
  const { eventsPerSecond, burst } = limit;
  let tokens = burst;
  let updatedAtMs = nowMs;
  if (bucket !== undefined) {
    const elapsedMs = Math.max(0, nowMs - bucket.updatedAtMs);
    tokens = Math.min(burst, bucket.tokens + (elapsedMs / 1000) * eventsPerSecond);
    updatedAtMs = Math.max(bucket.updatedAtMs, nowMs);
  }
  const needed = Math.min(events, burst);
  if (tokens >= needed) return { bucket: { tokens: tokens - events, updatedAtMs }, decision: { allowed: true } };
  return {
    bucket: { tokens, updatedAtMs },
    decision: { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((needed - tokens) / eventsPerSecond)) },
  };
}

/** Milliseconds until a bucket left with `tokens` is full again: after that, forgetting it changes nothing. */
export function msUntilFull(tokens: number, limit: RateLimit): number {
  return Math.max(0, Math.ceil(((limit.burst - tokens) / limit.eventsPerSecond) * 1000));
}

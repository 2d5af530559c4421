/** A tenant's allowance: a sustained rate and a burst on top of it (a token bucket). */
export interface RateLimit {
  /** Events per second a tenant may send on average; 0 turns limiting off. */
  eventsPerSecond: number;
  /** Events a tenant may send at once after being quiet (the bucket's size). */
  burst: number;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  updatedAtMs: number;
}

/** Buckets idle this long are full again and can be forgotten (keeps memory bounded by active tenants). */
const IDLE_BUCKET_MS = 60_000;
const SWEEP_EVERY_CALLS = 10_000;

/**
 * Per-tenant token buckets, one per ingestion replica (no shared state: a limit of N events/s per replica
 * means N × replicas for the deployment; see the README). A request is all or nothing: its events are
 * taken together, so a batch is never half accepted because of the limit. A request larger than the
 * burst passes when the bucket is full and leaves it in debt, so a big batch is slowed, never refused forever.
 */
export class TenantRateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private calls = 0;

  constructor(private readonly limit: RateLimit) {}

  take(tenantId: string, events: number, nowMs: number): RateDecision {
    const { eventsPerSecond, burst } = this.limit;
    if (eventsPerSecond <= 0) return { allowed: true };
    this.sweep(nowMs);
    const bucket = this.refilled(tenantId, nowMs);
    const needed = Math.min(events, burst);
    if (bucket.tokens >= needed) {
      bucket.tokens -= events;
      return { allowed: true };
    }
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((needed - bucket.tokens) / eventsPerSecond)) };
  }

  private refilled(tenantId: string, nowMs: number): Bucket {
    const { eventsPerSecond, burst } = this.limit;
    let bucket = this.buckets.get(tenantId);
    if (bucket === undefined) {
      bucket = { tokens: burst, updatedAtMs: nowMs };
      this.buckets.set(tenantId, bucket);
      return bucket;
    }
    const elapsedMs = Math.max(0, nowMs - bucket.updatedAtMs);
    bucket.tokens = Math.min(burst, bucket.tokens + (elapsedMs / 1000) * eventsPerSecond);
    bucket.updatedAtMs = nowMs;
    return bucket;
  }

  private sweep(nowMs: number): void {
    if (++this.calls % SWEEP_EVERY_CALLS !== 0) return;
    for (const [tenantId, bucket] of this.buckets) {
      if (nowMs - bucket.updatedAtMs > IDLE_BUCKET_MS) this.buckets.delete(tenantId);
    }
  }

  /** Tenants with a bucket in memory (for tests and metrics). */
  get trackedTenants(): number {
    return this.buckets.size;
  }
}

/** A request refused by its tenant's rate limit: 429 with Retry-After, nothing published. */
export class TenantRateLimitedError extends Error {
  override readonly name = 'TenantRateLimitedError';

  constructor(
    readonly limit: RateLimit,
    readonly retryAfterSeconds: number,
  ) {
    super(
      `rate limit exceeded: this project may send ${limit.eventsPerSecond} events per second (bursts up to ${limit.burst}); ` +
        `nothing from this request was accepted, retry after ${retryAfterSeconds} s`,
    );
  }
}

import { msUntilFull, takeFromBucket, type RateDecision, type RateLimit, type TokenBucket } from './token-bucket';

export type { RateDecision, RateLimit } from './token-bucket';

/** Buckets idle this long, and full again by now, are forgotten (keeps memory bounded by active tenants). */
const IDLE_BUCKET_MS = 60_000;
const SWEEP_EVERY_CALLS = 10_000;

/**
 * Per-tenant token buckets in this process's memory: the limit of the embedded start (one process), and of a
 * replica whose shared buckets in Redis are out of reach (then N events/s per replica means N × replicas for the
 * deployment; see `shared-tenant-rate-limiter.ts`). A request is all or nothing: its events are
 * taken together, so a batch is never half accepted because of the limit. A request larger than the
 * burst passes when the bucket is full and leaves it in debt, so a big batch is slowed, never refused forever.
 */
export class TenantRateLimiter {
  private readonly buckets = new Map<string, TokenBucket>();
  private calls = 0;

  constructor(private readonly limit: RateLimit) {}

  take(tenantId: string, events: number, nowMs: number): RateDecision {
    if (this.limit.eventsPerSecond <= 0) return { allowed: true };
    this.sweep(nowMs);
    const { bucket, decision } = takeFromBucket(this.buckets.get(tenantId), events, this.limit, nowMs);
    this.buckets.set(tenantId, bucket);
    return decision;
  }

  private sweep(nowMs: number): void {
    if (++this.calls % SWEEP_EVERY_CALLS !== 0) return;
    for (const [tenantId, bucket] of this.buckets) {
      const idleMs = nowMs - bucket.updatedAtMs;
      if (idleMs > IDLE_BUCKET_MS && idleMs >= msUntilFull(bucket.tokens, this.limit)) this.buckets.delete(tenantId);
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

import type { ScriptRunner } from '@pulse/cache';
import type { RateDecision, RateLimit, TokenBucket } from './token-bucket';
import { TOKEN_BUCKET_SCRIPT } from './token-bucket-script';

/** Where the shared buckets live unless told otherwise, beside the live state's `pulse:live`. */
export const DEFAULT_RATE_LIMIT_KEY_PREFIX = 'pulse:rate-limit';

/**
 * The tenants' token buckets in Redis, shared by every replica: one script call per request refills and takes
 * atomically. The tenant id is in braces (a Redis Cluster hash tag), as in the live state's keys.
 */
export class RedisTokenBuckets {
  constructor(
    private readonly redis: ScriptRunner,
    private readonly limit: RateLimit,
    private readonly keyPrefix = DEFAULT_RATE_LIMIT_KEY_PREFIX,
  ) {}

  keyOf(tenantId: string): string {
    return `${this.keyPrefix}:{${tenantId}}`;
  }

  /** @throws whatever Redis answered, or failed to (the caller decides what a missing answer means). */
  async take(tenantId: string, events: number, nowMs: number): Promise<{ bucket: TokenBucket; decision: RateDecision }> {
    const { eventsPerSecond, burst } = this.limit;
    const reply = await this.redis.runScript(
      TOKEN_BUCKET_SCRIPT,
      [this.keyOf(tenantId)],
      [String(nowMs), String(events), String(eventsPerSecond), String(burst)],
    );
    if (!Array.isArray(reply) || reply.length !== 4) throw new Error(`the token bucket script answered ${JSON.stringify(reply)}`);
    const [allowed, retryAfterSeconds, tokens, updatedAtMs] = reply;
    const bucket = { tokens: Number(tokens), updatedAtMs: Number(updatedAtMs) };
    return { bucket, decision: allowed === 1 ? { allowed: true } : { allowed: false, retryAfterSeconds: Number(retryAfterSeconds) } };
  }
}

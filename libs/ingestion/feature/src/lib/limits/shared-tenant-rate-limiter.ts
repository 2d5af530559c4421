import { Logger } from '@nestjs/common';
import type { ScriptRunner } from '@pulse/cache';
import type { HealthIndicator } from '@pulse/observability';
import type { IngestionMetrics } from '../metrics/ingestion-metrics';
import type { RateLimiter } from './rate-limiter';
import { RedisTokenBuckets } from './redis-token-buckets';
import { TenantRateLimiter } from './tenant-rate-limiter';
import type { RateDecision, RateLimit } from './token-bucket';

export interface SharedRateLimitOptions {
  /** Prefix of the buckets' keys (default `pulse:rate-limit`); tests use their own to stay apart. */
  keyPrefix?: string;
  /** How long a request waits for Redis before this replica decides alone (default 250 ms). */
  redisTimeoutMs?: number;
  /** While Redis is unreachable, how often a request tries it again (default every 1,000 ms; the others do not wait). */
  retryIntervalMs?: number;
  /** The clock buckets refill by, in ms (default: each request's receive time); tests hold it still. */
  now?: () => number;
}

/** Nest token for `SharedRateLimitOptions` (optional: the defaults apply without it). */
export const SHARED_RATE_LIMIT_OPTIONS = Symbol('SHARED_RATE_LIMIT_OPTIONS');

const DEFAULT_REDIS_TIMEOUT_MS = 250;
const DEFAULT_RETRY_INTERVAL_MS = 1_000;

/**
 * One limit per tenant for the whole deployment: every replica takes from the tenant's bucket in Redis. When
 * Redis does not answer (down, unreachable, too slow), this replica limits on its own with the same rate and
 * burst (`TenantRateLimiter`): never everything refused, never anything unlimited; the deployment then allows
 * up to the limit × replicas. It says so in `/ready` (`sharedRateLimit: degraded: …`, still ready: ingestion
 * works) and in `pulse_ingestion_rate_limit_shared`, and tries Redis again every `retryIntervalMs`, going back
 * to the shared buckets as soon as one request gets an answer.
 */
export class SharedTenantRateLimiter implements RateLimiter {
  readonly health: HealthIndicator = {
    name: 'sharedRateLimit',
    degradable: true,
    check: async () => {
      if (this.#problem !== undefined) throw new Error(`${this.#problem}; each replica limits tenants on its own until Redis answers again`);
    },
  };

  readonly #buckets: RedisTokenBuckets;
  readonly #local: TenantRateLimiter;
  readonly #logger = new Logger('SharedTenantRateLimiter');
  readonly #timeoutMs: number;
  readonly #retryIntervalMs: number;
  readonly #now: (() => number) | undefined;
  /** Why the shared buckets are out of reach; undefined while they are in use. */
  #problem: string | undefined;
  #nextAttemptAt = 0;

  constructor(
    redis: ScriptRunner,
    limit: RateLimit,
    private readonly metrics: IngestionMetrics,
    options: SharedRateLimitOptions = {},
  ) {
    this.#buckets = new RedisTokenBuckets(redis, limit, options.keyPrefix);
    this.#local = new TenantRateLimiter(limit);
    this.#timeoutMs = options.redisTimeoutMs ?? DEFAULT_REDIS_TIMEOUT_MS;
    this.#retryIntervalMs = options.retryIntervalMs ?? DEFAULT_RETRY_INTERVAL_MS;
    this.#now = options.now;
    metrics.rateLimitSharing(true);
  }

  /** True while the tenants' buckets in Redis decide. */
  get shared(): boolean {
    return this.#problem === undefined;
  }

  async take(tenantId: string, events: number, receivedAtMs: number): Promise<RateDecision> {
    const nowMs = this.#now?.() ?? receivedAtMs;
    if (this.#shouldAskRedis()) {
      try {
        const { decision } = await this.#withTimeout(this.#buckets.take(tenantId, events, nowMs));
        this.#reached();
        return decision;
      } catch (error) {
        this.#unreachable(error);
      }
    }
    const decision = this.#local.take(tenantId, events, nowMs);
    this.metrics.rateLimitFallbackDecision(decision.allowed);
    return decision;
  }

  /** Always while shared; while not, one request per retry interval (the others do not wait for a dead Redis). */
  #shouldAskRedis(): boolean {
    if (this.#problem === undefined) return true;
    const monotonicNow = performance.now();
    if (monotonicNow < this.#nextAttemptAt) return false;
    this.#nextAttemptAt = monotonicNow + this.#retryIntervalMs;
    return true;
  }

  #reached(): void {
    if (this.#problem === undefined) return;
    this.#problem = undefined;
    this.metrics.rateLimitSharing(true);
    this.#logger.log("Redis answers again: tenants' rate limits are shared by the replicas again");
  }

  #unreachable(error: unknown): void {
    const first = this.#problem === undefined;
    this.#problem = `Redis is unreachable (${messageOf(error)})`;
    this.#nextAttemptAt = performance.now() + this.#retryIntervalMs;
    if (!first) return;
    this.metrics.rateLimitSharing(false);
    this.#logger.warn(`${this.#problem}: this replica limits tenants on its own (the same rate and burst per replica) until it answers`);
  }

  async #withTimeout<T>(work: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${this.#timeoutMs} ms`)), this.#timeoutMs);
    });
    try {
      return await Promise.race([work, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** Not `instanceof Error`: socket errors come from Node's realm, which differs from Jest's sandbox. */
function messageOf(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  const text = typeof message === 'string' ? message : String(error);
  return text.trim() || 'unknown error';
}

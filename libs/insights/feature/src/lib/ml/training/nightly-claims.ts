import { Inject, Injectable } from '@nestjs/common';
import { CACHE_STORE, type CacheStore } from '@pulse/cache';

/** Long enough to outlive the day it names in any time zone; short enough that old keys go. */
const CLAIM_TTL_SECONDS = 3 * 86_400;

/**
 * "Who trains tenant T's churn model for local day D": the first replica to increment the shared counter
 * (Redis INCR, atomic; the memory cache alike on the embedded start) gets 1 and trains; every other gets more and
 * skips. One key per (kind, tenant, day), so a claim never blocks the next night. If the cache is flushed the
 * worst case is a second training that day, which replaces the served model only if it validates better.
 */
@Injectable()
export class NightlyClaims {
  constructor(@Inject(CACHE_STORE) private readonly cache: CacheStore) {}

  async claim(kind: string, tenantId: string, localDay: string): Promise<boolean> {
    const key = `ml:nightly:${kind}:${tenantId}:${localDay}`;
    const count = await this.cache.incrBy(key, 1);
    await this.cache.expire(key, CLAIM_TTL_SECONDS);
    return count === 1;
  }
}

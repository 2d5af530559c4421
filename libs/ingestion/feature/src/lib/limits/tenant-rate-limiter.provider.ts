import type { FactoryProvider } from '@nestjs/common';
import { CACHE_STORE, canRunScripts, type CacheStore } from '@pulse/cache';
import { ServiceReadiness } from '@pulse/observability';
import { IngestionMetrics } from '../metrics/ingestion-metrics';
import { INGESTION_LIMITS, type IngestionLimits } from './ingestion-limits';
import { TENANT_RATE_LIMITER, type RateLimiter } from './rate-limiter';
import { SHARED_RATE_LIMIT_OPTIONS, SharedTenantRateLimiter, type SharedRateLimitOptions } from './shared-tenant-rate-limiter';
import { TenantRateLimiter } from './tenant-rate-limiter';

/**
 * The one place the limiter is chosen: shared through Redis when the platform's cache is Redis (the distributed
 * services, `REDIS_URL`), this process's own when it is memory (the embedded start) or limiting is off.
 */
export function chooseTenantRateLimiter(
  limits: IngestionLimits,
  cache: CacheStore,
  metrics: IngestionMetrics,
  readiness: ServiceReadiness,
  options: SharedRateLimitOptions = {},
): RateLimiter {
  if (limits.rateLimit.eventsPerSecond <= 0 || !canRunScripts(cache)) return new TenantRateLimiter(limits.rateLimit);
  const shared = new SharedTenantRateLimiter(cache, limits.rateLimit, metrics, options);
  readiness.add(shared.health);
  return shared;
}

export const TENANT_RATE_LIMITER_PROVIDER: FactoryProvider<RateLimiter> = {
  provide: TENANT_RATE_LIMITER,
  useFactory: chooseTenantRateLimiter,
  inject: [INGESTION_LIMITS, CACHE_STORE, IngestionMetrics, ServiceReadiness, { token: SHARED_RATE_LIMIT_OPTIONS, optional: true }],
};

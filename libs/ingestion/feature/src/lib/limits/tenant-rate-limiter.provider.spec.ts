import { MemoryCacheStore, type CacheStore, type ScriptRunner } from '@pulse/cache';
import { ServiceMetrics, ServiceReadiness } from '@pulse/observability';
import { IngestionMetrics } from '../metrics/ingestion-metrics';
import { loadIngestionLimits } from './ingestion-limits';
import { SharedTenantRateLimiter } from './shared-tenant-rate-limiter';
import { TenantRateLimiter } from './tenant-rate-limiter';
import { chooseTenantRateLimiter } from './tenant-rate-limiter.provider';

describe('chooseTenantRateLimiter', () => {
  const metrics = new IngestionMetrics(new ServiceMetrics('ingestion'));
  const memory = new MemoryCacheStore();
  // A cache that runs scripts is Redis to the chooser; nothing is run here.
  const redisLike = Object.assign(Object.create(memory) as CacheStore, { runScript: async () => [1, 0, '0', '0'] }) as CacheStore & ScriptRunner;

  it("keeps each process's own buckets on the embedded start's memory cache", () => {
    const readiness = new ServiceReadiness([]);
    expect(chooseTenantRateLimiter(loadIngestionLimits({}), memory, metrics, readiness)).toBeInstanceOf(TenantRateLimiter);
    expect(readiness.indicators).toEqual([]);
  });

  it('shares the buckets through Redis when the cache is Redis, and adds its check to /ready', () => {
    const readiness = new ServiceReadiness([]);
    const limiter = chooseTenantRateLimiter(loadIngestionLimits({}), redisLike, metrics, readiness);
    expect(limiter).toBeInstanceOf(SharedTenantRateLimiter);
    expect(readiness.indicators.map((indicator) => [indicator.name, indicator.degradable])).toEqual([['sharedRateLimit', true]]);
  });

  it('asks nothing of Redis when limiting is off', () => {
    const limiter = chooseTenantRateLimiter(
      loadIngestionLimits({ INGESTION_RATE_LIMIT_PER_SECOND: '0' }),
      redisLike,
      metrics,
      new ServiceReadiness([]),
    );
    expect(limiter).toBeInstanceOf(TenantRateLimiter);
  });
});

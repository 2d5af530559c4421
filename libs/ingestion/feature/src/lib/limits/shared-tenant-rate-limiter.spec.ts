import { Logger } from '@nestjs/common';
import type { CacheScript, ScriptRunner } from '@pulse/cache';
import { checkReadiness, ServiceMetrics } from '@pulse/observability';
import { IngestionMetrics } from '../metrics/ingestion-metrics';
import { SharedTenantRateLimiter } from './shared-tenant-rate-limiter';

/**
 * What the limiter does when Redis does not answer. Redis itself is not here: a script runner that fails or
 * hangs stands in for an unreachable one (the real script and a real outage: the integration specs).
 */
describe('SharedTenantRateLimiter when Redis does not answer', () => {
  const limit = { eventsPerSecond: 1, burst: 3 };
  const T0 = 1_000_000;
  let registry: ServiceMetrics;
  let metrics: IngestionMetrics;

  beforeEach(() => {
    registry = new ServiceMetrics('ingestion');
    metrics = new IngestionMetrics(registry);
    // The warnings are the point of an outage, not of this test's output.
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
  });

  afterEach(() => jest.restoreAllMocks());

  const refusing: ScriptRunner = { runScript: () => Promise.reject(new Error('The client is closed')) };
  const hanging: ScriptRunner = { runScript: () => new Promise(() => undefined) };
  const answering = (reply: unknown[]): ScriptRunner => ({ runScript: async (_script: CacheScript) => reply });

  async function series(name: string): Promise<string> {
    return (
      (await registry.registry.getSingleMetric(name)?.get())?.values.map((value) => `${JSON.stringify(value.labels)} ${value.value}`).join('\n') ?? ''
    );
  }

  it('limits on its own with the same rate and burst: the burst passes, then 429s, never all refused', async () => {
    const limiter = new SharedTenantRateLimiter(refusing, limit, metrics);

    const decisions = [];
    for (let i = 0; i < 5; i++) decisions.push(await limiter.take('a', 1, T0));

    expect(decisions).toEqual([
      { allowed: true },
      { allowed: true },
      { allowed: true },
      { allowed: false, retryAfterSeconds: 1 },
      { allowed: false, retryAfterSeconds: 1 },
    ]);
    expect(limiter.shared).toBe(false);
    expect(await series('pulse_ingestion_rate_limit_shared')).toBe('{} 0');
    expect(await series('pulse_ingestion_rate_limit_fallback_decisions_total')).toBe('{"decision":"allowed"} 3\n{"decision":"refused"} 2');
  });

  it('says it is degraded in /ready, and stays ready', async () => {
    const limiter = new SharedTenantRateLimiter(refusing, limit, metrics);
    expect(await checkReadiness([limiter.health], 100)).toEqual({ status: 'ready', checks: { sharedRateLimit: 'up' } });

    await limiter.take('a', 1, T0);

    expect(await checkReadiness([limiter.health], 100)).toEqual({
      status: 'ready',
      checks: {
        sharedRateLimit: 'degraded: Redis is unreachable (The client is closed); each replica limits tenants on its own until Redis answers again',
      },
    });
  });

  it('decides alone when Redis is too slow, and does not wait for it again until the retry interval passed', async () => {
    let calls = 0;
    const slow: ScriptRunner = { runScript: (...args) => (calls++, hanging.runScript(...args)) };
    const limiter = new SharedTenantRateLimiter(slow, limit, metrics, { redisTimeoutMs: 20, retryIntervalMs: 60_000 });

    expect(await limiter.take('a', 1, T0)).toEqual({ allowed: true });
    expect(await limiter.take('a', 1, T0)).toEqual({ allowed: true });

    expect(calls).toBe(1);
    expect(await checkReadiness([limiter.health], 100)).toMatchObject({
      checks: {
        sharedRateLimit: 'degraded: Redis is unreachable (no answer within 20 ms); each replica limits tenants on its own until Redis answers again',
      },
    });
  });

  it('goes back to the shared buckets with the first answer once Redis is back', async () => {
    let redis: ScriptRunner = refusing;
    const limiter = new SharedTenantRateLimiter({ runScript: (...args) => redis.runScript(...args) }, limit, metrics, { retryIntervalMs: 0 });
    await limiter.take('a', 1, T0);
    expect(limiter.shared).toBe(false);

    redis = answering([0, 7, '-4', String(T0)]);

    expect(await limiter.take('a', 1, T0)).toEqual({ allowed: false, retryAfterSeconds: 7 });
    expect(limiter.shared).toBe(true);
    expect(await series('pulse_ingestion_rate_limit_shared')).toBe('{} 1');
    expect(await checkReadiness([limiter.health], 100)).toEqual({ status: 'ready', checks: { sharedRateLimit: 'up' } });
  });
});

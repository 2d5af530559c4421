import { RedisCacheStore } from '@pulse/cache';
import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import { RedisTokenBuckets } from './redis-token-buckets';
import { takeFromBucket, type RateLimit, type TokenBucket } from './token-bucket';

const redisUrl = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';

/** The Lua script against the pure function, on a real Redis: same decisions, same tokens, same time. */
describe('RedisTokenBuckets (Redis at REDIS_URL)', () => {
  const keyPrefix = `pulse-ingestion-test-${randomBytes(6).toString('hex')}:rate-limit`;
  let redis: RedisCacheStore;

  beforeAll(async () => {
    redis = await RedisCacheStore.connect(redisUrl);
  });

  afterAll(async () => {
    const client = createClient({ url: redisUrl });
    await client.connect();
    const keys = await client.keys(`${keyPrefix}:*`);
    if (keys.length > 0) await client.del(keys);
    await client.close();
    await redis.close();
  });

  const T0 = 1_733_500_000_000;

  it('computes what takeFromBucket computes, request by request', async () => {
    const limit: RateLimit = { eventsPerSecond: 7, burst: 30 };
    const buckets = new RedisTokenBuckets(redis, limit, keyPrefix);
    // Fractional refills, an exact fit, refusals, a batch larger than the burst (debt), the clock going back.
    const requests: Array<[events: number, atMs: number]> = [
      [12, T0],
      [10, T0 + 1],
      [9, T0 + 133],
      [3, T0 + 500],
      [45, T0 + 60_000],
      [1, T0 + 61_000],
      [1, T0 + 60_500],
      [2, T0 + 63_333],
      [30, T0 + 70_001],
    ];
    let expected: TokenBucket | undefined;
    const seen: string[] = [];
    for (const [events, atMs] of requests) {
      const computed = takeFromBucket(expected, events, limit, atMs);
      expected = computed.bucket;
      const answered = await buckets.take('tenant-a', events, atMs);
      expect(answered).toEqual(computed);
      seen.push(answered.decision.allowed ? 'allowed' : `refused ${answered.decision.retryAfterSeconds} s`);
    }
    // By hand (7/s, burst 30): 30 → 18; +0.007 → 8.007; +0.924 = 8.931 < 9, refused (0.069 / 7 → 1 s); +2.569 → 8.5;
    // a minute later full, 45 from 30 → −15 (debt); +7 = −8, 1 event needs 9: 2 s; the clock back: no refill, 2 s;
    // +16.331 → 8.331, 2 taken; +46.676, capped at 30, all 30 taken.
    expect(seen).toEqual(['allowed', 'allowed', 'refused 1 s', 'allowed', 'allowed', 'refused 2 s', 'refused 2 s', 'allowed', 'allowed']);
    expect(expected).toEqual({ tokens: 0, updatedAtMs: T0 + 70_001 });
  });

  it('keeps tenants apart, each under its own hash-tagged key, which expires once the bucket would be full again', async () => {
    const buckets = new RedisTokenBuckets(redis, { eventsPerSecond: 10, burst: 20 }, keyPrefix);
    await buckets.take('tenant-b', 20, T0);
    expect((await buckets.take('tenant-b', 1, T0)).decision.allowed).toBe(false);
    expect((await buckets.take('tenant-c', 20, T0)).decision.allowed).toBe(true);

    expect(buckets.keyOf('tenant-b')).toBe(`${keyPrefix}:{tenant-b}`);
    const client = createClient({ url: redisUrl });
    await client.connect();
    try {
      // Empty: 2 s until full, plus a minute.
      const ttl = await client.pTTL(buckets.keyOf('tenant-b'));
      expect(ttl).toBeGreaterThan(60_000);
      expect(ttl).toBeLessThanOrEqual(62_000);
    } finally {
      await client.close();
    }
  });
});

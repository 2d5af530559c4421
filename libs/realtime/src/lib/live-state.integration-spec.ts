import { RedisCacheStore } from '@pulse/cache';
import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import { describeLiveState } from '../testing/live-state.behaviour';

const redisUrl = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';

describeLiveState('Redis', async () => {
  let cache: RedisCacheStore;
  try {
    cache = await RedisCacheStore.connect(redisUrl);
  } catch (error) {
    throw new Error(`The realtime integration tests need Redis at REDIS_URL: ${(error as Error).message}`);
  }
  const keyPrefix = `pulse-test-${randomBytes(6).toString('hex')}`;
  return {
    cache,
    keyPrefix,
    dispose: async () => {
      await cache.close();
      // The CacheStore has no key scan: a plain client removes this run's keys.
      const client = createClient({ url: redisUrl });
      await client.connect();
      const keys = await client.keys(`${keyPrefix}:*`);
      if (keys.length > 0) await client.del(keys);
      await client.close();
    },
  };
});

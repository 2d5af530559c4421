import { describeCacheStoreContract } from '../testing/cache-store.contract';
import { randomBytes } from 'node:crypto';
import { CacheScript, canRunScripts } from './cache-script';
import { MemoryCacheStore } from './memory-cache-store';
import { RedisCacheStore } from './redis-cache-store';

const redisUrl = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';

/** Fails (never skips) when Redis is down, saying how to fix it. */
async function connectToTestRedis(): Promise<RedisCacheStore> {
  try {
    return await RedisCacheStore.connect(redisUrl);
  } catch (error) {
    throw new Error(
      `The cache integration tests need Redis 7: ${(error as Error).message}. ` +
        'Start one (docker run -p 6379:6379 redis:7) or point REDIS_URL at yours.',
    );
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describeCacheStoreContract('RedisCacheStore', async () => ({ store: await connectToTestRedis(), letTimePass: sleep }));

describe('RedisCacheStore', () => {
  it('refuses to start when Redis is unreachable, naming host and port but not the password', async () => {
    const attempt = RedisCacheStore.connect('redis://:s3cret-password@127.0.0.1:1', { connectAttempts: 1 });

    await expect(attempt).rejects.toThrow(/^Redis is not reachable at 127\.0\.0\.1:1: connect ECONNREFUSED/);
    await expect(attempt).rejects.not.toThrow(/s3cret/);
  });

  it('reports the cache down once the connection is closed, and closes only once', async () => {
    const store = await connectToTestRedis();
    await store.close();

    await expect(store.health.check()).rejects.toThrow('Redis client is closed');
    await expect(store.close()).resolves.toBeUndefined();
  });
});

describe('RedisCacheStore scripts', () => {
  // A script no other run has loaded (its text differs), so the first EVALSHA meets NOSCRIPT.
  const run = randomBytes(6).toString('hex');
  const script = new CacheScript(`-- ${run}\nreturn { redis.call('INCRBY', KEYS[1], ARGV[1]), ARGV[2] }`);
  const key = `pulse-cache-test-${run}:counter`;
  let store: RedisCacheStore;

  beforeAll(async () => {
    store = await connectToTestRedis();
  });

  afterAll(async () => {
    await store.del(key);
    await store.close();
  });

  it('runs a script Redis does not know yet (EVAL after NOSCRIPT), then by its SHA-1', async () => {
    expect(await store.runScript(script, [key], ['2', 'first'])).toEqual([2, 'first']);
    expect(await store.runScript(script, [key], ['3', 'second'])).toEqual([5, 'second']);
  });

  it('lets a script error through', async () => {
    await expect(store.runScript(new CacheScript(`-- ${run}\nreturn redis.call('NOSUCHCOMMAND')`), [], [])).rejects.toThrow(/Unknown Redis command/i);
  });

  it('is the only adapter that runs scripts', async () => {
    expect(canRunScripts(store)).toBe(true);
    expect(canRunScripts(new MemoryCacheStore())).toBe(false);
  });
});

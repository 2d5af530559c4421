import { randomUUID } from 'node:crypto';
import type { CacheStore } from '../lib/cache-store';

export interface CacheStoreFixture {
  store: CacheStore;
  /** Lets `ms` of time pass for the store: a fake clock in memory, a real wait on Redis. */
  letTimePass(ms: number): Promise<void>;
}

/** Long enough for a 1-second Redis TTL to pass, with margin for a busy machine. */
const PAST_ONE_SECOND_MS = 1250;

/**
 * The behaviour every CacheStore adapter owes its callers, written once and run against each adapter
 * (MemoryCacheStore as a unit test, RedisCacheStore against a real Redis). Every key lives under a prefix
 * unique to the run and is deleted afterwards.
 */
export function describeCacheStoreContract(name: string, create: () => Promise<CacheStoreFixture>): void {
  describe(`${name} (CacheStore contract)`, () => {
    const prefix = `pulse-test:${randomUUID()}:`;
    const usedKeys = new Set<string>();
    let fixture: CacheStoreFixture | undefined;

    function key(suffix: string): string {
      const full = `${prefix}${suffix}`;
      usedKeys.add(full);
      return full;
    }

    function store(): CacheStore {
      if (!fixture) throw new Error(`${name}: the store was not created (see the error in beforeAll)`);
      return fixture.store;
    }

    beforeAll(async () => {
      fixture = await create();
    });

    afterAll(async () => {
      if (!fixture) return;
      if (usedKeys.size > 0) await fixture.store.del(...usedKeys);
      await fixture.store.close();
    });

    describe('strings', () => {
      it('returns null for a key never set', async () => {
        expect(await store().get(key('missing'))).toBeNull();
      });

      it('returns the last value set', async () => {
        await store().set(key('greeting'), 'hello');
        await store().set(key('greeting'), 'bonjour');

        expect(await store().get(key('greeting'))).toBe('bonjour');
      });

      it('counts only the keys that existed when deleting', async () => {
        await store().set(key('del-a'), '1');
        await store().set(key('del-b'), '2');

        expect(await store().del(key('del-a'), key('del-b'), key('del-never-set'))).toBe(2);
        expect(await store().get(key('del-a'))).toBeNull();
        expect(await store().del()).toBe(0);
      });
    });

    describe('counters', () => {
      it('starts INCRBY at zero and returns each new value', async () => {
        expect(await store().incrBy(key('count'), 5)).toBe(5);
        expect(await store().incrBy(key('count'), -2)).toBe(3);
        expect(await store().get(key('count'))).toBe('3');
      });

      it('adds fractions with INCRBYFLOAT, also on an integer counter', async () => {
        expect(await store().incrByFloat(key('revenue'), 1.5)).toBe(1.5);
        expect(await store().incrByFloat(key('revenue'), 0.25)).toBe(1.75);
        await store().incrBy(key('mixed'), 2);
        expect(await store().incrByFloat(key('mixed'), 0.5)).toBe(2.5);
        expect(await store().get(key('revenue'))).toBe('1.75');
      });

      it('refuses INCRBY on a value that is not an integer', async () => {
        await store().set(key('word'), 'abc');

        await expect(store().incrBy(key('word'), 1)).rejects.toThrow(/not an integer/);
        expect(await store().get(key('word'))).toBe('abc');
      });

      it('refuses to treat a hash as a string', async () => {
        await store().hIncrBy(key('typed-hash'), 'field', 1);

        await expect(store().get(key('typed-hash'))).rejects.toThrow(/^WRONGTYPE/);
        await expect(store().incrBy(key('typed-hash'), 1)).rejects.toThrow(/^WRONGTYPE/);
      });
    });

    describe('expiry', () => {
      it('forgets a value once its TTL has passed', async () => {
        await store().set(key('session'), 'open', { ttlSeconds: 1 });
        expect(await store().get(key('session'))).toBe('open');

        await fixture?.letTimePass(PAST_ONE_SECOND_MS);

        expect(await store().get(key('session'))).toBeNull();
      });

      it('drops an earlier TTL when a value is set again without one', async () => {
        await store().set(key('sticky'), 'first', { ttlSeconds: 1 });
        await store().set(key('sticky'), 'second');

        await fixture?.letTimePass(PAST_ONE_SECOND_MS);

        expect(await store().get(key('sticky'))).toBe('second');
      });

      it('expires a counter given a TTL, keeping the TTL across increments, then restarts it from zero', async () => {
        await store().incrBy(key('minute'), 1);
        await store().expire(key('minute'), 1);
        expect(await store().incrBy(key('minute'), 1)).toBe(2);

        await fixture?.letTimePass(PAST_ONE_SECOND_MS);

        expect(await store().get(key('minute'))).toBeNull();
        expect(await store().incrBy(key('minute'), 1)).toBe(1);
      });

      it('does not create a key when setting a TTL on a missing one', async () => {
        await store().expire(key('ghost'), 60);

        expect(await store().get(key('ghost'))).toBeNull();
        expect(await store().del(key('ghost'))).toBe(0);
      });
    });

    describe('HyperLogLog', () => {
      it('counts each member once, across repeated adds', async () => {
        await store().pfAdd(key('visitors'), ['u1', 'u2', 'u3']);
        await store().pfAdd(key('visitors'), ['u2', 'u3']);

        expect(await store().pfCount(key('visitors'))).toBe(3);
      });

      it('counts the union of overlapping sets, and zero for a missing key', async () => {
        await store().pfAdd(key('monday'), ['u1', 'u2', 'u3']);
        await store().pfAdd(key('tuesday'), ['u3', 'u4', 'u5']);

        expect(await store().pfCount(key('monday'), key('tuesday'))).toBe(5);
        expect(await store().pfCount(key('never-added'))).toBe(0);
      });

      it('estimates a union of 1,500 distinct users within 3%', async () => {
        // a = users 0..999, b = users 500..1499: 500 in common, 1,500 distinct.
        await store().pfAdd(key('hll-a'), range(0, 1000).map((n) => `user-${n}`));
        await store().pfAdd(key('hll-b'), range(500, 1500).map((n) => `user-${n}`));

        const estimate = await store().pfCount(key('hll-a'), key('hll-b'));

        expect(Math.abs(estimate - 1500) / 1500).toBeLessThanOrEqual(0.03);
      });
    });

    describe('sorted sets', () => {
      // Five users last seen at t = 100, 160, 220, 280 and 340 seconds.
      const lastSeen = [
        { member: 'u1', score: 100 },
        { member: 'u2', score: 160 },
        { member: 'u3', score: 220 },
        { member: 'u4', score: 280 },
        { member: 'u5', score: 340 },
      ];

      it('counts members in a score window, both ends inclusive', async () => {
        await store().zAdd(key('active'), lastSeen);

        expect(await store().zCount(key('active'), 160, 280)).toBe(3);
        expect(await store().zCount(key('active'), 161, 279)).toBe(1);
      });

      it('takes -Infinity and +Infinity as open ends', async () => {
        await store().zAdd(key('open-ended'), lastSeen);

        expect(await store().zCount(key('open-ended'), -Infinity, 159)).toBe(1);
        expect(await store().zCount(key('open-ended'), 281, Infinity)).toBe(1);
        expect(await store().zCount(key('open-ended'), -Infinity, Infinity)).toBe(5);
        expect(await store().zCount(key('never-added'), -Infinity, Infinity)).toBe(0);
      });

      it('moves a member re-added with a new score instead of adding it twice', async () => {
        await store().zAdd(key('moved'), lastSeen);
        await store().zAdd(key('moved'), [{ member: 'u1', score: 400 }]);

        expect(await store().zCount(key('moved'), -Infinity, Infinity)).toBe(5);
        expect(await store().zCount(key('moved'), 100, 100)).toBe(0);
        expect(await store().zCount(key('moved'), 400, 400)).toBe(1);
      });

      it('raises a member with zRaise but never lowers it, and adds new members', async () => {
        await store().zAdd(key('raised'), lastSeen);
        await store().zRaise(key('raised'), [
          { member: 'u1', score: 50 }, // older than 100: ignored
          { member: 'u2', score: 500 }, // newer than 160: moves up
          { member: 'u9', score: 10 }, // new member: added
        ]);

        expect(await store().zCount(key('raised'), 100, 100)).toBe(1);
        expect(await store().zCount(key('raised'), 50, 50)).toBe(0);
        expect(await store().zCount(key('raised'), 160, 160)).toBe(0);
        expect(await store().zCount(key('raised'), 500, 500)).toBe(1);
        expect(await store().zCount(key('raised'), -Infinity, Infinity)).toBe(6);
      });

      it('removes a score range and returns how many members went', async () => {
        await store().zAdd(key('window'), lastSeen);

        expect(await store().zRemRangeByScore(key('window'), -Infinity, 220)).toBe(3);
        expect(await store().zCount(key('window'), -Infinity, Infinity)).toBe(2);
        expect(await store().zRemRangeByScore(key('window'), 0, 10)).toBe(0);
      });

      it('deletes the key once its last member is removed', async () => {
        await store().zAdd(key('emptied'), lastSeen);
        await store().zRemRangeByScore(key('emptied'), -Infinity, Infinity);

        expect(await store().del(key('emptied'))).toBe(0);
      });

      it('ignores an add with no entries', async () => {
        await store().zAdd(key('nothing'), []);

        expect(await store().zCount(key('nothing'), -Infinity, Infinity)).toBe(0);
      });
    });

    describe('hashes', () => {
      it('increments fields independently and returns each new value', async () => {
        expect(await store().hIncrBy(key('by-type'), 'page_view', 1)).toBe(1);
        expect(await store().hIncrBy(key('by-type'), 'page_view', 2)).toBe(3);
        expect(await store().hIncrBy(key('by-type'), 'signup', -1)).toBe(-1);

        expect(await store().hGetAll(key('by-type'))).toEqual({ page_view: '3', signup: '-1' });
      });

      it('returns an empty object for a missing hash', async () => {
        expect(await store().hGetAll(key('never-incremented'))).toEqual({});
      });
    });

    describe('pub/sub', () => {
      it('delivers a message to every subscriber of its channel, and none after unsubscribing', async () => {
        const channel = `${prefix}channel`;
        const first: string[] = [];
        const second: string[] = [];
        const unsubscribeFirst = await store().subscribe(channel, (message) => first.push(message));
        const unsubscribeSecond = await store().subscribe(channel, (message) => second.push(message));
        await store().subscribe(`${prefix}other-channel`, (message) => first.push(`other:${message}`));

        await store().publish(channel, 'tenant-1');
        await eventually(() => expect([first, second]).toEqual([['tenant-1'], ['tenant-1']]));
        await unsubscribeFirst();
        await store().publish(channel, 'tenant-2');

        await eventually(() => expect(second).toEqual(['tenant-1', 'tenant-2']));
        expect(first).toEqual(['tenant-1']);
        await unsubscribeSecond();
      });
    });

    describe('health', () => {
      it('is named cache and passes while the store is usable', async () => {
        expect(store().health.name).toBe('cache');
        await expect(store().health.check()).resolves.toBeUndefined();
      });
    });
  });
}

/** Retries `check` until it passes (messages arrive asynchronously), failing with its last error after 5 s. */
async function eventually(check: () => void): Promise<void> {
  const deadline = Date.now() + 5000;
  for (;;) {
    try {
      check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, index) => from + index);
}

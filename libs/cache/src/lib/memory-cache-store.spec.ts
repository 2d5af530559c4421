import { describeCacheStoreContract } from '../testing/cache-store.contract';
import { MemoryCacheStore } from './memory-cache-store';

function fakeClock(start = Date.UTC(2025, 0, 1)) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

describeCacheStoreContract('MemoryCacheStore', async () => {
  const clock = fakeClock();
  return { store: new MemoryCacheStore({ now: clock.now }), letTimePass: async (ms) => clock.advance(ms) };
});

describe('MemoryCacheStore', () => {
  it('keeps a value until the last millisecond of its TTL', async () => {
    const clock = fakeClock();
    const store = new MemoryCacheStore({ now: clock.now });
    await store.set('session', 'open', { ttlSeconds: 2 });

    clock.advance(1999);
    expect(await store.get('session')).toBe('open');
    clock.advance(1);
    expect(await store.get('session')).toBeNull();
  });

  it('sweeps expired keys nobody reads again on a later write', async () => {
    const clock = fakeClock();
    const store = new MemoryCacheStore({ now: clock.now });
    for (let minute = 0; minute < 100; minute += 1) await store.set(`events:minute:${minute}`, '1', { ttlSeconds: 60 });
    expect(store.keyCount).toBe(100);

    clock.advance(61_000);
    await store.incrBy('events:minute:100', 1);

    expect(store.keyCount).toBe(1);
  });

  it('deletes a key given a TTL of zero, as Redis does', async () => {
    const store = new MemoryCacheStore();
    await store.set('doomed', 'x');
    await store.expire('doomed', 0);

    expect(await store.get('doomed')).toBeNull();
  });

  it('rejects a TTL that Redis would reject', async () => {
    const store = new MemoryCacheStore();

    await expect(store.set('k', 'v', { ttlSeconds: 0 })).rejects.toThrow("ERR invalid expire time in 'set' command");
    await expect(store.set('k', 'v', { ttlSeconds: 1.5 })).rejects.toThrow("ERR invalid expire time in 'set' command");
  });

  it('refuses a counter increment past the safe integer range instead of losing precision', async () => {
    const store = new MemoryCacheStore();
    await store.set('big', String(Number.MAX_SAFE_INTEGER));

    await expect(store.incrBy('big', 1)).rejects.toThrow('ERR increment or decrement would overflow');
    expect(await store.get('big')).toBe(String(Number.MAX_SAFE_INTEGER));
  });

  it('uses the wall clock when no clock is given', async () => {
    const store = new MemoryCacheStore();
    await store.set('now', 'x', { ttlSeconds: 60 });

    expect(await store.get('now')).toBe('x');
  });
});

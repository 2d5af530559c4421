import { ExpiringCache } from './expiring-cache';

describe('ExpiringCache', () => {
  it('returns a value until its expiry instant, then nothing', () => {
    const cache = new ExpiringCache<string>(10);
    cache.set('a', 'A', 100);

    expect(cache.get('a', 99)).toEqual({ value: 'A' });
    expect(cache.get('a', 100)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('keeps a cached null apart from a missing entry', () => {
    const cache = new ExpiringCache<string | null>(10);
    cache.set('a', null, 100);

    expect(cache.get('a', 0)).toEqual({ value: null });
    expect(cache.get('b', 0)).toBeUndefined();
  });

  it('drops the oldest entry beyond its capacity', () => {
    const cache = new ExpiringCache<number>(2);
    cache.set('a', 1, 100);
    cache.set('b', 2, 100);
    cache.set('c', 3, 100);

    expect([cache.get('a', 0), cache.get('b', 0), cache.get('c', 0)]).toEqual([undefined, { value: 2 }, { value: 3 }]);
  });

  it('deletes the entries a predicate selects', () => {
    const cache = new ExpiringCache<number>(10);
    cache.set('a', 1, 100);
    cache.set('b', 2, 100);

    cache.deleteWhere((value) => value === 1);

    expect([cache.get('a', 0), cache.get('b', 0)]).toEqual([undefined, { value: 2 }]);
  });
});

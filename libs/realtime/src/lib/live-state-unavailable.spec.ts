import { MemoryCacheStore, type CacheStore } from '@pulse/cache';
import { liveStateHorizon } from './live-state-horizon';
import { LiveStateReader } from './live-state-reader';
import { LiveStateUnavailableError } from './live-state-unavailable';

/** A cache whose every command fails as node-redis's do while the connection is down. */
function unreachableCache(): CacheStore {
  const cache = new MemoryCacheStore();
  return new Proxy(cache, {
    get: (target, property, receiver) => {
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? () => Promise.reject(new Error('The client is closed')) : value;
    },
  });
}

const TENANT = { id: 'tenant-a', timeZone: 'Europe/Berlin', currency: 'EUR' };

describe('LiveStateReader while the cache does not answer', () => {
  const reader = new LiveStateReader(unreachableCache());

  it.each([
    ['overview', () => reader.overview(TENANT)],
    ['activeUsers', () => reader.activeUsers(TENANT)],
    ['sessions', () => reader.sessions(TENANT)],
    ['conversions', () => reader.conversions(TENANT)],
  ])('%s rejects with LiveStateUnavailableError naming the cause, never zeros', async (_name, read) => {
    const error = await read().then(
      () => undefined,
      (rejected: unknown) => rejected,
    );
    expect(error).toBeInstanceOf(LiveStateUnavailableError);
    expect(error).toMatchObject({
      retryAfterSeconds: 5,
      message:
        'live figures are unavailable: the live-state cache does not answer (The client is closed); stored events and reports are not affected',
    });
  });
});

describe('liveStateHorizon', () => {
  it('covers the last 48 hours and every tenant-local date they touch', () => {
    // 2025-03-12 00:30 in Berlin (23:30 UTC the day before): 48 hours back is 2025-03-10 00:30 local.
    const now = Date.parse('2025-03-11T23:30:00.000Z');
    expect(liveStateHorizon(now, 'Europe/Berlin')).toEqual({
      since: new Date('2025-03-09T23:30:00.000Z'),
      localDates: ['2025-03-12', '2025-03-11', '2025-03-10'],
    });
    expect(liveStateHorizon(now, 'UTC').localDates).toEqual(['2025-03-11', '2025-03-10', '2025-03-09']);
  });
});

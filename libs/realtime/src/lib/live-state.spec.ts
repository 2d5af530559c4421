import { MemoryCacheStore } from '@pulse/cache';
import { describeLiveState } from '../testing/live-state.behaviour';

describeLiveState('the memory cache', async () => {
  const cache = new MemoryCacheStore();
  return { cache, keyPrefix: 'test', dispose: () => cache.close() };
});

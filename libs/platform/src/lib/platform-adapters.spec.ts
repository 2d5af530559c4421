import { MemoryCacheStore } from '@pulse/cache';
import { InProcessMessageBus } from '@pulse/messaging';
import { checkReadiness } from '@pulse/observability';
import type { Store } from '@pulse/storage';
import { healthIndicatorsFor, type PlatformAdapters } from './platform-adapters';

describe('healthIndicatorsFor', () => {
  const cache = new MemoryCacheStore();
  const store = { health: { name: 'postgres', check: async () => undefined } } as unknown as Store;
  const adapters: PlatformAdapters = { mode: 'distributed', settings: {}, bus: new InProcessMessageBus(), store, cache };

  afterAll(() => adapters.bus.close());

  it('keeps a service ready, saying it is degraded, when a dependency it works without fails', async () => {
    jest.spyOn(cache.health, 'check').mockRejectedValue(new Error('Redis is not connected (reconnecting)'));

    const indicators = healthIndicatorsFor(adapters, ['store', 'cache'], ['cache']);

    expect(await checkReadiness(indicators, 1_000)).toEqual({
      status: 'ready',
      checks: { postgres: 'up', cache: 'degraded: Redis is not connected (reconnecting)' },
    });
    expect(await checkReadiness(healthIndicatorsFor(adapters, ['store', 'cache']), 1_000)).toEqual({
      status: 'not_ready',
      checks: { postgres: 'up', cache: 'down: Redis is not connected (reconnecting)' },
    });
  });
});

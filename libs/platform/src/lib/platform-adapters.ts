import type { CacheStore } from '@pulse/cache';
import type { MessageBus } from '@pulse/messaging';
import type { HealthIndicator } from '@pulse/observability';
import type { Store } from '@pulse/storage';
import type { PlatformDependency } from './service-definition';

/**
 * The adapters behind the three ports. Chosen in exactly one place: the embedded
 * or the distributed factory. Services never know which one they got.
 */
/** Settings every service may read (validated configuration, not adapters). */
export interface PlatformSettings {
  /** Protects the admin API (tenants, keys). Without it the admin API refuses every request. */
  adminToken?: string;
}

export interface PlatformAdapters {
  mode: 'embedded' | 'distributed';
  settings: PlatformSettings;
  bus: MessageBus;
  store: Store;
  cache: CacheStore;
}

export function healthIndicatorsFor(
  adapters: PlatformAdapters,
  dependencies: PlatformDependency[],
  degradedWithout: readonly PlatformDependency[] = [],
): HealthIndicator[] {
  const byDependency: Record<PlatformDependency, HealthIndicator> = {
    bus: adapters.bus.health,
    store: adapters.store.health,
    cache: adapters.cache.health,
  };
  return dependencies.map((dependency) => {
    const indicator = byDependency[dependency];
    return degradedWithout.includes(dependency) ? { name: indicator.name, check: () => indicator.check(), degradable: true } : indicator;
  });
}

/** Closes in reverse order of need: stop consuming/producing first, then the stores the handlers wrote to. */
export async function closePlatformAdapters(adapters: PlatformAdapters): Promise<void> {
  await adapters.bus.close();
  await adapters.cache.close();
  await adapters.store.close();
}

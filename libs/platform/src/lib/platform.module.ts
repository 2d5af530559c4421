import { DynamicModule, Global, Module } from '@nestjs/common';
import { CACHE_STORE } from '@pulse/cache';
import { MESSAGE_BUS } from '@pulse/messaging';
import { DATA_SOURCE } from '@pulse/storage';
import type { PlatformAdapters } from './platform-adapters';

export const PLATFORM_ADAPTERS = Symbol('PLATFORM_ADAPTERS');
export const PLATFORM_SETTINGS = Symbol('PLATFORM_SETTINGS');

/**
 * Makes the already-connected adapters injectable everywhere in one service.
 * The adapters' lifecycle belongs to whoever created them (several services share them in embedded mode).
 */
@Global()
@Module({})
export class PlatformModule {
  static forAdapters(adapters: PlatformAdapters): DynamicModule {
    const providers = [
      { provide: PLATFORM_ADAPTERS, useValue: adapters },
      { provide: PLATFORM_SETTINGS, useValue: adapters.settings },
      { provide: MESSAGE_BUS, useValue: adapters.bus },
      { provide: DATA_SOURCE, useValue: adapters.store.dataSource },
      { provide: CACHE_STORE, useValue: adapters.cache },
    ];
    return { module: PlatformModule, providers, exports: providers.map((provider) => provider.provide) };
  }
}

import { Module } from '@nestjs/common';
import { CACHE_STORE, type CacheStore } from '@pulse/cache';
import { LiveStateReader } from './live-state-reader';
import { LiveStateWriter } from './live-state-writer';
import { LIVE_STATE_OPTIONS, type LiveStateOptions } from './live-state-options';

/**
 * The live state's writer (used by the stream processor) and reader (used by the realtime endpoints)
 * over the application's `CACHE_STORE`. Provide `LIVE_STATE_OPTIONS` to change the key prefix or clock.
 */
@Module({
  providers: [
    {
      provide: LiveStateWriter,
      useFactory: (cache: CacheStore, options?: LiveStateOptions) => new LiveStateWriter(cache, options ?? {}),
      inject: [CACHE_STORE, { token: LIVE_STATE_OPTIONS, optional: true }],
    },
    {
      provide: LiveStateReader,
      useFactory: (cache: CacheStore, options?: LiveStateOptions) => new LiveStateReader(cache, options ?? {}),
      inject: [CACHE_STORE, { token: LIVE_STATE_OPTIONS, optional: true }],
    },
  ],
  exports: [LiveStateWriter, LiveStateReader],
})
export class LiveStateModule {}

import { MemoryCacheStore } from '@pulse/cache';
import { InProcessMessageBus } from '@pulse/messaging';
import { openStore } from '@pulse/storage';
import type { PlatformAdapters } from './platform-adapters';

export interface EmbeddedPlatformOptions {
  /** Where the embedded PostgreSQL keeps its files; in memory when omitted. */
  dataDir?: string;
  adminToken?: string;
}

/** Everything in this process: in-process bus, PGlite (WASM PostgreSQL), in-memory cache. */
export async function createEmbeddedPlatform(options: EmbeddedPlatformOptions = {}): Promise<PlatformAdapters> {
  const store = await openStore({ kind: 'embedded', dataDir: options.dataDir });
  return { mode: 'embedded', settings: { adminToken: options.adminToken }, bus: new InProcessMessageBus(), store, cache: new MemoryCacheStore() };
}

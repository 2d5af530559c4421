import { MemoryCacheStore } from '@pulse/cache';
import { InProcessMessageBus } from '@pulse/messaging';
import { openStore, type StoreSchema } from '@pulse/storage';
import { join } from 'node:path';
import type { PlatformAdapters } from './platform-adapters';

export interface EmbeddedPlatformOptions {
  /** Where the embedded PostgreSQL and the bus's log keep their files; in memory when omitted. */
  dataDir?: string;
  adminToken?: string;
  /** The hosted services' own tables (see `ServiceDefinition.storeSchema`). */
  storeSchema?: StoreSchema;
  /** In memory only: a fresh PGlite cluster to start from instead of running initdb (tests; see `StoreConnection`). */
  cluster?: Blob;
}

/** Where the in-process bus keeps its partition logs and offsets inside a data directory (beside PGlite's files). */
export function embeddedBusDirectory(dataDir: string): string {
  return join(dataDir, 'bus');
}

/** Everything in this process: in-process bus, PGlite (WASM PostgreSQL), in-memory cache. */
export async function createEmbeddedPlatform(options: EmbeddedPlatformOptions = {}): Promise<PlatformAdapters> {
  const store = await openStore({ kind: 'embedded', dataDir: options.dataDir, cluster: options.cluster }, options.storeSchema);
  let bus: InProcessMessageBus;
  try {
    // With a data directory, an event answered 202 is on disk; a restart delivers what the processor had not committed.
    bus = await InProcessMessageBus.open({ directory: options.dataDir === undefined ? undefined : embeddedBusDirectory(options.dataDir) });
  } catch (error) {
    await store.close();
    throw error;
  }
  return { mode: 'embedded', settings: { adminToken: options.adminToken }, bus, store, cache: new MemoryCacheStore() };
}

import { openStore } from '../lib/connection/open-store';
import type { Store } from '../lib/connection/store';
import type { StoreSchema } from '../lib/connection/store-schema';
import { freshEmbeddedCluster } from './embedded-cluster';
import { createFreshDatabase } from './fresh-database';

/**
 * A database an integration suite runs against; `open` gives a fresh, migrated, empty one, with a
 * service's own tables when given its schema.
 */
export interface StoreTarget {
  name: string;
  open(schema?: StoreSchema): Promise<OpenedStore>;
}

export interface OpenedStore {
  store: Store;
  /** Closes the store and removes whatever `open` created. */
  dispose(): Promise<void>;
}

export const POSTGRES_TARGET: StoreTarget = { name: 'PostgreSQL', open: (schema) => openFreshPostgresStore({ schema }) };
export const EMBEDDED_TARGET: StoreTarget = { name: 'embedded PGlite', open: (schema) => openEmbeddedStore(schema) };

/** Both stores Pulse runs on: every storage-level behaviour is checked on each. */
export const STORE_TARGETS: readonly StoreTarget[] = [POSTGRES_TARGET, EMBEDDED_TARGET];

/** The embedded store in memory (what `npm start` runs on, without a data directory). */
export async function openEmbeddedStore(schema?: StoreSchema): Promise<OpenedStore> {
  const store = await openStore({ kind: 'embedded', cluster: await freshEmbeddedCluster() }, schema);
  return { store, dispose: () => store.close() };
}

/** A fresh, migrated PostgreSQL database, dropped on dispose. */
export async function openFreshPostgresStore(options: { poolSize?: number; prefix?: string; schema?: StoreSchema } = {}): Promise<OpenedStore> {
  const database = await createFreshDatabase(options.prefix ?? 'pulse_it');
  try {
    const store = await openStore({ kind: 'postgres', url: database.url, poolSize: options.poolSize ?? 4 }, options.schema);
    return {
      store,
      dispose: async () => {
        await store.close();
        await database.drop();
      },
    };
  } catch (error) {
    await database.drop();
    throw error;
  }
}

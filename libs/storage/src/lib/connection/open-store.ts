import { PGlite } from '@electric-sql/pglite';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { STORAGE_ENTITIES } from '../entities/storage-entities';
import { STORAGE_MIGRATIONS } from '../migrations/storage-migrations';
import { DataSourceHealthIndicator } from './data-source-health-indicator';
import { createPGlitePgDriver } from './pglite-pg-driver';
import type { Store, StoreConnection } from './store';
import { mergeStoreSchemas, type StoreSchema } from './store-schema';

/** TypeORM options shared by both stores: the schema comes only from migrations, run at open. */
export const STORAGE_DATA_SOURCE_OPTIONS = {
  type: 'postgres',
  entities: STORAGE_ENTITIES,
  migrations: STORAGE_MIGRATIONS,
  // Migrations run explicitly in openStore, under a lock (see runMigrationsExclusively).
  migrationsRun: false,
  synchronize: false,
  // gen_random_uuid() is built into PostgreSQL 13+; no extension to install (PGlite has none loaded).
  uuidExtension: 'pgcrypto',
  installExtensions: false,
} as const satisfies Partial<DataSourceOptions>;

/** Storage's own tables: every store has them, whatever else its opener registers. */
const STORAGE_SCHEMA: StoreSchema = { migrations: STORAGE_MIGRATIONS, entities: STORAGE_ENTITIES };

type DataSourceOptionsWithSchema = Omit<typeof STORAGE_DATA_SOURCE_OPTIONS, 'migrations' | 'entities'> & ReturnType<typeof mergeStoreSchemas>;

/**
 * Opens the database, runs pending migrations and returns the store. The one place a connection is chosen.
 * `schema` adds a service's own tables (its migrations and entities) to storage's: each service owns its
 * persistence, and whoever opens the store registers the services it hosts.
 */
export async function openStore(connection: StoreConnection, schema: StoreSchema = {}): Promise<Store> {
  const options = { ...STORAGE_DATA_SOURCE_OPTIONS, ...mergeStoreSchemas(STORAGE_SCHEMA, schema) };
  switch (connection.kind) {
    case 'postgres':
      return initialize(
        new DataSource({
          ...options,
          url: connection.url,
          poolSize: connection.poolSize,
        }),
        'postgres',
        undefined,
        runMigrationsExclusively,
      );
    case 'embedded':
      return openEmbeddedStore(connection, options);
  }
}

async function openEmbeddedStore({ dataDir, cluster }: Extract<StoreConnection, { kind: 'embedded' }>, options: DataSourceOptionsWithSchema): Promise<Store> {
  if (dataDir !== undefined && cluster) throw new Error('An embedded store starts from a cluster only in memory, not in a data directory');
  const pglite = await PGlite.create(dataDir ?? 'memory://', cluster ? { loadDataDir: cluster } : {});
  const dataSource = new DataSource({
    ...options,
    driver: createPGlitePgDriver(pglite),
  });
  try {
    return await initialize(dataSource, 'embedded-postgres', () =>
      pglite.close(),
    );
  } catch (error) {
    await pglite.close();
    throw error;
  }
}

/** Any fixed 64-bit number, the same in every Pulse process: the key of the migration lock. */
const MIGRATION_LOCK_KEY = '7233601872239050481';

/**
 * Several services start at once in production and each opens the store: a session-level advisory
 * lock lets exactly one of them migrate while the others wait, then find nothing pending.
 */
async function runMigrationsExclusively(dataSource: DataSource): Promise<void> {
  const lockHolder = dataSource.createQueryRunner();
  await lockHolder.connect();
  try {
    await lockHolder.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await lockHolder.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lockHolder.release();
  }
}

/** The embedded store has one connection and one process: nothing to serialize against. */
async function runMigrations(dataSource: DataSource): Promise<void> {
  await dataSource.runMigrations({ transaction: 'each' });
}

async function initialize(
  dataSource: DataSource,
  healthName: string,
  afterClose: () => Promise<void> = async () => undefined,
  migrate: (dataSource: DataSource) => Promise<void> = runMigrations,
): Promise<Store> {
  await dataSource.initialize();
  try {
    await migrate(dataSource);
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  let closing: Promise<void> | undefined;
  return {
    dataSource,
    health: new DataSourceHealthIndicator(healthName, dataSource),
    close: () => {
      closing ??= (async () => {
        if (dataSource.isInitialized) await dataSource.destroy();
        await afterClose();
      })();
      return closing;
    },
  };
}

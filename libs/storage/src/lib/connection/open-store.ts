import { PGlite } from '@electric-sql/pglite';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { STORAGE_ENTITIES } from '../entities/storage-entities';
import { STORAGE_MIGRATIONS } from '../migrations/storage-migrations';
import { DataSourceHealthIndicator } from './data-source-health-indicator';
import { createPGlitePgDriver } from './pglite-pg-driver';
import type { Store, StoreConnection } from './store';

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

/** Opens the database, runs pending migrations and returns the store. The one place a connection is chosen. */
export async function openStore(connection: StoreConnection): Promise<Store> {
  switch (connection.kind) {
    case 'postgres':
      return initialize(
        new DataSource({
          ...STORAGE_DATA_SOURCE_OPTIONS,
          url: connection.url,
          poolSize: connection.poolSize,
        }),
        'postgres',
        undefined,
        runMigrationsExclusively,
      );
    case 'embedded':
      return openEmbeddedStore(connection.dataDir);
  }
}

async function openEmbeddedStore(dataDir: string | undefined): Promise<Store> {
  const pglite = await PGlite.create(dataDir ?? 'memory://');
  const dataSource = new DataSource({
    ...STORAGE_DATA_SOURCE_OPTIONS,
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

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
  migrationsRun: true,
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

async function initialize(
  dataSource: DataSource,
  healthName: string,
  afterClose: () => Promise<void> = async () => undefined,
): Promise<Store> {
  await dataSource.initialize();
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

// Test support shared by every project's integration suites (never imported by production code).
export { freshEmbeddedCluster } from './embedded-cluster';
export { createFreshDatabase, type FreshDatabase } from './fresh-database';
export { STORE_TARGETS, POSTGRES_TARGET, EMBEDDED_TARGET, openEmbeddedStore, openFreshPostgresStore, type OpenedStore, type StoreTarget } from './store-targets';
export { reapplyMigrationsFrom } from './reapply-migrations';
export { storeQueryEvents, type QueryFixtureEvent } from './query-events';

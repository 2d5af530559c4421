// Test support shared by every project's integration suites (never imported by production code).
export { createFreshDatabase, type FreshDatabase } from './fresh-database';
export { STORE_TARGETS, openEmbeddedStore, openFreshPostgresStore, type OpenedStore, type StoreTarget } from './store-targets';
export { reapplyMigrationsFrom } from './reapply-migrations';
export { storeQueryEvents, type QueryFixtureEvent } from './query-events';

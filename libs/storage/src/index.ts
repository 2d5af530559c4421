export {
  DATA_SOURCE,
  type Store,
  type StoreConnection,
} from './lib/connection/store';
export {
  openStore,
  STORAGE_DATA_SOURCE_OPTIONS,
} from './lib/connection/open-store';
export {
  createPGlitePgDriver,
  PGlitePool,
  type PGlitePgDriver,
} from './lib/connection/pglite-pg-driver';
export { TenantEntity, type Tenant } from './lib/entities/tenant.entity';
export { EventEntity, type StoredEvent } from './lib/entities/event.entity';
export { STORAGE_ENTITIES } from './lib/entities/storage-entities';
export { STORAGE_MIGRATIONS } from './lib/migrations/storage-migrations';
export {
  TenantRepository,
  TenantAlreadyExistsError,
} from './lib/repositories/tenant.repository';
export {
  InvalidTenantError,
  type NewTenant,
} from './lib/repositories/new-tenant';
export {
  EventRepository,
  MAX_EVENTS_PER_READ,
  type FindEventsOptions,
} from './lib/repositories/event.repository';
export type { NewEvent } from './lib/repositories/new-event';
export { StorageRepositoriesModule } from './lib/repositories/storage-repositories.module';

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
  mergeStoreSchemas,
  type EntityTarget,
  type MigrationClass,
  type StoreSchema,
} from './lib/connection/store-schema';
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
  type TenantSettings,
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
export {
  TenantSecretKeyEntity,
  type TenantSecretKey,
} from './lib/entities/tenant-secret-key.entity';
export {
  TenantKeyRepository,
  type ActiveSecretKey,
  type NewTenantSecretKey,
} from './lib/repositories/tenant-key.repository';
export type { SqlExecutor } from './lib/repositories/sql-executor';
export {
  ProcessedEventRepository,
  eventKey,
  type ProcessedEvent,
} from './lib/repositories/processed-event.repository';
export {
  IdentityLinkRepository,
  type NewIdentityLink,
} from './lib/repositories/identity-link.repository';
export {
  UserSessionRepository,
  type UserSessionState,
} from './lib/repositories/user-session.repository';
export {
  EventRollupRepository,
  rollupRowId,
  dimensionSetOf,
  type RollupDeltaInput,
  type RollupMetricSummary,
  type RollupQuery,
  type StoredRollup,
} from './lib/repositories/event-rollup.repository';
export { PersonFirstSeenRepository } from './lib/repositories/person-first-seen.repository';
export { PersonActiveDaysRepository } from './lib/repositories/person-active-days.repository';
export { PersonActiveDaysEntity, type PersonActiveDaysRow } from './lib/entities/person-active-days.entity';
export { EventTimesRepository } from './lib/repositories/event-times.repository';
export { PersonIdEntity, type PersonIdRow } from './lib/entities/person-id.entity';
export { EventTimeChunkEntity, type EventTimeChunkRow } from './lib/entities/event-time-chunk.entity';
export { PersonFirstSeenEntity, type PersonFirstSeenRow } from './lib/entities/person-first-seen.entity';
export { planRollups, type RollupSource } from './lib/rollups/rollup-planning';
export { planFirstSeen, type FirstSeenInput, type FirstSeenSource } from './lib/rollups/first-seen-planning';
export { allTypesBackfillStatements } from './lib/rollups/all-types-backfill-sql';
export { planActiveDays, type ActiveDaySource, type PersonActiveDaysInput } from './lib/rollups/active-days-planning';
export { activeDaysBackfillSql } from './lib/rollups/active-days-backfill-sql';
export { planEventTimes, EVENT_TIME_CHUNK_RECORDS, type EventTimeGroup, type EventTimeSource } from './lib/rollups/event-times-planning';
export { eventTimesBackfillSql } from './lib/rollups/event-times-backfill-sql';
export { recordEventSummaries, type RecordedSummaries, type TenantEventSources } from './lib/rollups/event-summaries';
export {
  ConversationMetricsRepository,
  type ConversationState,
  type ConversationDailyDelta,
  type ConversationDailyMetrics,
} from './lib/repositories/conversation-metrics.repository';
export {
  advanceConversations,
  conversationEventInputOf,
  type ConversationAdvance,
  type ConversationEventInput,
} from './lib/conversations/conversation-state-machine';
export { IdentityLinkEntity, type IdentityLinkRow } from './lib/entities/identity-link.entity';
export {
  UserSessionStateEntity,
  type UserSessionStateRow,
  type StoredSessionWindow,
} from './lib/entities/user-session-state.entity';
export {
  EventRollupEntity,
  type EventRollupRow,
  type StoredRollupGranularity,
} from './lib/entities/event-rollup.entity';
export { EventRollupUserEntity, type EventRollupUserRow } from './lib/entities/event-rollup-user.entity';
export { EventRollupMetricEntity, type EventRollupMetricRow } from './lib/entities/event-rollup-metric.entity';
export {
  ConversationStateEntity,
  type ConversationStateRow,
  type ConversationStatus,
} from './lib/entities/conversation-state.entity';
export {
  ConversationDailyMetricsEntity,
  type ConversationDailyMetricsRow,
} from './lib/entities/conversation-daily-metrics.entity';
export {
  ConversationDailyCustomerEntity,
  type ConversationDailyCustomerRow,
} from './lib/entities/conversation-daily-customer.entity';
export * from './lib/analytics/behaviour';
export * from './lib/analytics/domains';
export * from './lib/analytics/query';
export { analyticalSqlExecutor } from './lib/analytics/analytical-sql-executor';
export { MinuteFiguresQueries, type MinuteFigures } from './lib/analytics/minute-figures.queries';
export * from './lib/data-quality';
export {
  ExportPageQueries,
  type ExportDataset,
  type ExportKey,
  type ExportPage,
  type ExportWindow,
} from './lib/analytics/export/export-pages.queries';
export {
  ExportCopyQueries,
  copyCapablePool,
  exportCopySql,
  type ExportCopyColumn,
  type ExportCopyFormat,
} from './lib/analytics/export/export-copy.queries';
export { returnedRows, type SnakeCase, type SnakeCaseRow } from './lib/sql/snake-case-row';
export { isUuid } from './lib/sql/uuid';
export * from './lib/retention';
export * from './lib/erasure';

import type { HealthIndicator } from '@pulse/observability';
import type { DataSource } from 'typeorm';

/** Where the data lives: a PostgreSQL server, or PGlite (WASM PostgreSQL) inside this process. */
export type StoreConnection =
  | { kind: 'postgres'; url: string; poolSize?: number }
  /**
   * Without `dataDir` the embedded database lives in memory and is gone when the store closes. `cluster`, a
   * fresh cluster's data directory as PGlite dumps it, starts an in-memory one without running initdb again
   * (seconds each time): test suites open many.
   */
  | { kind: 'embedded'; dataDir?: string; cluster?: Blob };

/** An open, migrated database. Whoever opened it closes it. */
export interface Store {
  readonly dataSource: DataSource;
  readonly health: HealthIndicator;
  close(): Promise<void>;
}

/** Nest injection token for the application's TypeORM `DataSource` (registered once, globally). */
export const DATA_SOURCE = Symbol('DATA_SOURCE');

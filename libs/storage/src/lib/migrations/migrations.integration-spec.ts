import { STORE_TARGETS, type OpenedStore } from '../../testing/store-targets';
import type { DataSource } from 'typeorm';
import { AddSecretKeyScopes1764115201700 } from './1764115201700-add-secret-key-scopes';
import { STORAGE_MIGRATIONS } from './storage-migrations';

describe.each(STORE_TARGETS)('migrations on $name', (target) => {
  let opened: OpenedStore;
  let dataSource: DataSource;

  beforeAll(async () => {
    opened = await target.open();
    dataSource = opened.store.dataSource;
  });

  afterAll(async () => {
    await opened?.dispose();
  });

  it('leaves no migration pending after the store opens', async () => {
    expect(await dataSource.showMigrations()).toBe(false);
    const applied = await dataSource.query(
      `SELECT "name" FROM "migrations" ORDER BY "id"`,
    );
    // Applied in timestamp order, whatever the order of the list.
    const expected = STORAGE_MIGRATIONS.map((migration) => new migration().name).sort(
      (a, b) => Number(/\d+$/.exec(a)?.[0]) - Number(/\d+$/.exec(b)?.[0]),
    );
    expect(applied.map((row: { name: string }) => row.name)).toEqual(expected);
  });

  it('creates the events table with the agreed columns', async () => {
    const columns = await dataSource.query(
      `SELECT column_name, data_type, is_nullable FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`,
      ['events'],
    );
    expect(columns).toEqual([
      { column_name: 'tenant_id', data_type: 'uuid', is_nullable: 'NO' },
      {
        column_name: 'event_id',
        data_type: 'character varying',
        is_nullable: 'NO',
      },
      {
        column_name: 'type',
        data_type: 'character varying',
        is_nullable: 'NO',
      },
      {
        column_name: 'category',
        data_type: 'character varying',
        is_nullable: 'NO',
      },
      {
        column_name: 'occurred_at',
        data_type: 'timestamp with time zone',
        is_nullable: 'NO',
      },
      {
        column_name: 'received_at',
        data_type: 'timestamp with time zone',
        is_nullable: 'NO',
      },
      {
        column_name: 'user_id',
        data_type: 'character varying',
        is_nullable: 'YES',
      },
      {
        column_name: 'anonymous_id',
        data_type: 'character varying',
        is_nullable: 'YES',
      },
      {
        column_name: 'session_id',
        data_type: 'character varying',
        is_nullable: 'YES',
      },
      { column_name: 'properties', data_type: 'jsonb', is_nullable: 'NO' },
      { column_name: 'context', data_type: 'jsonb', is_nullable: 'NO' },
      // The stream processor's enrichment (AddEventEnrichment1764115200200).
      { column_name: 'user_key', data_type: 'character varying', is_nullable: 'YES' },
      { column_name: 'local_date', data_type: 'date', is_nullable: 'YES' },
      { column_name: 'hour_of_day', data_type: 'smallint', is_nullable: 'YES' },
      { column_name: 'day_of_week', data_type: 'smallint', is_nullable: 'YES' },
      { column_name: 'is_business_hours', data_type: 'boolean', is_nullable: 'YES' },
      { column_name: 'device_type', data_type: 'character varying', is_nullable: 'YES' },
      { column_name: 'browser', data_type: 'character varying', is_nullable: 'YES' },
      { column_name: 'os', data_type: 'character varying', is_nullable: 'YES' },
      // Migration 1764115201000: the rules a lenient tenant's event broke, and the values set aside.
      { column_name: 'violations', data_type: 'jsonb', is_nullable: 'YES' },
      { column_name: 'invalid_values', data_type: 'jsonb', is_nullable: 'YES' },
    ]);
  });

  it('indexes events for tenant + time, tenant + type + time and one person\'s events, keyed on tenant + event id', async () => {
    const indexes = await dataSource.query(
      `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = $1 ORDER BY indexname`,
      ['events'],
    );
    expect(
      indexes.map((index: { indexname: string; indexdef: string }) => [
        index.indexname,
        columnsOf(index.indexdef),
      ]),
    ).toEqual([
      ['IDX_events_tenant_occurred_at', 'tenant_id, occurred_at'],
      ['IDX_events_tenant_type_occurred_at', 'tenant_id, type, occurred_at'],
      ['IDX_events_tenant_user_key_occurred_at', 'tenant_id, user_key, occurred_at'],
      ['IDX_events_unstitched_anonymous_id', 'tenant_id, anonymous_id, occurred_at WHERE user_key IS NULL AND user_id IS NULL'],
      ['IDX_events_unstitched_user_id', 'tenant_id, user_id, occurred_at WHERE user_key IS NULL'],
      ['IDX_events_with_violations', 'tenant_id, type, occurred_at WHERE violations IS NOT NULL'],
      ['PK_events', 'tenant_id, event_id'],
    ]);
  });

  it('creates the tenants table with unique slug and write key hash and the documented defaults', async () => {
    const constraints = await dataSource.query(
      `SELECT conname, pg_get_constraintdef(oid) AS definition FROM pg_constraint
        WHERE conrelid = 'tenants'::regclass AND contype IN ('p', 'u', 'c') ORDER BY conname`,
    );
    expect(constraints).toEqual([
      {
        conname: 'CHK_tenants_currency',
        definition: expect.stringContaining('^[A-Z]{3}$'),
      },
      { conname: 'CHK_tenants_schema_policy', definition: expect.stringMatching(/'lenient'.*'strict'/) },
      { conname: 'PK_tenants', definition: 'PRIMARY KEY (id)' },
      { conname: 'UQ_tenants_slug', definition: 'UNIQUE (slug)' },
      {
        conname: 'UQ_tenants_write_key_hash',
        definition: 'UNIQUE (write_key_hash)',
      },
    ]);
    const [defaults] = await dataSource.query(
      `INSERT INTO "tenants" ("slug", "name", "write_key_hash") VALUES ($1, $2, $3) RETURNING "time_zone", "currency", "schema_policy"`,
      ['defaults-probe', 'Defaults probe', 'hash-defaults-probe'],
    );
    expect(defaults).toEqual({ time_zone: 'UTC', currency: 'USD', schema_policy: 'lenient' });
    await dataSource.query(`DELETE FROM "tenants" WHERE "slug" = $1`, [
      'defaults-probe',
    ]);
  });

  it('gives secret keys stored before scopes existed the manage scope, and later keys only read', async () => {
    const migration = new AddSecretKeyScopes1764115201700();
    // One runner for every statement: the embedded store has a single session.
    const runner = dataSource.createQueryRunner();
    try {
      await migration.down(runner);
      const [tenant] = await runner.query(`INSERT INTO "tenants" ("slug", "name", "write_key_hash") VALUES ('scopes-probe', 'Scopes probe', 'hash-scopes-probe') RETURNING "id"`);
      await runner.query(`INSERT INTO "tenant_secret_keys" ("tenant_id", "key_hash") VALUES ($1, 'hash-scopes-before')`, [tenant.id]);
      await migration.up(runner);
      await runner.query(`INSERT INTO "tenant_secret_keys" ("tenant_id", "key_hash") VALUES ($1, 'hash-scopes-after')`, [tenant.id]);

      const keys = await runner.query(`SELECT "key_hash", "scopes" FROM "tenant_secret_keys" WHERE "tenant_id" = $1 ORDER BY "key_hash"`, [tenant.id]);
      expect(keys).toEqual([
        { key_hash: 'hash-scopes-after', scopes: 'read' },
        { key_hash: 'hash-scopes-before', scopes: 'read manage' },
      ]);
      await runner.query(`DELETE FROM "tenants" WHERE "id" = $1`, [tenant.id]);
    } finally {
      await runner.release();
    }
  });

  // Entities and migrations must describe the same schema: TypeORM's schema builder would otherwise
  // want to change something (the check twentyhq/twenty runs as `migration:generate` in CI).
  it('has entities that agree with the migrations (no pending schema change)', async () => {
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });

  it('reverts every migration and applies them again', async () => {
    const migratedTables = await tableNames(dataSource);
    expect(migratedTables).toEqual(
      expect.arrayContaining(['events', 'migrations', 'tenants']),
    );
    for (let step = 0; step < STORAGE_MIGRATIONS.length; step++) {
      await dataSource.undoLastMigration();
    }
    expect(await tableNames(dataSource)).toEqual(['migrations']);
    await dataSource.runMigrations();
    expect(await tableNames(dataSource)).toEqual(migratedTables);
  });
});

/** "CREATE INDEX … USING btree (a, b) WHERE (c IS NULL)" → "a, b WHERE c IS NULL". */
function columnsOf(indexDefinition: string): string {
  const match = /USING \w+ \(([^)]*)\)(?: WHERE (.*))?$/.exec(indexDefinition);
  if (!match) return indexDefinition;
  return match[2] === undefined ? match[1] : `${match[1]} WHERE ${match[2].replace(/[()]/g, '')}`;
}

async function tableNames(dataSource: DataSource): Promise<string[]> {
  const rows = await dataSource.query(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name`,
  );
  return rows.map((row: { table_name: string }) => row.table_name);
}

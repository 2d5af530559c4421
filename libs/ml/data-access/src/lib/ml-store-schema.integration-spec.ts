import type { DataSource } from 'typeorm';
import { ML_STORE_TARGETS } from '../testing/ml-store';
import { ML_STORE_SCHEMA } from './ml-store-schema';
import type { OpenedStore } from '@pulse/storage/testing';

const tableNames = async (dataSource: DataSource): Promise<string[]> =>
  (await dataSource.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name`)).map(
    (row: { table_name: string }) => row.table_name,
  );

describe.each(ML_STORE_TARGETS)('ML tables on $name', (target) => {
  let opened: OpenedStore;

  beforeAll(async () => {
    opened = await target.open();
  });

  afterAll(async () => {
    await opened?.dispose();
  });

  it('applies the ML migrations after storage’s, in timestamp order', async () => {
    const applied: Array<{ name: string }> = await opened.store.dataSource.query(`SELECT "name" FROM "migrations" ORDER BY "id"`);
    expect(applied.slice(-3).map((row) => row.name)).toEqual([
      'CreateAlertRules1764115301000',
      'CreateAlertNotifications1764115301001',
      'CreateModelVersions1764115301002',
    ]);
  });

  it('matches the entities exactly: TypeORM finds nothing to change', async () => {
    const pending = await opened.store.dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });

  it('reverts the ML migrations, leaving storage’s tables, and applies them again', async () => {
    const { dataSource } = opened.store;
    for (let step = 0; step < ML_STORE_SCHEMA.migrations.length; step++) await dataSource.undoLastMigration();
    const tables = await tableNames(dataSource);
    expect(tables.filter((name) => ['alert_rules', 'alert_notifications', 'model_versions'].includes(name))).toEqual([]);
    expect(tables).toEqual(expect.arrayContaining(['events', 'tenants']));
    await dataSource.runMigrations();
    expect(await tableNames(dataSource)).toEqual(expect.arrayContaining(['alert_notifications', 'alert_rules', 'model_versions']));
  });
});

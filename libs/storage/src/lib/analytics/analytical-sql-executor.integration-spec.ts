import { STORE_TARGETS, type OpenedStore } from '../../testing/store-targets';
import { analyticalSqlExecutor } from './analytical-sql-executor';

describe.each(STORE_TARGETS)('analyticalSqlExecutor on $name', (target) => {
  let opened: OpenedStore;

  beforeAll(async () => {
    opened = await target.open();
  });

  afterAll(async () => {
    await opened?.dispose();
  });

  const settings = (rows: Array<{ work_mem: string; jit: string }>) => rows[0];
  const SHOW = `SELECT current_setting('work_mem') AS "work_mem", current_setting('jit') AS "jit"`;

  it('runs a statement with more sort memory and no JIT, and leaves the connection at its defaults', async () => {
    const { dataSource } = opened.store;
    const before = settings(await dataSource.query(SHOW));

    expect(settings(await analyticalSqlExecutor(dataSource, '96MB').query(SHOW))).toEqual({ work_mem: '96MB', jit: 'off' });
    // SET LOCAL ended with the statement's transaction: every pooled connection is back at the defaults.
    for (let i = 0; i < 4; i++) expect(settings(await dataSource.query(SHOW))).toEqual(before);
  });

  it('passes bound parameters through', async () => {
    const rows = await analyticalSqlExecutor(opened.store.dataSource).query('SELECT $1::int + $2::int AS "sum"', [2, 3]);
    expect(rows).toEqual([{ sum: 5 }]);
  });

  it('refuses a malformed work_mem instead of building SQL from it', () => {
    expect(() => analyticalSqlExecutor(opened.store.dataSource, "64MB'; DROP TABLE events;--")).toThrow(RangeError);
  });
});

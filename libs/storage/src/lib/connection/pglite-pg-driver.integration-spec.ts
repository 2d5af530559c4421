import { PGlite } from '@electric-sql/pglite';
import { createPGlitePgDriver, type PGlitePool } from './pglite-pg-driver';

describe('PGlite pg driver', () => {
  let pglite: PGlite;
  let pool: PGlitePool;

  beforeAll(async () => {
    pglite = await PGlite.create('memory://');
    await pglite.exec(`CREATE TABLE "items" ("id" int PRIMARY KEY)`);
  });

  beforeEach(async () => {
    const { Pool } = createPGlitePgDriver(pglite);
    pool = new Pool({ connectionTimeoutMillis: 2_000 });
    await pglite.exec(`TRUNCATE "items"`);
  });

  afterEach(async () => {
    await pool.end();
  });

  afterAll(async () => {
    await pglite.close();
  });

  it('parses results the way pg does against a server', async () => {
    const { rows } = await pool.query(
      `SELECT 1::int8 AS "big", 1.5::numeric AS "exact", '{"a":[1,2]}'::jsonb AS "json",
              '2025-03-30T01:30:00.123Z'::timestamptz AS "at", ARRAY['x','y'] AS "list"`,
    );

    expect(rows).toEqual([
      {
        big: '1',
        exact: '1.5',
        json: { a: [1, 2] },
        at: new Date('2025-03-30T01:30:00.123Z'),
        list: ['x', 'y'],
      },
    ]);
  });

  it('supports the callback forms TypeORM uses', async () => {
    const client = await new Promise<
      Parameters<Parameters<PGlitePool['connect']>[0]>[1]
    >((resolve, reject) =>
      pool.connect((error, leased) =>
        error ? reject(error) : resolve(leased),
      ),
    );
    const result = await new Promise((resolve, reject) =>
      client?.query('SELECT $1::text AS "echo"', ['hi'], (error, value) =>
        error ? reject(error) : resolve(value.rows),
      ),
    );
    client?.release();

    expect(result).toEqual([{ echo: 'hi' }]);
  });

  it('lends its one connection to one borrower at a time, so a transaction sees no one else', async () => {
    const holder = await pool.connect();
    await holder.query('BEGIN');
    await holder.query(`INSERT INTO "items" VALUES (1)`);

    const outsider = pool.query(`SELECT count(*)::int AS "count" FROM "items"`);
    expect(pool.waitingCount).toBe(1);
    await holder.query('ROLLBACK');
    holder.release();

    expect((await outsider).rows).toEqual([{ count: 0 }]);
  });

  it('rolls back a transaction its borrower left open before lending the connection again', async () => {
    const careless = await pool.connect();
    await careless.query('BEGIN');
    await careless.query(`INSERT INTO "items" VALUES (1)`);
    careless.release();

    const next = await pool.connect();
    const { rows } = await next.query(
      `SELECT count(*)::int AS "count" FROM "items"`,
    );
    next.release();

    expect(rows).toEqual([{ count: 0 }]);
    expect(pglite.isInTransaction()).toBe(false);
  });

  it('recovers from an aborted transaction released with an error, on a fresh client', async () => {
    const broken = await pool.connect();
    await broken.query('BEGIN');
    await expect(broken.query('SELECT 1/0')).rejects.toThrow(
      /division by zero/,
    );
    broken.release(new Error('gave up'));

    const next = await pool.connect();
    const { rows } = await next.query('SELECT 1 AS "ok"');
    next.release();

    expect(next).not.toBe(broken);
    expect(rows).toEqual([{ ok: 1 }]);
  });

  it('refuses a second release of the same loan', async () => {
    const client = await pool.connect();
    client.release();

    expect(() => client.release()).toThrow(/already released/);
  });

  it('fails a borrower who waits longer than the timeout, with a message that names the cause', async () => {
    const holder = await pool.connect();

    await expect(pool.connect()).rejects.toThrow(/only connection/);
    holder.release();
  });

  it('rejects borrowers once ended', async () => {
    await pool.end();

    await expect(pool.connect()).rejects.toThrow(/has ended/);
  });
});

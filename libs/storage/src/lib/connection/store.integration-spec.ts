import { QueryFailedError } from 'typeorm';
import { eventSeries } from '../../testing/event-fixtures';
import { STORE_TARGETS, type OpenedStore } from '../../testing/store-targets';
import { EventRepository } from '../repositories/event.repository';
import { TenantRepository } from '../repositories/tenant.repository';
import { openStore } from './open-store';

describe.each(STORE_TARGETS)('store on $name', (target) => {
  let opened: OpenedStore;

  beforeAll(async () => {
    opened = await target.open();
  });

  afterAll(async () => {
    await opened?.dispose();
  });

  it('reports healthy while open', async () => {
    await expect(opened.store.health.check()).resolves.toBeUndefined();
  });

  it('answers the next query after a query fails', async () => {
    const { dataSource } = opened.store;

    await expect(
      dataSource.query('SELECT * FROM "no_such_table"'),
    ).rejects.toBeInstanceOf(QueryFailedError);

    expect(await dataSource.query('SELECT 1 AS "answer"')).toEqual([
      { answer: 1 },
    ]);
  });

  it('rolls back a transaction whose query fails and keeps no row of it', async () => {
    const { dataSource } = opened.store;

    await expect(
      dataSource.transaction(async (manager) => {
        await manager.query(
          `INSERT INTO "tenants" ("slug", "name", "write_key_hash") VALUES ($1, $2, $3)`,
          ['ghost', 'Ghost', 'hash-ghost'],
        );
        await manager.query('SELECT * FROM "no_such_table"');
      }),
    ).rejects.toBeInstanceOf(QueryFailedError);

    const ghosts = await dataSource.query(
      `SELECT "slug" FROM "tenants" WHERE "slug" = $1`,
      ['ghost'],
    );
    expect(ghosts).toEqual([]);
    expect(await dataSource.query('SELECT 1 AS "answer"')).toEqual([
      { answer: 1 },
    ]);
  });

  it('keeps working after a transaction is rolled back explicitly on a query runner', async () => {
    const { dataSource } = opened.store;
    const queryRunner = dataSource.createQueryRunner();
    await queryRunner.startTransaction();
    await queryRunner.query(
      `INSERT INTO "tenants" ("slug", "name", "write_key_hash") VALUES ($1, $2, $3)`,
      ['rolled-back', 'Rolled back', 'hash-rolled-back'],
    );
    await expect(queryRunner.query(`SELECT 1/0`)).rejects.toBeInstanceOf(
      QueryFailedError,
    );
    await queryRunner.rollbackTransaction();
    await queryRunner.release();

    expect(
      await dataSource.query(
        `SELECT count(*)::int AS "count" FROM "tenants" WHERE "slug" = $1`,
        ['rolled-back'],
      ),
    ).toEqual([{ count: 0 }]);
    expect(
      await new EventRepository(dataSource).insertMany(
        eventSeries(2, new Date('2025-03-01T00:00:00Z')),
      ),
    ).toEqual({
      inserted: 2,
    });
  });

  it('closes once, and reports unhealthy afterwards', async () => {
    const second = await target.open();

    await second.store.close();
    await second.store.close();

    await expect(second.store.health.check()).rejects.toThrow(
      /not initialized/,
    );
    await second.dispose();
  });
});

describe('embedded store on disk', () => {
  it('keeps its data across close and reopen of the same data directory', async () => {
    const { mkdtemp, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dataDir = await mkdtemp(join(tmpdir(), 'pulse-pglite-'));
    try {
      const first = await openStore({ kind: 'embedded', dataDir });
      await new TenantRepository(first.dataSource).create({
        slug: 'durable',
        name: 'Durable',
        writeKeyHash: 'hash-durable',
      });
      await first.close();

      const second = await openStore({ kind: 'embedded', dataDir });
      const found = await new TenantRepository(second.dataSource).findBySlug(
        'durable',
      );
      await second.close();

      expect(found?.name).toBe('Durable');
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

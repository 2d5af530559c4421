import { randomBytes } from 'node:crypto';
import { Client, escapeIdentifier } from 'pg';
import { STORAGE_MIGRATIONS } from '../migrations/storage-migrations';
import { openStore } from './open-store';
import type { Store } from './store';

const adminUrl = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

async function asAdmin(sql: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

describe('services starting at the same time on one fresh PostgreSQL database', () => {
  const database = `pulse_it_${randomBytes(6).toString('hex')}`;
  const stores: Store[] = [];

  beforeAll(() => asAdmin(`CREATE DATABASE ${escapeIdentifier(database)}`));
  afterAll(async () => {
    await Promise.all(stores.map((store) => store.close()));
    await asAdmin(`DROP DATABASE IF EXISTS ${escapeIdentifier(database)} WITH (FORCE)`);
  });

  it('all open successfully and every migration runs exactly once', async () => {
    const url = new URL(adminUrl);
    url.pathname = `/${database}`;
    stores.push(
      ...(await Promise.all(
        Array.from({ length: 4 }, () => openStore({ kind: 'postgres', url: url.toString(), poolSize: 2 })),
      )),
    );
    const applied: Array<{ name: string }> = await stores[0].dataSource.query('SELECT name FROM migrations ORDER BY id');
    expect(applied.map((row) => row.name)).toEqual(STORAGE_MIGRATIONS.map((migration) => new migration().name));
  });
});

import { openStore, type Store } from '@pulse/storage';
import { randomBytes } from 'node:crypto';
import { Client, escapeIdentifier } from 'pg';

export interface OpenedStore {
  store: Store;
  dispose(): Promise<void>;
}

const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/test';

export async function openEmbeddedStore(): Promise<OpenedStore> {
  const store = await openStore({ kind: 'embedded' });
  return { store, dispose: () => store.close() };
}

/**
 * A fresh, migrated PostgreSQL database `pulse_sp_<random>` beside the one `DATABASE_URL` names,
 * dropped on dispose (the same approach as storage's integration suite). Fails, never skips, when
 * PostgreSQL is unreachable.
 */
export async function openFreshPostgresStore(poolSize = 4): Promise<OpenedStore> {
  const adminUrl = process.env['DATABASE_URL'] ?? DEFAULT_ADMIN_URL;
  const database = `pulse_sp_${randomBytes(6).toString('hex')}`;
  await runAsAdmin(adminUrl, `CREATE DATABASE ${escapeIdentifier(database)}`);
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  const drop = () => runAsAdmin(adminUrl, `DROP DATABASE IF EXISTS ${escapeIdentifier(database)} WITH (FORCE)`);
  try {
    const store = await openStore({ kind: 'postgres', url: url.toString(), poolSize });
    return {
      store,
      dispose: async () => {
        await store.close();
        await drop();
      },
    };
  } catch (error) {
    await drop();
    throw error;
  }
}

async function runAsAdmin(adminUrl: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL is unreachable at ${new URL(adminUrl).host} (${(error as Error).message}). ` +
        'The stream processor integration tests need it: start PostgreSQL or set DATABASE_URL.',
    );
  }
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

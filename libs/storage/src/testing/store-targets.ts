import { randomBytes } from 'node:crypto';
import { Client, escapeIdentifier } from 'pg';
import { openStore } from '../lib/connection/open-store';
import type { Store } from '../lib/connection/store';

/** A database the shared integration suite runs against; `open` gives a fresh, migrated, empty one. */
export interface StoreTarget {
  name: string;
  open(): Promise<OpenedStore>;
}

export interface OpenedStore {
  store: Store;
  /** Closes the store and removes whatever `open` created. */
  dispose(): Promise<void>;
}

const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/test';

export const STORE_TARGETS: readonly StoreTarget[] = [
  { name: 'PostgreSQL', open: openFreshPostgresStore },
  { name: 'embedded PGlite', open: openInMemoryEmbeddedStore },
];

async function openInMemoryEmbeddedStore(): Promise<OpenedStore> {
  const store = await openStore({ kind: 'embedded' });
  return { store, dispose: () => store.close() };
}

/** Creates `pulse_it_<random>` next to the admin database, opens it, and drops it on dispose. */
async function openFreshPostgresStore(): Promise<OpenedStore> {
  const adminUrl = process.env['DATABASE_URL'] ?? DEFAULT_ADMIN_URL;
  const database = `pulse_it_${randomBytes(6).toString('hex')}`;
  await runAsAdmin(adminUrl, `CREATE DATABASE ${escapeIdentifier(database)}`);
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  const dropDatabase = () =>
    runAsAdmin(
      adminUrl,
      `DROP DATABASE IF EXISTS ${escapeIdentifier(database)} WITH (FORCE)`,
    );
  try {
    const store = await openStore({
      kind: 'postgres',
      url: url.toString(),
      poolSize: 4,
    });
    return {
      store,
      dispose: async () => {
        await store.close();
        await dropDatabase();
      },
    };
  } catch (error) {
    await dropDatabase();
    throw error;
  }
}

async function runAsAdmin(adminUrl: string, sql: string): Promise<void> {
  const client = new Client({
    connectionString: adminUrl,
    connectionTimeoutMillis: 10_000,
  });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL is unreachable at ${withoutPassword(adminUrl)} (${(error as Error).message}). ` +
        'The storage integration suite needs it: start PostgreSQL or set DATABASE_URL to an admin connection.',
    );
  }
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function withoutPassword(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

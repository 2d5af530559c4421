import { randomBytes } from 'node:crypto';
import { Client, escapeIdentifier } from 'pg';

const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/test';

/** A database created beside the admin one `DATABASE_URL` names; `drop` removes it (`WITH (FORCE)`). */
export interface FreshDatabase {
  url: string;
  drop(): Promise<void>;
}

/**
 * Creates `<prefix>_<random>` next to the admin database. Fails, never skips, when PostgreSQL is
 * unreachable: the message names the host and how to fix it.
 */
export async function createFreshDatabase(prefix = 'pulse_it'): Promise<FreshDatabase> {
  const adminUrl = process.env['DATABASE_URL'] ?? DEFAULT_ADMIN_URL;
  const database = `${prefix}_${randomBytes(6).toString('hex')}`;
  await runAsAdmin(adminUrl, `CREATE DATABASE ${escapeIdentifier(database)}`);
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return {
    url: url.toString(),
    drop: () => runAsAdmin(adminUrl, `DROP DATABASE IF EXISTS ${escapeIdentifier(database)} WITH (FORCE)`),
  };
}

async function runAsAdmin(adminUrl: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL is unreachable at ${withoutPassword(adminUrl)} (${(error as Error).message}). ` +
        'Integration tests need it: start PostgreSQL or set DATABASE_URL to an admin connection.',
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

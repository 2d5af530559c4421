// The built stream processor (dist/apps/stream-processor) run as separate processes on their own topics of the
// shared broker (PROCESSOR_TOPIC_PREFIX), and the PostgreSQL chores around them: used by processor-scale-bench.ts
// and restore-check.ts.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import http from 'node:http';
import { join, resolve } from 'node:path';
import type { Kafka } from 'kafkajs';
import { Client } from 'pg';
import { createClient } from 'redis';

export const ROOT = resolve(__dirname, '../..');
export const PG = process.env['BENCH_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432';
export const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
export const BROKERS = process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092';
// What k8s/base gives every service, so the process runs as deployed.
const CHILD_NODE_OPTIONS = '--max-semi-space-size=4 --max-old-space-size=1024';

export const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
export const logger =
  (prefix: string) =>
  (...parts: unknown[]) =>
    console.error(`[${prefix} ${new Date().toISOString().slice(11, 19)}]`, ...parts);

export interface ProcessorStart {
  databaseUrl: string;
  group: string;
  topicPrefix: string;
  port: number;
}

/** One built processor; its stderr's tail is logged if it ends on its own. */
export function startProcessor(start: ProcessorStart, log: (...parts: unknown[]) => void): ChildProcess {
  const file = join(ROOT, 'dist/apps/stream-processor/main.js');
  if (!existsSync(file)) throw new Error(`${file} missing: run npx nx run stream-processor:build`);
  const child = spawn(process.execPath, [file], {
    cwd: ROOT,
    env: {
      PATH: process.env['PATH'] ?? '',
      HOME: process.env['HOME'] ?? '',
      NODE_OPTIONS: CHILD_NODE_OPTIONS,
      KAFKA_BROKERS: BROKERS,
      DATABASE_URL: start.databaseUrl,
      REDIS_URL,
      PORT: String(start.port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      PROCESSOR_TOPIC_PREFIX: start.topicPrefix,
      PROCESSOR_GROUP_ID: start.group,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let tail = '';
  child.stderr?.on('data', (chunk: Buffer) => (tail = (tail + chunk.toString()).slice(-3000)));
  child.on('exit', (code, signal) => {
    if (code !== 0 && signal !== 'SIGTERM' && signal !== 'SIGKILL') log(`processor on :${start.port} exited ${code ?? signal}: ${tail}`);
  });
  return child;
}

export function httpGet(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((done) => {
    const request = http.get({ host: '127.0.0.1', port, path, timeout: 5000 }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => done({ status: response.statusCode ?? 0, body }));
    });
    request.on('error', () => done({ status: 0, body: '' }));
    request.on('timeout', () => request.destroy());
  });
}

export async function waitReady(port: number, child: ChildProcess): Promise<void> {
  const end = Date.now() + 120_000;
  while (Date.now() < end) {
    if (child.exitCode !== null) throw new Error(`the processor on :${port} exited before it was ready`);
    if ((await httpGet(port, '/ready')).status === 200) return;
    await sleep(300);
  }
  throw new Error(`the processor on :${port} was not ready within 120 s`);
}

/** SIGTERM (so each leaves its consumer group), SIGKILL what has not exited after 20 s. */
export async function stopProcessors(processes: readonly ChildProcess[]): Promise<void> {
  const running = () => processes.filter((child) => child.exitCode === null && child.signalCode === null);
  for (const child of running()) child.kill('SIGTERM');
  const end = Date.now() + 20_000;
  while (Date.now() < end && running().length > 0) await sleep(200);
  for (const child of running()) child.kill('SIGKILL');
}

export async function withDatabase<T>(database: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: `${PG}/${database}` });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function dropDatabase(name: string, log: (...parts: unknown[]) => void): Promise<void> {
  await withDatabase('postgres', (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).catch((error: Error) =>
    log(`drop ${name}: ${error.message}`),
  );
}

/**
 * Creates `database`, migrated by the built processor itself (started once against it, on topics still empty,
 * in its own group), with one tenant (UTC, EUR).
 */
export async function createMigratedDatabase(
  database: string,
  tenant: { id: string; slug: string },
  start: Omit<ProcessorStart, 'databaseUrl'>,
  log: (...parts: unknown[]) => void,
): Promise<void> {
  await withDatabase('postgres', (client) => client.query(`CREATE DATABASE "${database}"`));
  const child = startProcessor({ ...start, databaseUrl: `${PG}/${database}` }, log);
  try {
    await waitReady(start.port, child);
  } finally {
    await stopProcessors([child]);
  }
  await withDatabase(database, (client) =>
    client.query(`INSERT INTO tenants (id, slug, name, write_key_hash, time_zone, currency) VALUES ($1, $2, $2, $2, 'UTC', 'EUR')`, [
      tenant.id,
      tenant.slug,
    ]),
  );
}

/**
 * The `index`-th of `total` events of a tenant's shop, a raw envelope keyed as ingestion keys it: page views,
 * product views, add-to-carts and purchases of `users` users, spread over the two hours before `now`.
 */
export function shopEnvelope(
  run: string,
  tenantId: string,
  index: number,
  { total, users, now }: { total: number; users: number; now: number },
): { key: string; value: string } {
  const user = `user-${index % users}`;
  const kind = index % 20;
  const type = kind < 12 ? 'page_view' : kind < 17 ? 'product_view' : kind < 19 ? 'add_to_cart' : 'purchase';
  const properties: Record<string, unknown> =
    type === 'page_view'
      ? { path: `/page/${index % 50}` }
      : type === 'purchase'
        ? { revenue: 10 + (index % 90), currency: 'EUR', product_category: `cat-${index % 8}` }
        : { product_id: `p-${index % 500}`, product_category: `cat-${index % 8}`, price: 5 + (index % 40) };
  const at = new Date(now - 7_200_000 + Math.floor((index / total) * 7_000_000)).toISOString();
  const envelope = {
    schemaVersion: 1,
    tenantId,
    receivedAt: at,
    source: 'http',
    event: {
      eventId: `${run}-${index}`,
      type,
      timestamp: at,
      userId: user,
      sessionId: `s-${user}-${Math.floor(index / (users * 4))}`,
      properties,
      context: { userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36' },
    },
  };
  return { key: `${tenantId}:${user}`, value: JSON.stringify(envelope) };
}

/** Produces messages `from`…`to − 1` (made by `make`) onto `topic`, 2,000 a request, acknowledged by every replica. */
export async function produceMessages(
  kafka: Kafka,
  topic: string,
  { from, to }: { from: number; to: number },
  make: (index: number) => { key: string; value: string },
): Promise<void> {
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    for (let start = from; start < to; start += 2000) {
      const messages = [];
      for (let index = start; index < Math.min(to, start + 2000); index++) messages.push(make(index));
      await producer.send({ topic, messages, acks: -1 });
    }
  } finally {
    await producer.disconnect();
  }
}

/** Deletes what the processors left in Redis for a tenant (its live state); answers how many keys went. */
export async function deleteTenantRedisKeys(tenantId: string): Promise<number> {
  const redis = createClient({ url: REDIS_URL });
  await redis.connect();
  let removed = 0;
  try {
    for await (const keys of redis.scanIterator({ MATCH: `*${tenantId}*`, COUNT: 1000 })) {
      const batch = Array.isArray(keys) ? keys : [keys];
      if (batch.length > 0) removed += await redis.del(batch);
    }
  } finally {
    await redis.quit();
  }
  return removed;
}

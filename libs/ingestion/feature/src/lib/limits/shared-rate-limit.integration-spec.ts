import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import { bearer, send, type HttpAnswer } from '../../testing/http-client';
import { waitFor } from '../../testing/ingestion-app';
import { startIngestionReplicas, type IngestionReplicas } from '../../testing/ingestion-replicas';
import { RedisServerUnderTest } from '../../testing/redis-server';
import { createTenant, type TestTenant } from '../../testing/tenants';

/**
 * Two ingestion replicas, each with its own Redis client, share each tenant's token bucket. The limit is set as an
 * operator sets it (1 event/s, bursts of 10) and the buckets' clock is held still, so no token comes back during a
 * test: exactly the burst passes, whatever the machine's speed.
 */
const BURST = 10;
const FROZEN_MS = Date.now();
const saved = { ...process.env };

beforeAll(() => {
  process.env['INGESTION_RATE_LIMIT_PER_SECOND'] = '1';
  process.env['INGESTION_RATE_LIMIT_BURST'] = String(BURST);
});

afterAll(() => {
  process.env = saved;
});

const uniquePrefix = () => `pulse-ingestion-test-${randomBytes(6).toString('hex')}:rate-limit`;

let eventNumber = 0;
const oneEvent = (tenant: TestTenant, url: string): Promise<HttpAnswer> =>
  send(`${url}/v1/events`, {
    headers: bearer(tenant.writeKey),
    json: { eventId: `e-${++eventNumber}`, type: 'page_view', timestamp: new Date().toISOString(), userId: 'u-1', properties: {} },
  });

/** Sends `count` single-event requests one after another, alternating between the replicas; the statuses in order. */
async function alternate(tenant: TestTenant, urls: string[], count: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < count; i++) statuses.push((await oneEvent(tenant, urls[i % urls.length] as string)).status);
  return statuses;
}

const countOf = (statuses: number[], status: number) => statuses.filter((candidate) => candidate === status).length;

async function metric(url: string, name: string, labels = ''): Promise<number | undefined> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${name}{`) && candidate.includes(labels));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

async function readiness(url: string): Promise<HttpAnswer> {
  return send(`${url}/ready`);
}

describe('a tenant rate limit shared by two replicas (Redis at REDIS_URL)', () => {
  const redisUrl = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
  const keyPrefix = uniquePrefix();
  let replicas: IngestionReplicas;
  let urls: string[];

  beforeAll(async () => {
    replicas = await startIngestionReplicas(2, redisUrl, { keyPrefix, now: () => FROZEN_MS });
    urls = replicas.urls;
  });

  afterAll(async () => {
    await replicas?.stop();
    const client = createClient({ url: redisUrl });
    await client.connect();
    const keys = await client.keys(`${keyPrefix}:*`);
    if (keys.length > 0) await client.del(keys);
    await client.close();
  });

  it('accepts exactly the burst across both replicas, then answers 429 on either, and another tenant keeps its own', async () => {
    const limited = await createTenant(urls[0] as string);
    const other = await createTenant(urls[0] as string);

    // Alone, each replica would accept 10: together they accept 10, five each.
    expect(await alternate(limited, urls, 14)).toEqual([...Array(BURST).fill(202), 429, 429, 429, 429]);

    const refused = await oneEvent(limited, urls[1] as string);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(refused.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
    expect(refused.body.message).toContain('1 events per second (bursts up to 10)');

    expect(await alternate(other, urls, BURST)).toEqual(Array(BURST).fill(202));
    await waitFor(
      () => [replicas.arrivedPerTenant.get(limited.id), replicas.arrivedPerTenant.get(other.id)],
      ([mine, theirs]) => mine === BURST && theirs === BURST,
      10_000,
      (arrived) => `arrived ${JSON.stringify(arrived)}`,
    );
    expect(replicas.arrivedPerTenant.get(limited.id)).toBe(BURST);
  });

  it('takes from the bucket atomically: a concurrent burst of 30 requests over both replicas gets exactly 10 through', async () => {
    const tenant = await createTenant(urls[0] as string);

    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => oneEvent(tenant, urls[i % 2] as string)));

    expect(
      countOf(
        answers.map((answer) => answer.status),
        202,
      ),
    ).toBe(BURST);
    expect(
      countOf(
        answers.map((answer) => answer.status),
        429,
      ),
    ).toBe(20);
  });

  it('says the limit is shared, in /ready and in the metrics', async () => {
    for (const url of urls) {
      expect(await readiness(url)).toMatchObject({ status: 200, body: { status: 'ready', checks: { sharedRateLimit: 'up' } } });
      expect(await metric(url, 'pulse_ingestion_rate_limit_shared')).toBe(1);
      expect(await metric(url, 'pulse_ingestion_rate_limit_fallback_decisions_total', 'decision="allowed"')).toBe(0);
    }
  });
});

describe('a Redis outage under two replicas (a redis-server of this test, killed and restarted)', () => {
  let redis: RedisServerUnderTest;
  let replicas: IngestionReplicas;
  let urls: string[];

  beforeAll(async () => {
    redis = await RedisServerUnderTest.start();
    replicas = await startIngestionReplicas(2, redis.url, { keyPrefix: uniquePrefix(), now: () => FROZEN_MS, retryIntervalMs: 100 });
    urls = replicas.urls;
  });

  afterAll(async () => {
    await replicas?.stop();
    await redis?.kill();
  });

  it('falls back to per-replica limits while Redis is down, says so, and shares again once it is back', async () => {
    const before = await createTenant(urls[0] as string);
    expect(countOf(await alternate(before, urls, 12), 202)).toBe(BURST);

    await redis.kill();

    // Each replica now limits on its own: its own full burst passes, then 429s. Not everything refused, not unlimited.
    const tenant = await createTenant(urls[0] as string);
    for (const url of urls) {
      const statuses: number[] = [];
      for (let i = 0; i < BURST + 3; i++) statuses.push((await oneEvent(tenant, url)).status);
      expect(statuses).toEqual([...Array(BURST).fill(202), 429, 429, 429]);
    }
    for (const url of urls) {
      const ready = await readiness(url);
      expect(ready.status).toBe(200);
      expect(ready.body.status).toBe('ready');
      expect(ready.body.checks.sharedRateLimit).toMatch(/^degraded: Redis is unreachable \(.+\); each replica limits tenants on its own/);
      expect(await metric(url, 'pulse_ingestion_rate_limit_shared')).toBe(0);
      expect(await metric(url, 'pulse_ingestion_rate_limit_fallback_decisions_total', 'decision="allowed"')).toBe(BURST);
      expect(await metric(url, 'pulse_ingestion_rate_limit_fallback_decisions_total', 'decision="refused"')).toBe(3);
    }

    await redis.start();

    // The clients reconnect with backoff; any request after that finds the shared buckets again (the script is
    // loaded anew: the restarted Redis answers NOSCRIPT first).
    const probe = await createTenant(urls[0] as string);
    for (const url of urls) {
      await waitForAsync(
        async () => {
          await oneEvent(probe, url);
          return metric(url, 'pulse_ingestion_rate_limit_shared');
        },
        (shared) => shared === 1,
        30_000,
      );
      expect(await readiness(url)).toMatchObject({ status: 200, body: { status: 'ready', checks: { sharedRateLimit: 'up' } } });
    }
    const after = await createTenant(urls[0] as string);
    expect(await alternate(after, urls, 12)).toEqual([...Array(BURST).fill(202), 429, 429]);
  });
});

async function waitForAsync<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out; last value ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

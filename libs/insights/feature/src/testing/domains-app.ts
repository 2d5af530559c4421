import { ConsoleLogger, type INestApplication } from '@nestjs/common';
import { MemoryCacheStore, type CacheStore } from '@pulse/cache';
import { InProcessMessageBus } from '@pulse/messaging';
import { startServiceApplication, type PlatformAdapters, type RunningService } from '@pulse/platform';
import type { Store } from '@pulse/storage';
import type { StoreTarget } from '@pulse/storage/testing';
import { TenantAdminService } from '@pulse/tenancy';
import { randomBytes } from 'node:crypto';
import { INSIGHTS_SERVICE } from '../lib/insights.service-definition';
import { MlClock } from '../lib/ml/training/ml-clock';

export interface DomainsTenant {
  id: string;
  secretKey: string;
  timeZone: string;
  currency: string;
}

export interface HttpAnswer {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** The insights service over HTTP on one store (PostgreSQL or PGlite) with its ML tables, an in-process bus and a memory cache. */
export interface DomainsAppUnderTest {
  url: string;
  app: INestApplication;
  store: Store;
  cache: CacheStore;
  /** A tenant (Europe/Berlin and EUR unless given) and one of its secret keys, created as the admin API does. */
  createTenant(profile?: { timeZone?: string; currency?: string }): Promise<DomainsTenant>;
  /** GET (or POST with a JSON body) with the tenant's secret key; the parsed answer. */
  call(tenant: DomainsTenant | null, path: string, json?: unknown): Promise<HttpAnswer>;
  get(tenant: DomainsTenant | null, path: string): Promise<HttpAnswer>;
  /** POST with the tenant's secret key and a JSON body, or none. */
  post(tenant: DomainsTenant | null, path: string, json?: unknown): Promise<HttpAnswer>;
  /** Any request as a client may send it: a raw body (not necessarily JSON) or none, any bearer key or none. */
  request(method: string, path: string, options?: { secretKey?: string; body?: string }): Promise<HttpAnswer>;
  stop(): Promise<void>;
}

/**
 * Starts the insights service on `target`'s store. Given `now`, every "now" of training, scoring and the
 * nightly schedule is that instant; otherwise the service reads the wall clock.
 */
export async function startDomainsApp(target: StoreTarget, options: { now?: Date } = {}): Promise<DomainsAppUnderTest> {
  const opened = await target.open(INSIGHTS_SERVICE.storeSchema);
  const cache = new MemoryCacheStore();
  const adapters: PlatformAdapters = { mode: 'embedded', settings: {}, bus: new InProcessMessageBus(), store: opened.store, cache };
  let running: RunningService;
  try {
    running = await startServiceApplication(
      INSIGHTS_SERVICE,
      adapters,
      { port: 0, host: '127.0.0.1' },
      new ConsoleLogger('insights-it', { logLevels: ['error', 'warn'] }),
    );
  } catch (error) {
    await opened.dispose();
    throw error;
  }
  const { now } = options;
  if (now) running.app.get(MlClock, { strict: false }).now = () => now;
  const admin = running.app.get(TenantAdminService, { strict: false });
  const request: DomainsAppUnderTest['request'] = async (method, path, { secretKey, body } = {}) => {
    // A fresh connection per call: after a long seeding pause a kept-alive socket can be closed by the server's
    // 5 s keep-alive timeout just as fetch reuses it (ECONNRESET).
    const headers: Record<string, string> = { connection: 'close', ...(secretKey ? { authorization: `Bearer ${secretKey}` } : {}) };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${running.url}${path}`, { method, headers, body });
    const text = await response.text();
    return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
  };
  const post = (tenant: DomainsTenant | null, path: string, json?: unknown) =>
    request('POST', path, { secretKey: tenant?.secretKey, body: json === undefined ? undefined : JSON.stringify(json) });
  const get = (tenant: DomainsTenant | null, path: string) => request('GET', path, { secretKey: tenant?.secretKey });
  return {
    url: running.url,
    app: running.app,
    store: opened.store,
    cache,
    createTenant: async ({ timeZone = 'Europe/Berlin', currency = 'EUR' } = {}) => {
      const slug = `it-${randomBytes(5).toString('hex')}`;
      const created = await admin.createTenant({ slug, name: `Tenant ${slug}`, timeZone, currency });
      return { id: created.tenant.id, secretKey: created.secretKey.key, timeZone, currency };
    },
    call: (tenant, path, json) => (json === undefined ? get(tenant, path) : post(tenant, path, json)),
    get,
    post,
    request,
    stop: async () => {
      await running.app.close();
      await adapters.bus.close();
      await cache.close();
      await opened.dispose();
    },
  };
}

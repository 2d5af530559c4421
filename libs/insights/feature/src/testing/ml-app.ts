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

export interface MlTenant {
  id: string;
  secretKey: string;
}

/** The insights service over HTTP on one store (PostgreSQL or PGlite) with its ML tables, a memory cache and its clock set by the test. */
export interface MlAppUnderTest {
  app: INestApplication;
  store: Store;
  cache: CacheStore;
  /** Every "now" of training, scoring and the nightly schedule is this instant. */
  setNow(now: Date): void;
  createTenant(timeZone: string): Promise<MlTenant>;
  get(tenant: MlTenant | null, path: string): Promise<{ status: number; body: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any
  post(tenant: MlTenant | null, path: string, json?: unknown): Promise<{ status: number; body: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any
  stop(): Promise<void>;
}

export async function startMlApp(target: StoreTarget, now: Date): Promise<MlAppUnderTest> {
  const opened = await target.open(INSIGHTS_SERVICE.storeSchema);
  const cache = new MemoryCacheStore();
  const adapters: PlatformAdapters = { mode: 'embedded', settings: {}, bus: new InProcessMessageBus(), store: opened.store, cache };
  let running: RunningService;
  try {
    running = await startServiceApplication(
      INSIGHTS_SERVICE,
      adapters,
      { port: 0, host: '127.0.0.1' },
      new ConsoleLogger('insights-ml-it', { logLevels: ['error', 'warn'] }),
    );
  } catch (error) {
    await opened.dispose();
    throw error;
  }
  let current = now;
  // The service's one clock now reads the test's instant.
  running.app.get(MlClock, { strict: false }).now = () => current;
  const admin = running.app.get(TenantAdminService, { strict: false });
  const call = async (tenant: MlTenant | null, method: 'GET' | 'POST', path: string, json?: unknown) => {
    const headers: Record<string, string> = tenant ? { authorization: `Bearer ${tenant.secretKey}` } : {};
    if (json !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${running.url}${path}`, { method, headers, body: json === undefined ? undefined : JSON.stringify(json) });
    const text = await response.text();
    return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
  };
  return {
    app: running.app,
    store: opened.store,
    cache,
    setNow: (instant) => (current = instant),
    createTenant: async (timeZone) => {
      const slug = `ml-${randomBytes(5).toString('hex')}`;
      const created = await admin.createTenant({ slug, name: `Tenant ${slug}`, timeZone, currency: 'EUR' });
      return { id: created.tenant.id, secretKey: created.secretKey.key };
    },
    get: (tenant, path) => call(tenant, 'GET', path),
    post: (tenant, path, json) => call(tenant, 'POST', path, json),
    stop: async () => {
      await running.app.close();
      await adapters.bus.close();
      await cache.close();
      await opened.dispose();
    },
  };
}

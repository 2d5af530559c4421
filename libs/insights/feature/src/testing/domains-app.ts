import { ConsoleLogger } from '@nestjs/common';
import { MemoryCacheStore } from '@pulse/cache';
import { InProcessMessageBus } from '@pulse/messaging';
import { startServiceApplication, type PlatformAdapters, type RunningService } from '@pulse/platform';
import type { Store } from '@pulse/storage';
import type { StoreTarget } from '@pulse/storage/testing';
import { TenantAdminService } from '@pulse/tenancy';
import { randomBytes } from 'node:crypto';
import { INSIGHTS_SERVICE } from '../lib/insights.service-definition';

export interface DomainsTenant {
  id: string;
  secretKey: string;
  timeZone: string;
  currency: string;
}

/** The insights service over HTTP on one store (PostgreSQL or PGlite), with an in-process bus and a memory cache. */
export interface DomainsAppUnderTest {
  url: string;
  store: Store;
  createTenant(profile: { timeZone: string; currency: string }): Promise<DomainsTenant>;
  /** GET (or POST with a JSON body) with the tenant's secret key; the parsed answer. */
  call(tenant: DomainsTenant | null, path: string, json?: unknown): Promise<{ status: number; body: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any
  stop(): Promise<void>;
}

export async function startDomainsApp(target: StoreTarget): Promise<DomainsAppUnderTest> {
  const opened = await target.open(INSIGHTS_SERVICE.storeSchema);
  const adapters: PlatformAdapters = {
    mode: 'embedded',
    settings: {},
    bus: new InProcessMessageBus(),
    store: opened.store,
    cache: new MemoryCacheStore(),
  };
  let running: RunningService;
  try {
    running = await startServiceApplication(
      INSIGHTS_SERVICE,
      adapters,
      { port: 0, host: '127.0.0.1' },
      new ConsoleLogger('insights-domains-it', { logLevels: ['error', 'warn'] }),
    );
  } catch (error) {
    await opened.dispose();
    throw error;
  }
  const admin = running.app.get(TenantAdminService, { strict: false });
  return {
    url: running.url,
    store: opened.store,
    createTenant: async (profile) => {
      const slug = `dom-${randomBytes(5).toString('hex')}`;
      const created = await admin.createTenant({ slug, name: `Tenant ${slug}`, ...profile });
      return { id: created.tenant.id, secretKey: created.secretKey.key, ...profile };
    },
    call: async (tenant, path, json) => {
      // A fresh connection per call: after a long seeding pause a kept-alive socket can be closed by the server's
      // 5 s keep-alive timeout just as fetch reuses it (ECONNRESET).
      const headers: Record<string, string> = { connection: 'close', ...(tenant ? { authorization: `Bearer ${tenant.secretKey}` } : {}) };
      if (json !== undefined) headers['content-type'] = 'application/json';
      const response = await fetch(`${running.url}${path}`, {
        method: json === undefined ? 'GET' : 'POST',
        headers,
        body: json === undefined ? undefined : JSON.stringify(json),
      });
      const text = await response.text();
      return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
    },
    stop: async () => {
      await running.app.close();
      await adapters.bus.close();
      await adapters.cache.close();
      await opened.dispose();
    },
  };
}

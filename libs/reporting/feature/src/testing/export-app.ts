import { ConsoleLogger } from '@nestjs/common';
import { MemoryCacheStore } from '@pulse/cache';
import { InProcessMessageBus } from '@pulse/messaging';
import { startServiceApplication, type PlatformAdapters, type RunningService } from '@pulse/platform';
import type { Store } from '@pulse/storage';
import type { StoreTarget } from '@pulse/storage/testing';
import { TenantAdminService } from '@pulse/tenancy';
import { randomBytes } from 'node:crypto';
import { REPORTING_SERVICE } from '../lib/reporting.service-definition';

export interface ExportTenant {
  id: string;
  slug: string;
  secretKey: string;
}

/** The reporting service over HTTP on one store (PostgreSQL or PGlite), with an in-process bus and a memory cache. */
export interface ReportingAppUnderTest {
  url: string;
  store: Store;
  createTenant(timeZone: string): Promise<ExportTenant>;
  stop(): Promise<void>;
}

export async function startReportingApp(target: StoreTarget): Promise<ReportingAppUnderTest> {
  const opened = await target.open(REPORTING_SERVICE.storeSchema);
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
      REPORTING_SERVICE,
      adapters,
      { port: 0, host: '127.0.0.1' },
      new ConsoleLogger('reporting-it', { logLevels: ['error', 'warn'] }),
    );
  } catch (error) {
    await opened.dispose();
    throw error;
  }
  const admin = running.app.get(TenantAdminService, { strict: false });
  return {
    url: running.url,
    store: opened.store,
    createTenant: async (timeZone) => {
      const slug = `exp-${randomBytes(5).toString('hex')}`;
      const created = await admin.createTenant({ slug, name: `Tenant ${slug}`, timeZone, currency: 'EUR' });
      return { id: created.tenant.id, slug, secretKey: created.secretKey.key };
    },
    stop: async () => {
      await running.app.close();
      await adapters.bus.close();
      await adapters.cache.close();
      await opened.dispose();
    },
  };
}

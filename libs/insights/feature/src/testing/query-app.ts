import { ConsoleLogger } from '@nestjs/common';
import { closePlatformAdapters, createEmbeddedPlatform, startServiceApplication, type PlatformAdapters, type RunningService } from '@pulse/platform';
import { freshEmbeddedCluster } from '@pulse/storage/testing';
import { TenantAdminService } from '@pulse/tenancy';
import { randomBytes } from 'node:crypto';
import { INSIGHTS_SERVICE } from '../lib/insights.service-definition';

/** The insights service on embedded adapters (PGlite, in-process bus, memory cache), on a free port. */
export interface QueryAppUnderTest {
  adapters: PlatformAdapters;
  /** A tenant and a secret key, created through the tenancy service as the admin API does. */
  createTenant(profile: { timeZone: string; currency: string }): Promise<{ id: string; secretKey: string }>;
  /** `POST /v1/query` with the secret key as bearer token. */
  query(body: unknown, secretKey?: string): Promise<{ status: number; body: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any
  stop(): Promise<void>;
}

export async function startQueryApp(): Promise<QueryAppUnderTest> {
  const adapters = await createEmbeddedPlatform({ storeSchema: INSIGHTS_SERVICE.storeSchema, cluster: await freshEmbeddedCluster() });
  let running: RunningService;
  try {
    running = await startServiceApplication(INSIGHTS_SERVICE, adapters, { port: 0, host: '127.0.0.1' }, new ConsoleLogger('query-it', { logLevels: ['error', 'warn'] }));
  } catch (error) {
    await closePlatformAdapters(adapters);
    throw error;
  }
  return {
    adapters,
    createTenant: async ({ timeZone, currency }) => {
      const slug = `q-${randomBytes(5).toString('hex')}`;
      const created = await running.app.get(TenantAdminService, { strict: false }).createTenant({ slug, name: slug, timeZone, currency });
      return { id: created.tenant.id, secretKey: created.secretKey.key };
    },
    query: async (body, secretKey) => {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (secretKey) headers['authorization'] = `Bearer ${secretKey}`;
      const response = await fetch(`${running.url}/v1/query`, { method: 'POST', headers, body: JSON.stringify(body) });
      const text = await response.text();
      return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
    },
    stop: async () => {
      await running.app.close();
      await closePlatformAdapters(adapters);
    },
  };
}

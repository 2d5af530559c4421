import { ConsoleLogger } from '@nestjs/common';
import { closePlatformAdapters, createEmbeddedPlatform, startServiceApplication, type RunningService } from '@pulse/platform';
import { TenantAdminService } from '@pulse/tenancy';
import { randomBytes } from 'node:crypto';
import { INSIGHTS_SERVICE } from '../lib/insights.service-definition';

/** The insights service on embedded adapters, on a free port, for `POST /v1/ml/messages/analyze`. */
export interface MessageAnalysisAppUnderTest {
  /** A tenant's secret key, created through the tenancy service as the admin API does. */
  createTenantKey(): Promise<string>;
  /** POSTs a JSON body (or, given a string, that raw text) with the secret key as bearer token. */
  analyze(body: unknown, secretKey?: string): Promise<{ status: number; body: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any
  stop(): Promise<void>;
}

export async function startMessageAnalysisApp(): Promise<MessageAnalysisAppUnderTest> {
  const adapters = await createEmbeddedPlatform({ storeSchema: INSIGHTS_SERVICE.storeSchema });
  let running: RunningService;
  try {
    running = await startServiceApplication(
      INSIGHTS_SERVICE,
      adapters,
      { port: 0, host: '127.0.0.1' },
      new ConsoleLogger('ml-messages-it', { logLevels: ['error', 'warn'] }),
    );
  } catch (error) {
    await closePlatformAdapters(adapters);
    throw error;
  }
  return {
    createTenantKey: async () => {
      const slug = `m-${randomBytes(5).toString('hex')}`;
      const created = await running.app
        .get(TenantAdminService, { strict: false })
        .createTenant({ slug, name: slug, timeZone: 'UTC', currency: 'EUR' });
      return created.secretKey.key;
    },
    analyze: async (body, secretKey) => {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (secretKey) headers['authorization'] = `Bearer ${secretKey}`;
      const response = await fetch(`${running.url}/v1/ml/messages/analyze`, {
        method: 'POST',
        headers,
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
    },
    stop: async () => {
      await running.app.close();
      await closePlatformAdapters(adapters);
    },
  };
}

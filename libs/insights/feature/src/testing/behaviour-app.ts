import { ConsoleLogger } from '@nestjs/common';
import { closePlatformAdapters, createEmbeddedPlatform, startServiceApplication, type PlatformAdapters, type RunningService } from '@pulse/platform';
import { EventRepository, recordEventSummaries, type NewEvent } from '@pulse/storage';
import { freshEmbeddedCluster } from '@pulse/storage/testing';
import { TenantAdminService } from '@pulse/tenancy';
import { randomBytes } from 'node:crypto';
import { INSIGHTS_SERVICE } from '../lib/insights.service-definition';

/** The insights service on embedded adapters (PGlite, in-process bus, memory cache), on a free port. */
export interface InsightsUnderTest {
  url: string;
  running: RunningService;
  adapters: PlatformAdapters;
  /** A tenant and one of its secret keys, created through the tenancy service as the admin API would. */
  createTenant(timeZone: string): Promise<{ id: string; secretKey: string }>;
  /** Stores events as the stream processor would, with the person key (user_key) and device type it sets while enriching. */
  insertEvents(events: ReadonlyArray<NewEvent & { userKey?: string | null; deviceType?: string | null }>): Promise<void>;
  get(path: string, secretKey?: string): Promise<HttpAnswer>;
  post(path: string, body: unknown, secretKey?: string): Promise<HttpAnswer>;
  delete(path: string, secretKey?: string): Promise<HttpAnswer>;
  stop(): Promise<void>;
}

export interface HttpAnswer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

export async function startEmbeddedInsights(): Promise<InsightsUnderTest> {
  const adapters = await createEmbeddedPlatform({ storeSchema: INSIGHTS_SERVICE.storeSchema, cluster: await freshEmbeddedCluster() });
  let running: RunningService;
  try {
    running = await startServiceApplication(INSIGHTS_SERVICE, adapters, { port: 0, host: '127.0.0.1' }, new ConsoleLogger('insights-it', { logLevels: ['error', 'warn'] }));
  } catch (error) {
    await closePlatformAdapters(adapters);
    throw error;
  }
  const call = async (method: string, path: string, body: unknown, secretKey?: string): Promise<HttpAnswer> => {
    const headers: Record<string, string> = {};
    if (secretKey) headers['authorization'] = `Bearer ${secretKey}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${running.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
  };
  return {
    url: running.url,
    running,
    adapters,
    createTenant: async (timeZone) => {
      const slug = `it-${randomBytes(5).toString('hex')}`;
      const created = await running.app.get(TenantAdminService, { strict: false }).createTenant({ slug, name: slug, timeZone, currency: 'EUR' });
      return { id: created.tenant.id, secretKey: created.secretKey.key };
    },
    insertEvents: async (events) => {
      await new EventRepository(adapters.store.dataSource).insertMany(events);
      for (const event of events.filter((candidate) => candidate.userKey)) {
        await adapters.store.dataSource.query(`UPDATE "events" SET "user_key" = $3 WHERE "tenant_id" = $1 AND "event_id" = $2`, [event.tenantId, event.eventId, event.userKey]);
      }
      for (const event of events.filter((candidate) => candidate.deviceType)) {
        await adapters.store.dataSource.query(`UPDATE "events" SET "device_type" = $3 WHERE "tenant_id" = $1 AND "event_id" = $2`, [event.tenantId, event.eventId, event.deviceType]);
      }
      await writeProcessorSummaries(adapters, events);
    },
    get: (path, secretKey) => call('GET', path, undefined, secretKey),
    post: (path, body, secretKey) => call('POST', path, body, secretKey),
    delete: (path, secretKey) => call('DELETE', path, undefined, secretKey),
    stop: async () => {
      await running.app.close();
      await closePlatformAdapters(adapters);
    },
  };
}

/**
 * The rollups and first-seen rows the stream processor writes beside each event, with the shared planning
 * code, so read paths that use them (e.g. retention's first-seen path) see what production would.
 */
async function writeProcessorSummaries(
  adapters: PlatformAdapters,
  events: ReadonlyArray<NewEvent & { userKey?: string | null; deviceType?: string | null }>,
): Promise<void> {
  const sql = adapters.store.dataSource;
  for (const tenantId of new Set(events.map((event) => event.tenantId))) {
    const [tenant]: Array<{ time_zone: string; currency: string }> = await sql.query(`SELECT "time_zone", "currency" FROM "tenants" WHERE "id" = $1`, [tenantId]);
    const sources = events
      .filter((event) => event.tenantId === tenantId)
      .map((event) => ({
        tenantId,
        type: event.type,
        category: event.category,
        occurredAt: event.occurredAt,
        // The person key the processor sets (and the raw SQL derives for rows without one).
        userKey: event.userKey ?? event.userId ?? (event.anonymousId ? `anon:${event.anonymousId}` : null),
        deviceType: event.deviceType ?? null,
        properties: event.properties ?? {},
      }));
    await recordEventSummaries(sql, [{ tenant: { id: tenantId, timeZone: tenant.time_zone, currency: tenant.currency }, events: sources }]);
  }
}

import { ConsoleLogger } from '@nestjs/common';
import { closePlatformAdapters, createEmbeddedPlatform, startServiceApplication, type PlatformAdapters, type RunningService } from '@pulse/platform';
import { EventRepository, recordEventSummaries, type NewEvent, type Store } from '@pulse/storage';
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
  insertEvents(events: ReadonlyArray<ProcessedEvent>): Promise<void>;
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
      const created = await running.app.get(TenantAdminService, { strict: false }).createTenant({ slug, name: slug, timeZone, currency: 'EUR' }, { secretKeyScopes: ['manage'] });
      return { id: created.tenant.id, secretKey: created.secretKey.key };
    },
    insertEvents: (events) => storeEventsAsProcessor(adapters.store, events),
    get: (path, secretKey) => call('GET', path, undefined, secretKey),
    post: (path, body, secretKey) => call('POST', path, body, secretKey),
    delete: (path, secretKey) => call('DELETE', path, undefined, secretKey),
    stop: async () => {
      await running.app.close();
      await closePlatformAdapters(adapters);
    },
  };
}

/** Events with the person key and device type the stream processor sets while enriching. */
export type ProcessedEvent = NewEvent & { userKey?: string | null; deviceType?: string | null };

/** Stores events as the stream processor would: the rows, their person key and device type, and their summaries. */
export async function storeEventsAsProcessor(store: Store, events: ReadonlyArray<ProcessedEvent>): Promise<void> {
  await new EventRepository(store.dataSource).insertMany(events);
  const enriched = events.filter((event) => event.userKey || event.deviceType);
  if (enriched.length > 0) {
    await store.dataSource.query(
      `UPDATE "events" AS e SET "user_key" = COALESCE(x."user_key", e."user_key"), "device_type" = COALESCE(x."device_type", e."device_type")
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) AS x("tenant_id", "event_id", "user_key", "device_type")
        WHERE e."tenant_id" = x."tenant_id" AND e."event_id" = x."event_id"`,
      [enriched.map((event) => event.tenantId), enriched.map((event) => event.eventId), enriched.map((event) => event.userKey ?? null), enriched.map((event) => event.deviceType ?? null)],
    );
  }
  await writeProcessorSummaries(store, events);
}

/**
 * The rollups and first-seen rows the stream processor writes beside each event, with the shared planning
 * code, so read paths that use them (e.g. retention's first-seen path) see what production would.
 */
async function writeProcessorSummaries(store: Store, events: ReadonlyArray<ProcessedEvent>): Promise<void> {
  const sql = store.dataSource;
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

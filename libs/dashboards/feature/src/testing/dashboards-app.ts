import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { MemoryCacheStore, type CacheStore } from '@pulse/cache';
import { InProcessMessageBus, type MessageBus } from '@pulse/messaging';
import { ObservabilityModule } from '@pulse/observability';
import { PlatformModule } from '@pulse/platform';
import { EventTimesRepository, PersonFirstSeenRepository, planEventTimes, planFirstSeen, type Store } from '@pulse/storage';
import { storeQueryEvents, type QueryFixtureEvent } from '@pulse/storage/testing';
import type { DataSource } from 'typeorm';
import { TenantAdminService } from '@pulse/tenancy';
import { randomBytes } from 'node:crypto';
import { DASHBOARDS_CLOCK } from '../lib/dashboards/dashboards-clock';
import { DashboardsModule } from '../lib/dashboards.module';

export interface DashboardsAppUnderTest {
  url: string;
  app: INestApplication;
  bus: MessageBus;
  cache: CacheStore;
  createTenant(profile: { timeZone: string; currency: string }): Promise<{ id: string; secretKey: string }>;
  /** A request with the secret key as bearer token; the body parsed when JSON, else as text. */
  call(method: string, path: string, secretKey: string | null, body?: unknown): Promise<{ status: number; headers: Headers; body: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any
  stop(): Promise<void>;
}

const silentLogger = { log: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * The dashboards service over `store`, with the test's clock; the bus and cache in memory unless given
 * (Kafka and Redis for the live path end to end).
 */
export async function startDashboardsApp(
  store: Store,
  options: { now?: () => Date; bus?: MessageBus; cache?: CacheStore } = {},
): Promise<DashboardsAppUnderTest> {
  const bus = options.bus ?? new InProcessMessageBus({ logger: silentLogger });
  const cache = options.cache ?? new MemoryCacheStore();
  let builder = Test.createTestingModule({
    imports: [
      PlatformModule.forAdapters({ mode: 'distributed', settings: {}, bus, store, cache }),
      ObservabilityModule.forService({ serviceName: 'dashboards', indicators: [] }),
      DashboardsModule,
    ],
  });
  if (options.now) builder = builder.overrideProvider(DASHBOARDS_CLOCK).useValue(options.now);
  const module = await builder.compile();
  const app = module.createNestApplication({ logger: ['error'] });
  await app.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${app.getHttpServer().address().port}`;
  return {
    url,
    app,
    bus,
    cache,
    createTenant: async ({ timeZone, currency }) => {
      const slug = `dash-${randomBytes(5).toString('hex')}`;
      const created = await app
        .get(TenantAdminService, { strict: false })
        .createTenant({ slug, name: slug, timeZone, currency }, { secretKeyScopes: ['manage'] });
      return { id: created.tenant.id, secretKey: created.secretKey.key };
    },
    call: async (method, path, secretKey, body) => {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (secretKey) headers['authorization'] = `Bearer ${secretKey}`;
      const response = await fetch(`${url}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
      const text = await response.text();
      const json = (response.headers.get('content-type') ?? '').startsWith('application/json') && text !== '';
      return { status: response.status, headers: response.headers, body: json ? JSON.parse(text) : text };
    },
    stop: async () => {
      await app.close();
      if (!options.bus) await bus.close();
      if (!options.cache) await cache.close();
    },
  };
}

/** A `/live` stream read with fetch (as the web UI does), its `live` events parsed as they arrive. */
export interface LiveStreamReader {
  /** The next `live` event's data (waits for it). */
  next(): Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  close(): void;
  status: number;
  contentType: string | null;
}

export async function openLiveStream(url: string, secretKey: string): Promise<LiveStreamReader> {
  const abort = new AbortController();
  const response = await fetch(url, { headers: { authorization: `Bearer ${secretKey}` }, signal: abort.signal });
  const events: unknown[] = [];
  const waiting: Array<(event: unknown) => void> = [];
  const reader = response.body?.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  void (async () => {
    try {
      for (;;) {
        const chunk = await reader?.read();
        if (!chunk || chunk.done) return;
        buffer += decoder.decode(chunk.value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = frame.split('\n').find((line) => line.startsWith('data: '));
          if (!frame.split('\n').includes('event: live') || !data) continue;
          const event = JSON.parse(data.slice('data: '.length));
          const resolve = waiting.shift();
          if (resolve) resolve(event);
          else events.push(event);
        }
      }
    } catch {
      // aborted by close()
    }
  })();
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    next: () => (events.length > 0 ? Promise.resolve(events.shift()) : new Promise((resolve) => waiting.push(resolve))),
    close: () => abort.abort(),
  };
}

/**
 * The fixture events as the stream processor stores them, with what `storeQueryEvents` leaves out: the persons'
 * first events (retention cohorts) and the event-time chunks (funnels without property filters read them).
 */
export async function storeDashboardEvents(
  dataSource: DataSource,
  tenant: { id: string; timeZone: string; currency: string },
  events: readonly QueryFixtureEvent[],
): Promise<void> {
  await storeQueryEvents(dataSource, tenant, events);
  const sources = events.map((event) => ({ tenantId: tenant.id, type: event.type, occurredAt: new Date(event.at), userKey: event.user }));
  await new PersonFirstSeenRepository(dataSource).recordFirstSeen(planFirstSeen(sources));
  await new EventTimesRepository(dataSource).appendEventTimes(planEventTimes(sources));
}

import { Global, Module, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { CACHE_STORE, MemoryCacheStore } from '@pulse/cache';
import { InProcessMessageBus, MESSAGE_BUS } from '@pulse/messaging';
import { ServiceMetrics } from '@pulse/observability';
import { LiveStateReader, LiveStateWriter } from '@pulse/realtime';
import { DATA_SOURCE } from '@pulse/storage';
import { hashApiKey, TenantAuthService, type AuthenticatedTenant, type TenantKeyLookup } from '@pulse/tenancy';
import { InsightsModule } from '../insights.module';

const NOW = Date.parse('2025-03-12T15:00:00.000Z');
const SHOP: AuthenticatedTenant = { id: 'tenant-shop', slug: 'shop', name: 'Shop', timeZone: 'Europe/Berlin', currency: 'EUR' };
const BLOG: AuthenticatedTenant = { id: 'tenant-blog', slug: 'blog', name: 'Blog', timeZone: 'Asia/Tokyo', currency: 'JPY' };
const SECRET_KEYS = new Map([
  [hashApiKey('psk_shop_secret'), SHOP],
  [hashApiKey('psk_blog_secret'), BLOG],
]);

/** Keys looked up in memory instead of the database: the guard and decorator are the real ones. */
const keyLookup: TenantKeyLookup = {
  findByWriteKeyHash: async () => null,
  findBySecretKeyHash: async (hash) => {
    const tenant = SECRET_KEYS.get(hash);
    return tenant ? { tenant, secretKey: { id: `key-${tenant.slug}`, scopes: ['read'] } } : null;
  },
};

describe('realtime endpoints', () => {
  const cache = new MemoryCacheStore();
  // While set, every read of the live state fails as node-redis's commands do with the connection down.
  let cacheDown = false;
  const readCache = new Proxy(cache, {
    get: (target, property, receiver) => {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => (cacheDown ? Promise.reject(new Error('The client is closed')) : value.apply(target, args));
    },
  });
  let app: INestApplication;
  let baseUrl: string;

  const get = async (path: string, secretKey?: string) => {
    const response = await fetch(`${baseUrl}${path}`, { headers: secretKey ? { Authorization: `Bearer ${secretKey}` } : {} });
    const retryAfter = response.headers.get('retry-after');
    return { status: response.status, body: await response.json(), ...(retryAfter === null ? {} : { retryAfter }) };
  };

  beforeAll(async () => {
    @Global()
    @Module({
      providers: [
        { provide: CACHE_STORE, useValue: cache },
        // Never queried here: key lookups are faked above.
        { provide: DATA_SOURCE, useValue: {} },
        // The alert handlers' bus and metrics (not served here: no bus transport is connected).
        { provide: MESSAGE_BUS, useValue: new InProcessMessageBus() },
        { provide: ServiceMetrics, useValue: new ServiceMetrics('insights') },
      ],
      exports: [CACHE_STORE, DATA_SOURCE, MESSAGE_BUS, ServiceMetrics],
    })
    class TestPlatformModule {}

    const module = await Test.createTestingModule({ imports: [TestPlatformModule, InsightsModule] })
      .overrideProvider(TenantAuthService)
      .useValue(new TenantAuthService(keyLookup))
      .overrideProvider(LiveStateReader)
      .useValue(new LiveStateReader(readCache, { now: () => NOW }))
      .compile();
    app = module.createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1');
    baseUrl = await app.getUrl();

    const writer = new LiveStateWriter(cache, { now: () => NOW });
    const at = (minutesAgo: number) => new Date(NOW - minutesAgo * 60_000);
    await writer.record(SHOP.id, [
      { occurredAt: at(40), localDate: '2025-03-12', userKey: 'alice', sessionId: 's1' },
      { occurredAt: at(20), localDate: '2025-03-12', userKey: 'bob', sessionId: 's2' },
      { occurredAt: at(2), localDate: '2025-03-12', userKey: 'alice', sessionId: 's3', order: { revenue: 59.9 } },
    ]);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('answers 401 without a secret key, and with a key it does not know', async () => {
    expect(await get('/v1/realtime/overview')).toMatchObject({ status: 401 });
    expect(await get('/v1/realtime/overview', 'psk_unknown')).toMatchObject({ status: 401 });
  });

  it("serves the overview of the key's tenant, today being its local day", async () => {
    expect(await get('/v1/realtime/overview', 'psk_shop_secret')).toEqual({
      status: 200,
      body: {
        timestamp: '2025-03-12T15:00:00.000Z',
        timeZone: 'Europe/Berlin',
        activeUsers: { last5Minutes: 1, last30Minutes: 2 },
        activeSessions: { last5Minutes: 1, last30Minutes: 2 },
        eventsToday: 3,
        today: '2025-03-12',
        visitors: 2,
        buyers: 1,
        orders: 1,
        revenue: 59.9,
        currency: 'EUR',
        conversionRate: 0.5,
        averageOrderValue: 59.9,
      },
    });
  });

  it('serves each piece on its own', async () => {
    expect((await get('/v1/realtime/active-users', 'psk_shop_secret')).body).toEqual({ last5Minutes: 1, last30Minutes: 2 });
    expect((await get('/v1/realtime/sessions', 'psk_shop_secret')).body).toEqual({ last5Minutes: 1, last30Minutes: 2 });
    expect((await get('/v1/realtime/conversions', 'psk_shop_secret')).body).toMatchObject({
      today: '2025-03-12',
      visitors: 2,
      buyers: 1,
      orders: 1,
      revenue: 59.9,
      conversionRate: 0.5,
    });
  });

  it("never shows another tenant's live state", async () => {
    const blog = await get('/v1/realtime/overview', 'psk_blog_secret');

    // 15:00 UTC is already 00:00 on March 13 in Tokyo.
    expect(blog.body).toMatchObject({
      timeZone: 'Asia/Tokyo',
      today: '2025-03-13',
      activeUsers: { last5Minutes: 0, last30Minutes: 0 },
      eventsToday: 0,
      orders: 0,
      currency: 'JPY',
    });
  });

  it('answers 503 with Retry-After and the reason while the cache does not answer, and figures again once it does', async () => {
    cacheDown = true;
    try {
      for (const path of ['overview', 'active-users', 'sessions', 'conversions']) {
        expect(await get(`/v1/realtime/${path}`, 'psk_shop_secret')).toEqual({
          status: 503,
          retryAfter: '5',
          body: {
            statusCode: 503,
            error: 'Service Unavailable',
            message: 'live figures are unavailable: the live-state cache does not answer (The client is closed); stored events and reports are not affected',
          },
        });
      }
    } finally {
      cacheDown = false;
    }
    expect(await get('/v1/realtime/active-users', 'psk_shop_secret')).toMatchObject({ status: 200, body: { last5Minutes: 1, last30Minutes: 2 } });
  });
});

import { STORE_TARGETS } from '@pulse/storage/testing';
import { startDomainsApp, type DomainsAppUnderTest, type DomainsTenant } from '../../../testing/domains-app';
import { storeEvents, type EventFixture } from '../../../testing/domains-fixtures';

const pageView = (id: string, userId: string, at: string): EventFixture => ({ id, type: 'page_view', category: 'commerce', at, userId, properties: { page: '/' } });
const purchase = (id: string, userId: string, at: string, properties: Record<string, unknown>, receivedAt?: string): EventFixture => ({
  id,
  type: 'purchase',
  category: 'commerce',
  at,
  userId,
  receivedAt,
  properties: { order_id: id, ...properties },
});

/*
 * Tenant "shop", Europe/Berlin (UTC+1), EUR; range 03-10 … 03-11, previous period 03-08 … 03-09.
 *   visitors u1, u2, u3, u6 (page views), u4 (page view at 03-09 23:30Z = 03-10 00:30 local)
 *   o1 u1 03-10 revenue 100 EUR, north: electronics 40 × 2, books 20 × 1
 *   o2 u2 03-11 total 50 EUR (no revenue field), no region: books 25 × 2
 *   o3 u3 03-11 revenue 70 USD, north: electronics 70 × 1 — counted as an order, its amount not added
 *   o4 u4 03-10 revenue 30 EUR, south: toys 30 × 1 — arrived late, on 03-13
 *   o0 u5 03-09 revenue 80 EUR (previous period), with a page view
 * Tenant "other": one 1,000 EUR order on 03-10 — never counted for "shop".
 */
const SHOP_EVENTS: EventFixture[] = [
  pageView('pv1', 'u1', '2025-03-10T09:00:00Z'),
  pageView('pv2', 'u2', '2025-03-10T10:00:00Z'),
  pageView('pv3', 'u3', '2025-03-11T10:00:00Z'),
  pageView('pv4', 'u4', '2025-03-09T23:30:00Z'),
  pageView('pv6', 'u6', '2025-03-11T15:00:00Z'),
  purchase('o1', 'u1', '2025-03-10T09:30:00Z', {
    revenue: 100,
    currency: 'EUR',
    region: 'north',
    items: [
      { product_id: 'p1', category: 'electronics', price: 40, quantity: 2 },
      { product_id: 'p2', category: 'books', price: 20, quantity: 1 },
    ],
  }),
  purchase('o2', 'u2', '2025-03-11T11:00:00Z', { total: 50, currency: 'EUR', items: [{ product_id: 'p3', category: 'books', price: 25, quantity: 2 }] }),
  purchase('o3', 'u3', '2025-03-11T12:00:00Z', {
    revenue: 70,
    currency: 'USD',
    region: 'north',
    items: [{ product_id: 'p4', category: 'electronics', price: 70, quantity: 1 }],
  }),
  purchase(
    'o4',
    'u4',
    '2025-03-10T08:00:00Z',
    { revenue: 30, currency: 'EUR', region: 'south', items: [{ product_id: 'p5', category: 'toys', price: 30, quantity: 1 }] },
    '2025-03-13T00:00:00Z',
  ),
  pageView('pv0', 'u5', '2025-03-09T11:00:00Z'),
  purchase('o0', 'u5', '2025-03-09T12:00:00Z', { revenue: 80, currency: 'EUR' }),
];

const OTHER_EVENTS: EventFixture[] = [
  purchase('o1', 'u1', '2025-03-10T09:30:00Z', { revenue: 1_000, currency: 'EUR', region: 'north', items: [{ product_id: 'p1', category: 'electronics', price: 1_000, quantity: 1 }] }),
];

describe.each(STORE_TARGETS)('commerce dashboard over HTTP on $name', (target) => {
  let app: DomainsAppUnderTest;
  let shop: DomainsTenant;

  beforeAll(async () => {
    app = await startDomainsApp(target);
    shop = await app.createTenant({ timeZone: 'Europe/Berlin', currency: 'EUR' });
    const other = await app.createTenant({ timeZone: 'Europe/Berlin', currency: 'EUR' });
    await storeEvents(app.store, shop.id, SHOP_EVENTS);
    await storeEvents(app.store, other.id, OTHER_EVENTS);
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('sums revenue in the tenant currency, counts every order and visitor, late order included', async () => {
    const answer = await app.call(shop, '/v1/commerce/dashboard?from=2025-03-10&to=2025-03-11');
    expect(answer.status).toBe(200);
    expect(answer.body.currency).toBe('EUR');
    // orders o1, o2, o3, o4 = 4; priced in EUR o1, o2, o4 = 3 → 100 + 50 + 30 = 180 → 60 per order
    // visitors u1, u2, u3, u4, u6 = 5; buyers u1, u2, u3, u4 = 4 → 0.8
    expect(answer.body.summary).toEqual({ orders: 4, pricedOrders: 3, revenue: 180, averageCartValue: 60, visitors: 5, buyers: 4, conversionRate: 0.8 });
  });

  it('compares with the previous period', async () => {
    const answer = await app.call(shop, '/v1/commerce/dashboard?from=2025-03-10&to=2025-03-11');
    // previous 03-08 … 03-09: o0, 80 EUR, visitor and buyer u5
    expect(answer.body.previousPeriod.dateRange).toMatchObject({ from: '2025-03-08', to: '2025-03-09' });
    expect(answer.body.previousPeriod.summary).toMatchObject({ orders: 1, revenue: 80, averageCartValue: 80, conversionRate: 1 });
    // revenue (180 − 80) / 80 = 1.25; orders (4 − 1) / 1 = 3; conversion (0.8 − 1) / 1 = −0.2
    expect(answer.body.growth.revenue).toBe(1.25);
    expect(answer.body.growth.orders).toBe(3);
    expect(answer.body.growth.conversionRate).toBeCloseTo(-0.2, 12);
  });

  it('splits revenue by item category and by region', async () => {
    const answer = await app.call(shop, '/v1/commerce/dashboard?from=2025-03-10&to=2025-03-11');
    // electronics 40 × 2 = 80 (o1); books 20 + 25 × 2 = 70 (o1, o2); toys 30 (o4); of 180
    expect(answer.body.byCategory).toEqual([
      { key: 'electronics', revenue: 80, orders: 1, units: 2, revenueShare: 80 / 180 },
      { key: 'books', revenue: 70, orders: 2, units: 3, revenueShare: 70 / 180 },
      { key: 'toys', revenue: 30, orders: 1, units: 1, revenueShare: 30 / 180 },
    ]);
    // north o1 100 (o3 is USD); no region o2 50; south o4 30
    expect(answer.body.byRegion).toEqual([
      { key: 'north', revenue: 100, orders: 1, units: null, revenueShare: 100 / 180 },
      { key: 'unknown', revenue: 50, orders: 1, units: null, revenueShare: 50 / 180 },
      { key: 'south', revenue: 30, orders: 1, units: null, revenueShare: 30 / 180 },
    ]);
  });

  it('says how many purchases it left a value out of: stored with violations under the lenient policy', async () => {
    // Stored as the processor stores them under `lenient`: the text revenue set aside, the violations beside the event.
    const lenient = await app.createTenant({ timeZone: 'Europe/Berlin', currency: 'EUR' });
    await storeEvents(app.store, lenient.id, [
      purchase('l1', 'u1', '2025-03-10T09:30:00Z', { revenue: 40, currency: 'EUR' }),
      { ...purchase('l2', 'u2', '2025-03-10T10:30:00Z', { currency: 'EUR' }), properties: { currency: 'EUR' } },
      purchase('l3', 'u3', '2025-03-11T10:30:00Z', { currency: 'EUR' }),
      purchase('l4', 'u3', '2025-03-12T10:30:00Z', { currency: 'EUR' }),
    ]);
    const violations = {
      l2: [
        { field: 'properties.order_id', rule: 'isDefined', message: 'properties.order_id is required' },
        { field: 'properties.revenue', rule: 'isNumber', message: 'properties.revenue must be a number' },
      ],
      l3: [{ field: 'properties.revenue', rule: 'isNumber', message: 'properties.revenue must be a number' }],
      // Outside the range: not counted.
      l4: [{ field: 'properties.revenue', rule: 'isNumber', message: 'properties.revenue must be a number' }],
    };
    for (const [eventId, issues] of Object.entries(violations)) {
      await app.store.dataSource.query(`UPDATE events SET violations = $3::jsonb WHERE tenant_id = $1 AND event_id = $2`, [lenient.id, eventId, JSON.stringify(issues)]);
    }

    const answer = await app.call(lenient, '/v1/commerce/dashboard?from=2025-03-10&to=2025-03-11');

    // Three orders, one priced (l1, 40 EUR): l2 and l3 had their revenue left out, and say so.
    expect(answer.body.summary).toMatchObject({ orders: 3, pricedOrders: 1, revenue: 40 });
    expect(answer.body.skippedValues).toEqual([
      { eventType: 'purchase', field: 'properties.revenue', rule: 'isNumber', events: 2 },
      { eventType: 'purchase', field: 'properties.order_id', rule: 'isDefined', events: 1 },
    ]);
    expect((await app.call(shop, '/v1/commerce/dashboard?from=2025-03-10&to=2025-03-11')).body.skippedValues).toEqual([]);
  });

  it('answers zeros for an empty range', async () => {
    const answer = await app.call(shop, '/v1/commerce/dashboard?from=2025-01-01&to=2025-01-31');
    expect(answer.status).toBe(200);
    expect(answer.body.summary).toEqual({ orders: 0, pricedOrders: 0, revenue: 0, averageCartValue: 0, visitors: 0, buyers: 0, conversionRate: 0 });
    expect(answer.body.growth).toEqual({ revenue: 0, orders: 0, conversionRate: 0 });
    expect(answer.body).toMatchObject({ byCategory: [], byRegion: [] });
  });

  it('refuses a range that ends before it starts', async () => {
    const answer = await app.call(shop, '/v1/commerce/dashboard?from=2025-03-11&to=2025-03-01');
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([expect.objectContaining({ field: 'to', rule: 'isOnOrAfter' })]);
  });
});

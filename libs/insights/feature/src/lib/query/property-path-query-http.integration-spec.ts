import { startQueryApp, type QueryAppUnderTest } from '../../testing/query-app';
import { storeQueryEvents, type QueryFixtureEvent } from '@pulse/storage/testing';

const BERLIN = 'Europe/Berlin';
const RANGE = { from: '2026-03-28T00:00:00+01:00', to: '2026-03-30T00:00:00+02:00', granularity: 'day' };

// Orders with nested line items: 28th o1 (A1 at 5, B2 at 7; DE), o2 (B2 at 7; FR); 29th o3 (A1 at 5.5; DE).
// A top-level key with a dot, "utm.source": o1 and o3; an object utm with key source: o2.
const EVENTS: QueryFixtureEvent[] = [
  {
    id: 'o1',
    type: 'order_completed',
    at: '2026-03-28T10:00:00Z',
    user: 'u1',
    device: 'desktop',
    properties: { order: { items: [{ sku: 'A1', price: 5 }, { sku: 'B2', price: 7 }], shipping: { country: 'DE' } }, 'utm.source': 'newsletter' },
  },
  { id: 'o2', type: 'order_completed', at: '2026-03-28T11:00:00Z', user: 'u2', device: 'mobile', properties: { order: { items: [{ sku: 'B2', price: 7 }], shipping: { country: 'FR' } }, utm: { source: 'ads' } } },
  { id: 'o3', type: 'order_completed', at: '2026-03-29T10:00:00Z', user: 'u1', device: 'desktop', properties: { order: { items: [{ sku: 'A1', price: 5.5 }], shipping: { country: 'DE' } }, 'utm.source': 'newsletter' } },
];

describe('POST /v1/query over nested property paths', () => {
  let app: QueryAppUnderTest;
  let tenant: { id: string; secretKey: string };

  beforeAll(async () => {
    app = await startQueryApp();
    tenant = await app.createTenant({ timeZone: BERLIN, currency: 'EUR' });
    await storeQueryEvents(app.adapters.store.dataSource, { id: tenant.id, timeZone: BERLIN, currency: 'EUR' }, EVENTS);
  }, 120_000);

  afterAll(async () => {
    await app?.stop();
  });

  it('sums the first item price by its SKU for orders shipped to Germany, from raw events', async () => {
    // DE: o1 (A1 5, 28th), o3 (A1 5.5, 29th).
    const answer = await app.query(
      {
        metric: { type: 'aggregate', field: 'properties.order.items[0].price', aggregation: 'sum' },
        ...RANGE,
        groupBy: ['properties.order.items[0].sku'],
        filters: [{ field: 'properties.order.shipping.country', operator: 'equals', value: 'DE' }],
      },
      tenant.secretKey,
    );
    expect(answer.status).toBe(200);
    expect([answer.body.path, answer.body.reason]).toEqual(['raw', 'properties.order.items[0].price is not summarised in rollups']);
    expect(answer.body.series).toEqual([
      {
        group: { 'properties.order.items[0].sku': 'A1' },
        points: [
          { bucket: '2026-03-27T23:00:00.000Z', label: '2026-03-28', value: 5 },
          { bucket: '2026-03-28T23:00:00.000Z', label: '2026-03-29', value: 5.5 },
        ],
        total: 10.5,
      },
    ]);
  });

  it('reads properties["utm.source"] as the top-level key with a dot and properties.utm.source as a nested key', async () => {
    const bySource = async (key: string) => {
      const answer = await app.query({ metric: { type: 'event_count' }, ...RANGE, groupBy: [key] }, tenant.secretKey);
      return answer.body.series.map((entry: { group: Record<string, string | null>; total: number }) => [entry.group[key], entry.total]);
    };
    expect(await bySource('properties["utm.source"]')).toEqual([
      ['newsletter', 2],
      [null, 1],
    ]);
    expect(await bySource('properties.utm.source')).toEqual([
      [null, 2],
      ['ads', 1],
    ]);
  });

  it('uses nested paths in the series of a multi-series query and its formula', async () => {
    // A: revenue of first items (5 + 7 | 5.5); B: orders with a second item (o1 | –). A / B: 12, null; range 17.5 / 1.
    const answer = await app.query(
      {
        ...RANGE,
        series: [
          { metric: { type: 'aggregate', field: 'properties.order.items[0].price', aggregation: 'sum' } },
          { metric: { type: 'event_count' }, filters: [{ field: 'properties.order.items[1]', operator: 'is_set' }] },
        ],
        formulas: [{ formula: 'A / B' }],
      },
      tenant.secretKey,
    );
    expect(answer.status).toBe(200);
    expect(answer.body.results.map((line: { label: string; series: Array<{ points: Array<{ value: number | null }>; total: number | null }> }) => [line.label, line.series[0].points.map((point) => point.value), line.series[0].total])).toEqual([
      ['A', [12, 5.5], 17.5],
      ['B', [1, 0], 1],
      ['F1', [12, null], 17.5],
    ]);
  });

  it('refuses malformed paths with 400 naming the field, leaving the events table intact', async () => {
    const answer = await app.query(
      {
        metric: { type: 'aggregate', field: 'properties.order.items[-1].price', aggregation: 'sum' },
        ...RANGE,
        groupBy: ['properties["utm.source"'],
        filters: [
          { field: "properties.order'); DROP TABLE events; --", operator: 'is_set' },
          { field: 'properties.order..items', operator: 'is_set' },
        ],
      },
      tenant.secretKey,
    );
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([
      {
        field: 'metric.field',
        rule: 'isValidPropertyName',
        message:
          'metric.field must be properties.<name> or a path such as properties.order.items[0].sku or properties["utm.source"]: this one needs an array index [0] to [999999] (no sign or leading zero) or a quoted key ["…"] at character 23',
      },
      { field: 'groupBy[0]', rule: 'isValidPropertyName', message: expect.stringContaining('needs ] after the quoted key at character 24') },
      { field: 'filters[0].field', rule: 'isValidPropertyName', message: expect.stringContaining(`has "'" at character 17 where . or [ must follow`) },
      { field: 'filters[1].field', rule: 'isValidPropertyName', message: expect.stringContaining('needs a key of letters, digits, spaces or _ $ : - after the dot at character 17') },
    ]);
    const [{ count }] = await app.adapters.store.dataSource.query(`SELECT count(*)::int AS "count" FROM "events"`);
    expect(count).toBe(3);
  });
});

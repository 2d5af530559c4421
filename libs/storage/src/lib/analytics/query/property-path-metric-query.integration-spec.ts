import {
  assembleQuerySeries,
  planMetricQuery,
  queryPeriods,
  STREAM_PROCESSOR_ROLLUP_CATALOG,
  timeContext,
  validateMetricQuery,
  type MetricQueryRequest,
} from '@pulse/analytics-core';
import { TENANT_A, TENANT_B } from '../../../testing/event-fixtures';
import { STORE_TARGETS, type OpenedStore } from '../../../testing/store-targets';
import { ProcessedEventRepository, type ProcessedEvent } from '../../repositories/processed-event.repository';
import { MetricQueryExecutor } from './metric-query-executor';

const BERLIN = 'Europe/Berlin';
const TENANT = { id: TENANT_A, currency: 'EUR' };

/** An event with only what these tests vary: type, local day (28th or 29th, noon) and properties. */
function stored(id: string, type: string, day: 28 | 29, properties: Record<string, unknown>, tenantId = TENANT_A): ProcessedEvent {
  const occurredAt = new Date(`2026-03-${day}T11:00:00Z`);
  const time = timeContext(occurredAt, BERLIN);
  return {
    tenantId,
    eventId: id,
    type,
    category: 'commerce',
    occurredAt,
    receivedAt: occurredAt,
    userId: `user-${id}`,
    anonymousId: null,
    sessionId: null,
    properties,
    context: {},
    userKey: `user-${id}`,
    localDate: time.localDate,
    hourOfDay: time.hourOfDay,
    dayOfWeek: time.dayOfWeek,
    isBusinessHours: time.isBusinessHours,
    deviceType: 'desktop',
    browser: null,
    os: null,
  };
}

// First items: A1 (p1), B2 (p2), A1 (p3); p4's items are an object with a key "0", p5's order is a string.
// Second item prices: 7 (p1), "9" (p3, a string: not a number). Shipping countries: DE (p1, p3), FR (p2); p4's shipping is an array.
// A top-level key with a dot ("a.b": p1, p3) is another value than key b inside object a (p1, p2).
const EVENTS: ProcessedEvent[] = [
  stored('p1', 'order_completed', 28, {
    order: { items: [{ sku: 'A1', price: 5 }, { sku: 'B2', price: 7 }], shipping: { country: 'DE' } },
    'a.b': 'dotted',
    a: { b: 'nested' },
  }),
  stored('p2', 'order_completed', 28, { order: { items: [{ sku: 'B2', price: 7 }], shipping: { country: 'FR' } }, a: { b: 'nested' } }),
  stored('p3', 'order_completed', 29, { order: { items: [{ sku: 'A1', price: 5.5 }, { sku: 'C3', price: '9' }], shipping: { country: 'DE' } }, 'a.b': 'dotted' }),
  stored('p4', 'order_completed', 29, { order: { items: { '0': { sku: 'K0', price: 1 } }, shipping: ['DE'] } }),
  stored('p5', 'page_viewed', 29, { order: 'none' }),
  // Tenant B, same days and paths: must never count for tenant A.
  stored('b1', 'order_completed', 28, { order: { items: [{ sku: 'A1', price: 100 }], shipping: { country: 'DE' } }, 'a.b': 'dotted' }, TENANT_B),
];

describe.each(STORE_TARGETS)('metric queries over property paths on $name', (target) => {
  let opened: OpenedStore;
  let executor: MetricQueryExecutor;

  beforeAll(async () => {
    opened = await target.open();
    executor = new MetricQueryExecutor(opened.store.dataSource);
    await new ProcessedEventRepository(opened.store.dataSource).insertNew(EVENTS);
  });

  afterAll(async () => {
    await opened?.dispose();
  });

  /** Runs the query as the service does (plan, then execute) over the 28th and 29th; nested paths are read raw. */
  async function answer(request: Partial<MetricQueryRequest>) {
    const result = validateMetricQuery(
      { metric: { type: 'event_count' }, from: '2026-03-28T00:00:00+01:00', to: '2026-03-30T00:00:00+02:00', granularity: 'day', ...request },
      BERLIN,
    );
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const query = result.query;
    const period = queryPeriods(query).current;
    const plan = planMetricQuery(query, STREAM_PROCESSOR_ROLLUP_CATALOG, BERLIN);
    const run = await executor.run(TENANT, query, plan, [period]);
    expect(run.path).toBe('raw');
    const groupKeys = query.groupBy.map((reference) => reference.key);
    return assembleQuerySeries(run.rowsByPeriod[0], period.buckets, groupKeys, { fillMissing: true, limit: 100 }).series;
  }

  const totalOf = async (request: Partial<MetricQueryRequest>) => (await answer(request))[0].total;
  const grouped = async (key: string, request: Partial<MetricQueryRequest> = {}) =>
    (await answer({ ...request, groupBy: [key] })).map((entry) => [entry.group[key], entry.points.map((point) => point.value), entry.total]);

  it('groups by the first item of a nested array: an object with a key "0" and a string have no such item', async () => {
    // 28th: p1 A1, p2 B2; 29th: p3 A1, p4 (items is an object), p5 (order is a string).
    expect(await grouped('properties.order.items[0].sku')).toEqual([
      ['A1', [1, 1], 2],
      [null, [0, 2], 2],
      ['B2', [1, 0], 1],
    ]);
  });

  it('reads a quoted "0" as an object key, never as an array index', async () => {
    expect(await totalOf({ filters: [{ field: 'properties.order.items["0"].sku', operator: 'equals', value: 'K0' }] })).toBe(1); // p4
    expect(await totalOf({ filters: [{ field: 'properties.order.items[0].sku', operator: 'equals', value: 'K0' }] })).toBe(0);
    expect(await totalOf({ filters: [{ field: 'properties.order.items["0"].sku', operator: 'equals', value: 'A1' }] })).toBe(0); // p1, p3 hold arrays
  });

  it('filters on a nested object value with every kind of operator', async () => {
    const country = (operator: string, value: Record<string, unknown>) => totalOf({ filters: [{ field: 'properties.order.shipping.country', operator, ...value }] });
    expect(await country('equals', { value: 'DE' })).toBe(2); // p1 p3 (b1 is tenant B's, p4's shipping is an array)
    expect(await country('not_equals', { value: 'DE' })).toBe(3); // p2 p4 p5
    expect(await country('in', { values: ['FR', 'IT'] })).toBe(1); // p2
    expect(await country('contains', { value: 'e' })).toBe(2); // p1 p3, case-insensitive
    expect(await country('is_set', {})).toBe(3); // p1 p2 p3
    expect(await country('is_not_set', {})).toBe(2); // p4 p5
    expect(await totalOf({ filters: [{ field: 'properties.order.items[1].price', operator: 'gt', value: 6 }] })).toBe(1); // p1's 7; p3's "9" is a string
    expect(await totalOf({ filters: [{ field: 'properties.order.items[0].price', operator: 'between', values: [5, 5.5] }] })).toBe(2); // p1 5, p3 5.5
  });

  it('aggregates nested numbers, skipping strings, other shapes and other tenants', async () => {
    const price = (item: number, aggregation: string) => totalOf({ metric: { type: 'aggregate', field: `properties.order.items[${item}].price`, aggregation } });
    // First items: 5 (p1), 7 (p2), 5.5 (p3); b1's 100 is tenant B's.
    expect(await price(0, 'sum')).toBe(17.5);
    expect(await price(0, 'count')).toBe(3);
    expect(await price(0, 'max')).toBe(7);
    expect(await price(0, 'avg')).toBeCloseTo(17.5 / 3, 10);
    expect(await price(0, 'p50')).toBe(5.5);
    // Second items: 7 (p1); p3's "9" is a string.
    expect(await price(1, 'sum')).toBe(7);
    const series = await answer({ metric: { type: 'aggregate', field: 'properties.order.items[0].price', aggregation: 'sum' } });
    expect(series[0].points.map((point) => point.value)).toEqual([12, 5.5]);
    expect(await totalOf({ metric: { type: 'aggregate', field: 'properties.order.items[0].sku', aggregation: 'count_distinct' } })).toBe(2); // A1, B2
  });

  it('tells a top-level key with a dot, properties["a.b"], from key b inside object a, properties.a.b', async () => {
    expect(await grouped('properties["a.b"]')).toEqual([
      [null, [1, 2], 3],
      ['dotted', [1, 1], 2],
    ]);
    expect(await grouped('properties.a.b')).toEqual([
      [null, [0, 3], 3],
      ['nested', [2, 0], 2],
    ]);
    expect(await totalOf({ filters: [{ field: 'properties.a.b', operator: 'equals', value: 'dotted' }] })).toBe(0);
  });
});

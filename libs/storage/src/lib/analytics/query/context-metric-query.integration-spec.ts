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

/** An event with only what these tests vary: type, local day (28th or 29th, noon) and context. */
function stored(id: string, type: string, day: 28 | 29, context: Record<string, unknown>, tenantId = TENANT_A): ProcessedEvent {
  const occurredAt = new Date(`2026-03-${day}T11:00:00Z`);
  const time = timeContext(occurredAt, BERLIN);
  return {
    tenantId,
    eventId: id,
    type,
    category: 'product',
    occurredAt,
    receivedAt: occurredAt,
    userId: `user-${id}`,
    anonymousId: null,
    sessionId: null,
    properties: {},
    context,
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

// Campaign sources: 'newsletter' ×2, 'ads' ×2, missing (c4), a number (c5), an object (c6, no text value).
// Screen widths that are numbers: 1280, 390, 800 (c5's "1024" is a string, not a number).
const EVENTS: ProcessedEvent[] = [
  stored('c1', 'page_viewed', 28, { campaign: { source: 'newsletter' }, page: { path: '/pricing' }, screen: { width: 1280 }, locale: 'de-DE' }),
  stored('c2', 'page_viewed', 28, { campaign: { source: 'newsletter' }, page: { path: '/blog' }, screen: { width: 390 } }),
  stored('c3', 'page_viewed', 29, { campaign: { source: 'ads' }, page: { path: '/pricing' }, screen: { width: 800 } }),
  stored('c4', 'page_viewed', 29, { page: { path: '/pricing' } }),
  stored('c5', 'page_viewed', 29, { campaign: { source: 42 }, screen: { width: '1024' } }),
  stored('c6', 'page_viewed', 28, { campaign: { source: { name: 'spring' } }, page: { path: '/pricing/' } }),
  stored('c7', 'signed_up', 29, { campaign: { source: 'ads' }, page: { path: '/pricing' }, ip: '203.0.113.7' }),
  // Tenant B, same days and paths: must never count for tenant A.
  stored('b1', 'page_viewed', 28, { campaign: { source: 'newsletter' }, page: { path: '/pricing' }, screen: { width: 5000 } }, TENANT_B),
  stored('b2', 'signed_up', 29, { campaign: { source: 'ads' }, page: { path: '/pricing' } }, TENANT_B),
];

describe.each(STORE_TARGETS)('metric queries over the event context on $name', (target) => {
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

  /** Runs the query as the service does (plan, then execute) over the 28th and 29th; the path must be raw. */
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
    expect(run.reason).toMatch(/^context\.\S+ is read from the event context, which rollups do not hold$/);
    const groupKeys = query.groupBy.map((reference) => reference.key);
    return assembleQuerySeries(run.rowsByPeriod[0], period.buckets, groupKeys, { fillMissing: true, limit: 100 }).series;
  }

  const totalOf = async (request: Partial<MetricQueryRequest>) => (await answer(request))[0].total;

  it('counts page views by campaign source: numbers as their text, objects and missing values as no value', async () => {
    const series = await answer({ metric: { type: 'event_count', events: ['page_viewed'] }, groupBy: ['context.campaign.source'] });
    const bySource = series.map((entry) => [entry.group['context.campaign.source'], entry.points.map((point) => point.value), entry.total]);
    // 28th: c1 c2 newsletter, c6 object; 29th: c3 ads, c4 missing, c5 42.
    expect(bySource.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))).toEqual([
      ['42', [0, 1], 1],
      ['ads', [0, 1], 1],
      ['newsletter', [2, 0], 2],
      [null, [1, 1], 2],
    ]);
  });

  it('filters on the campaign source with every kind of operator', async () => {
    const source = (operator: string, value: Record<string, unknown>) => totalOf({ filters: [{ field: 'context.campaign.source', operator, ...value }] });
    expect(await source('equals', { value: 'ads' })).toBe(2); // c3 c7 (b2 is tenant B's)
    expect(await source('not_equals', { value: 'newsletter' })).toBe(5); // c3 c4 c5 c6 c7: no value is not 'newsletter'
    expect(await source('in', { values: ['newsletter', '42'] })).toBe(3); // c1 c2 c5: text comparison of the number
    expect(await source('equals', { value: 42 })).toBe(1); // c5, numerically
    expect(await source('not_in', { values: ['ads', 'newsletter'] })).toBe(3); // c4 c5 c6
    expect(await source('contains', { value: 'LETT' })).toBe(2); // c1 c2, case-insensitive
    expect(await source('is_set', {})).toBe(6); // all but c4: an object is set
    expect(await source('is_not_set', {})).toBe(1); // c4
  });

  it('filters signups and page views on the nested page path', async () => {
    const pricing = { field: 'context.page.path', operator: 'equals', value: '/pricing' };
    // c1 (28th); c3 c4 c7 (29th); c6's '/pricing/' is another path.
    const series = await answer({ filters: [pricing] });
    expect([series[0].points.map((point) => point.value), series[0].total]).toEqual([[1, 3], 4]);
    expect(await totalOf({ metric: { type: 'event_count', events: ['signed_up'] }, filters: [pricing] })).toBe(1); // c7
  });

  it('aggregates a numeric context value, skipping strings and other tenants', async () => {
    const width = (aggregation: string, filters: MetricQueryRequest['filters'] = []) =>
      totalOf({ metric: { type: 'aggregate', field: 'context.screen.width', aggregation }, filters });
    // 1280 + 390 + 800; c5's "1024" is a string, b1's 5000 is tenant B's.
    expect(await width('sum')).toBe(2470);
    expect(await width('count')).toBe(3);
    expect(await width('max')).toBe(1280);
    expect(await width('avg')).toBeCloseTo(2470 / 3, 10);
    expect(await width('sum', [{ field: 'context.screen.width', operator: 'gt', value: 500 }])).toBe(2080); // 1280 + 800
    expect(await width('sum', [{ field: 'context.screen.width', operator: 'between', values: [390, 800] }])).toBe(1190); // 390 + 800
  });

  it('counts distinct campaign sources (newsletter, ads, 42) and groups by a top-level context value', async () => {
    expect(await totalOf({ metric: { type: 'aggregate', field: 'context.campaign.source', aggregation: 'count_distinct' } })).toBe(3);
    const byLocale = await answer({ groupBy: ['context.locale'] });
    expect(byLocale.map((entry) => [entry.group['context.locale'], entry.total])).toEqual([
      [null, 6],
      ['de-DE', 1],
    ]);
  });
});

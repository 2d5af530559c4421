import { startQueryApp, type QueryAppUnderTest } from '../../testing/query-app';
import { storeQueryEvents, type QueryFixtureEvent } from '@pulse/storage/testing';

const BERLIN = 'Europe/Berlin';

// Berlin local days (10:00 UTC is 11:00 on the 28th, 12:00 from the 29th, after the clocks went forward).
// 28th: views u1 (desktop), u2 twice (mobile); order u1 10 €.  29th: views u3 (tablet), u1; orders u1 30 €, u3 20 €.
// 30th: view u2. 31st: nothing.
const EVENTS: QueryFixtureEvent[] = [
  { id: 'v1', type: 'page_viewed', at: '2026-03-28T10:00:00Z', user: 'u1', device: 'desktop' },
  { id: 'v2', type: 'page_viewed', at: '2026-03-28T10:05:00Z', user: 'u2', device: 'mobile' },
  { id: 'v3', type: 'page_viewed', at: '2026-03-28T10:10:00Z', user: 'u2', device: 'mobile' },
  { id: 'o1', type: 'order_completed', at: '2026-03-28T10:20:00Z', user: 'u1', device: 'desktop', properties: { revenue: 10, currency: 'EUR' } },
  { id: 'v4', type: 'page_viewed', at: '2026-03-29T10:00:00Z', user: 'u3', device: 'tablet' },
  { id: 'v5', type: 'page_viewed', at: '2026-03-29T10:05:00Z', user: 'u1', device: 'desktop' },
  { id: 'o2', type: 'order_completed', at: '2026-03-29T10:10:00Z', user: 'u1', device: 'desktop', properties: { revenue: 30, currency: 'EUR' } },
  { id: 'o3', type: 'order_completed', at: '2026-03-29T10:15:00Z', user: 'u3', device: 'tablet', properties: { revenue: 20, currency: 'EUR' } },
  { id: 'v6', type: 'page_viewed', at: '2026-03-30T10:00:00Z', user: 'u2', device: 'mobile' },
];

const RANGE = { from: '2026-03-28T00:00:00+01:00', to: '2026-04-01T00:00:00+02:00', granularity: 'day' };
const ORDERS = { metric: { type: 'event_count', events: ['order_completed'] } };
const VIEWERS = { metric: { type: 'unique_users', events: ['page_viewed'] } };

interface Line {
  label: string;
  kind: string;
  path?: string;
  reason?: string;
  series: Array<{ group: Record<string, string | null>; points: Array<{ label: string; value: number | null }>; total: number | null }>;
  comparison?: { from: string; to: string; series: Array<{ group: Record<string, string | null>; points: Array<{ value: number | null }>; total: number | null; growthRate: number | null }> };
}

/** label → [values per bucket, total] of an ungrouped answer. */
function table(results: Line[]): Record<string, [Array<number | null>, number | null]> {
  return Object.fromEntries(results.map((line) => [line.label, [line.series[0].points.map((point) => point.value), line.series[0].total]]));
}

describe('POST /v1/query with several series and formulas', () => {
  let app: QueryAppUnderTest;
  let tenant: { id: string; secretKey: string };

  beforeAll(async () => {
    app = await startQueryApp();
    tenant = await app.createTenant({ timeZone: BERLIN, currency: 'EUR' });
    const other = await app.createTenant({ timeZone: BERLIN, currency: 'EUR' });
    await storeQueryEvents(app.adapters.store.dataSource, { id: tenant.id, timeZone: BERLIN, currency: 'EUR' }, EVENTS);
    // Another tenant's order and view on the 29th: never in the tenant's series.
    await storeQueryEvents(app.adapters.store.dataSource, { id: other.id, timeZone: BERLIN, currency: 'EUR' }, [
      { id: 'x1', type: 'order_completed', at: '2026-03-29T10:00:00Z', user: 'x1', device: 'desktop', properties: { revenue: 99, currency: 'EUR' } },
      { id: 'x2', type: 'page_viewed', at: '2026-03-29T10:00:00Z', user: 'x1', device: 'desktop' },
    ]);
  }, 120_000);

  afterAll(async () => {
    await app?.stop();
  });

  it('answers orders per viewer in percent: per day, null on the empty 31st, and over the range from the totals', async () => {
    // Orders 1, 2, 0, 0 (3); viewers u1 u2 | u3 u1 | u2 | – (3 over the range).
    // A / B * 100: 50, 100, 0, 0/0 → null; range 3 / 3 → 100.
    const answer = await app.query({ series: [ORDERS, VIEWERS], formulas: [{ formula: 'A / B * 100' }], ...RANGE }, tenant.secretKey);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      from: '2026-03-27T23:00:00.000Z',
      to: '2026-03-31T22:00:00.000Z',
      granularity: 'day',
      timeZone: BERLIN,
      groupCount: 1,
      results: [
        expect.objectContaining({ label: 'A', kind: 'series', path: 'rollup' }),
        expect.objectContaining({ label: 'B', kind: 'series', path: 'rollup' }),
        {
          label: 'F1',
          kind: 'formula',
          formula: 'A / B * 100',
          series: [
            {
              group: {},
              points: [
                { bucket: '2026-03-27T23:00:00.000Z', label: '2026-03-28', value: 50 },
                { bucket: '2026-03-28T23:00:00.000Z', label: '2026-03-29', value: 100 },
                { bucket: '2026-03-29T22:00:00.000Z', label: '2026-03-30', value: 0 },
                { bucket: '2026-03-30T22:00:00.000Z', label: '2026-03-31', value: null },
              ],
              total: 100,
            },
          ],
        },
      ],
    });
    expect(table(answer.body.results)).toEqual({
      A: [[1, 2, 0, 0], 3],
      B: [[2, 2, 1, 0], 3],
      F1: [[50, 100, 0, null], 100],
    });
  });

  it('gives each series its own path, an average and a median no value on days without orders, and named labels', async () => {
    // Revenue 10, 50, 0, 0 (60); orders 1, 2, 0, 0 (3); average 10, 25, –, – (20); median 10, 25, –, – (20, raw).
    const answer = await app.query(
      {
        ...RANGE,
        series: [
          { label: 'revenue', metric: { type: 'aggregate', field: 'properties.revenue', aggregation: 'sum' } },
          { label: 'orders', ...ORDERS },
          { label: 'average', metric: { type: 'aggregate', field: 'properties.revenue', aggregation: 'avg' } },
          { label: 'median', metric: { type: 'aggregate', field: 'properties.revenue', aggregation: 'p50' } },
        ],
        formulas: [{ formula: 'revenue / orders', label: 'per_order' }, { formula: '(revenue / orders - average) * -(1 + median)' }],
      },
      tenant.secretKey,
    );
    expect(answer.status).toBe(200);
    expect(answer.body.results.map((line: Line) => [line.label, line.kind, line.path, line.reason])).toEqual([
      ['revenue', 'series', 'rollup', undefined],
      ['orders', 'series', 'rollup', undefined],
      ['average', 'series', 'rollup', undefined],
      ['median', 'series', 'raw', 'p50 is computed exactly from raw events (rollup histograms are approximate)'],
      ['per_order', 'formula', undefined, undefined],
      ['F2', 'formula', undefined, undefined],
    ]);
    expect(table(answer.body.results)).toEqual({
      revenue: [[10, 50, 0, 0], 60],
      orders: [[1, 2, 0, 0], 3],
      average: [[10, 25, null, null], 20],
      median: [[10, 25, null, null], 20],
      per_order: [[10, 25, null, null], 20],
      F2: [[0, 0, null, null], 0],
    });
  });

  it('applies group-by and the previous-period comparison to every series and formula', async () => {
    // Now (29th, 30th): orders desktop 1 | 0, tablet 1 | 0; viewers desktop 1 | 0, tablet 1 | 0, mobile 0 | 1.
    // Before (27th, 28th): orders desktop 0 | 1; viewers desktop 0 | 1, mobile 0 | 1 (u2 twice is one viewer).
    // Groups ordered by orders (desktop and tablet tie at 1, and at 1 viewer: by name), mobile (0 orders) last.
    const answer = await app.query(
      {
        series: [ORDERS, VIEWERS],
        formulas: [{ formula: 'A / B' }],
        from: '2026-03-29T00:00:00+01:00',
        to: '2026-03-31T00:00:00+02:00',
        granularity: 'day',
        groupBy: ['device_type'],
        compare: 'previous_period',
      },
      tenant.secretKey,
    );
    expect(answer.status).toBe(200);
    expect(answer.body.groupCount).toBe(3);
    const rows = (line: Line) => line.series.map((entry) => [entry.group['device_type'], entry.points.map((point) => point.value), entry.total]);
    const before = (line: Line) => line.comparison?.series.map((entry) => [entry.group['device_type'], entry.points.map((point) => point.value), entry.total, entry.growthRate]);
    const [orders, viewers, ratio] = answer.body.results as Line[];
    expect(rows(orders)).toEqual([
      ['desktop', [1, 0], 1],
      ['tablet', [1, 0], 1],
      ['mobile', [0, 0], 0],
    ]);
    expect(rows(viewers)).toEqual([
      ['desktop', [1, 0], 1],
      ['tablet', [1, 0], 1],
      ['mobile', [0, 1], 1],
    ]);
    // desktop 1/1, 0/0; tablet the same; mobile 0/0, 0/1.
    expect(rows(ratio)).toEqual([
      ['desktop', [1, null], 1],
      ['tablet', [1, null], 1],
      ['mobile', [null, 0], 0],
    ]);
    expect(ratio.comparison?.from).toBe('2026-03-26T23:00:00.000Z');
    expect(ratio.comparison?.to).toBe('2026-03-28T23:00:00.000Z');
    // Orders: desktop 1 against 1 → 0; tablet 1 against 0 → 1.0; mobile 0 against 0 → 0.
    expect(before(orders)).toEqual([
      ['desktop', [0, 1], 1, 0],
      ['tablet', [0, 0], 0, 1],
      ['mobile', [0, 0], 0, 0],
    ]);
    expect(before(viewers)).toEqual([
      ['desktop', [0, 1], 1, 0],
      ['tablet', [0, 0], 0, 1],
      ['mobile', [0, 1], 1, 0],
    ]);
    // A / B before: desktop –, 1/1 (1; growth 0); tablet 0/0 throughout (null, no growth); mobile –, 0/1 (0; 0 against 0 → 0).
    expect(before(ratio)).toEqual([
      ['desktop', [null, 1], 1, 0],
      ['tablet', [null, null], null, null],
      ['mobile', [null, 0], 0, 0],
    ]);
  });

  it("applies the shared filters to every series and each series' own filters to it alone", async () => {
    // Shared: desktop only. A: orders (u1: 1 on the 28th, 1 on the 29th); B: all desktop events with a revenue over 15 (o2).
    const answer = await app.query(
      {
        ...RANGE,
        filters: [{ field: 'device_type', operator: 'equals', value: 'desktop' }],
        series: [ORDERS, { metric: { type: 'event_count' }, filters: [{ field: 'properties.revenue', operator: 'gt', value: 15 }] }],
        formulas: [{ formula: 'B / A' }],
      },
      tenant.secretKey,
    );
    expect(table(answer.body.results)).toEqual({
      A: [[1, 1, 0, 0], 2],
      B: [[0, 1, 0, 0], 1],
      F1: [[0, 1, null, null], 0.5],
    });
  });

  it('keeps the original single-metric shape and answer', async () => {
    const answer = await app.query({ metric: { type: 'event_count', events: ['order_completed'] }, ...RANGE }, tenant.secretKey);
    expect(answer.body).toEqual({
      path: 'rollup',
      from: '2026-03-27T23:00:00.000Z',
      to: '2026-03-31T22:00:00.000Z',
      granularity: 'day',
      timeZone: BERLIN,
      groupCount: 1,
      series: [
        {
          group: {},
          points: [
            { bucket: '2026-03-27T23:00:00.000Z', label: '2026-03-28', value: 1 },
            { bucket: '2026-03-28T23:00:00.000Z', label: '2026-03-29', value: 2 },
            { bucket: '2026-03-29T22:00:00.000Z', label: '2026-03-30', value: 0 },
            { bucket: '2026-03-30T22:00:00.000Z', label: '2026-03-31', value: 0 },
          ],
          total: 3,
        },
      ],
    });
  });

  describe('refuses bad queries with 400 naming the field and rule', () => {
    async function issues(body: object) {
      const answer = await app.query({ ...RANGE, ...body }, tenant.secretKey);
      expect(answer.status).toBe(400);
      return answer.body.errors.map((issue: { field: string; rule: string; message: string }) => [issue.field, issue.rule, issue.message]);
    }

    it('a formula naming a series that does not exist', async () => {
      expect(await issues({ series: [ORDERS, VIEWERS], formulas: [{ formula: 'A / C' }] })).toEqual([
        ['formulas[0].formula', 'isKnownSeries', 'formulas[0].formula names C, which is not a series of this query (A, B)'],
      ]);
    });

    it('anything in a formula but numbers, labels, + - * / and parentheses', async () => {
      expect(await issues({ series: [ORDERS, VIEWERS], formulas: [{ formula: 'A / B; require("fs")' }, { formula: 'A ** 2' }] })).toEqual([
        ['formulas[0].formula', 'isFormula', 'formulas[0].formula has ";" at character 6: only numbers, series labels, + - * / and parentheses are allowed'],
        ['formulas[1].formula', 'isFormula', 'formulas[1].formula expects a number, series label or ( at character 4, not "*"'],
      ]);
    });

    it('more than 10 series', async () => {
      expect(await issues({ series: Array.from({ length: 11 }, () => ORDERS) })).toEqual([
        ['series', 'arrayMaxSize', 'series must contain no more than 10 elements'],
      ]);
    });

    it('metric and series together, formulas without series, a bad series metric, a repeated label', async () => {
      expect(await issues({ metric: ORDERS.metric, series: [ORDERS] })).toEqual([
        ['metric', 'isExclusiveWithSeries', 'metric must not be given with series: make it one of the series'],
      ]);
      expect(await issues({ metric: ORDERS.metric, formulas: [{ formula: 'A' }] })).toEqual([
        ['formulas', 'needsSeries', 'formulas need series: name the metrics in series[] and refer to them as A, B, …'],
      ]);
      expect((await issues({ series: [{ metric: { type: 'revenue_magic' } }] })).map(([field, rule]: string[]) => [field, rule])).toEqual([['series[0].metric.type', 'isIn']]);
      expect(await issues({ series: [ORDERS, { ...VIEWERS, label: 'A' }] })).toEqual([
        ['series[1].label', 'isUniqueLabel', 'series[1].label is A, already the label of series[0]'],
      ]);
    });
  });
});

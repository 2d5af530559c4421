import { startQueryApp, type QueryAppUnderTest } from '../../testing/query-app';
import { storeQueryEvents, type QueryFixtureEvent } from '@pulse/storage/testing';
import { TenantRetentionRepository } from '@pulse/storage';

const BERLIN = 'Europe/Berlin';

// Berlin, clocks forward on Sunday 2026-03-29 (23-hour day). Local days in UTC:
// 28th [03-27T23:00Z, 03-28T23:00Z), 29th [03-28T23:00Z, 03-29T22:00Z), 30th [03-29T22:00Z, 03-30T22:00Z).
const EVENTS: QueryFixtureEvent[] = [
  { id: 'e1', type: 'page_viewed', at: '2026-03-28T08:00:00Z', user: 'u1', device: 'desktop', properties: { plan: 'pro' } },
  { id: 'e2', type: 'order_completed', at: '2026-03-28T09:00:00Z', user: 'u1', device: 'desktop', properties: { revenue: 10, currency: 'EUR' } },
  { id: 'e3', type: 'page_viewed', at: '2026-03-28T22:30:00Z', user: 'u2', device: 'mobile', properties: { plan: 'free' } },
  { id: 'e4', type: 'page_viewed', at: '2026-03-28T23:30:00Z', user: 'u2', device: 'mobile', properties: { plan: 'free' } }, // 29th local, 28th UTC
  { id: 'e5', type: 'order_completed', at: '2026-03-29T01:30:00Z', user: 'u2', device: 'mobile', properties: { revenue: 30, currency: 'EUR' } },
  { id: 'e6', type: 'order_completed', at: '2026-03-29T21:30:00Z', user: 'u3', device: 'tablet', properties: { revenue: 25.5, currency: 'USD' } },
  { id: 'e7', type: 'page_viewed', at: '2026-03-29T21:59:00Z', user: 'u3', device: 'tablet', properties: { plan: 'team' } },
  { id: 'e8', type: 'page_viewed', at: '2026-03-29T22:00:00Z', user: 'u1', device: 'desktop', properties: { plan: 'pro' } }, // 30th local, 29th UTC
  { id: 'e9', type: 'order_completed', at: '2026-03-30T10:00:00Z', receivedAt: '2026-04-02T08:00:00Z', user: 'u1', device: 'desktop', properties: { revenue: 20, currency: 'EUR' } },
  { id: 'e10', type: 'heartbeat', at: '2026-03-30T11:00:00Z', user: null, device: null },
];

const RANGE = { from: '2026-03-28T00:00:00+01:00', to: '2026-04-01T00:00:00+02:00', granularity: 'day' };

describe('POST /v1/query on the embedded platform', () => {
  let app: QueryAppUnderTest;
  let tenant: { id: string; secretKey: string };
  let other: { id: string; secretKey: string };

  beforeAll(async () => {
    app = await startQueryApp();
    tenant = await app.createTenant({ timeZone: BERLIN, currency: 'EUR' });
    other = await app.createTenant({ timeZone: BERLIN, currency: 'EUR' });
    const sql = app.adapters.store.dataSource;
    await storeQueryEvents(sql, { id: tenant.id, timeZone: BERLIN, currency: 'EUR' }, EVENTS);
    // The other tenant's events on the same days: five page views that tenant A must never count.
    await storeQueryEvents(
      sql,
      { id: other.id, timeZone: BERLIN, currency: 'EUR' },
      [1, 2, 3, 4, 5].map((n) => ({ id: `o${n}`, type: 'page_viewed', at: `2026-03-29T1${n}:00:00Z`, user: `o${n}`, device: 'desktop' })),
    );
  }, 120_000);

  afterAll(async () => {
    await app?.stop();
  });

  const values = (series: { points: Array<{ value: number }> }) => series.points.map((point) => point.value);

  it('counts events per local day from rollups: 23-hour 29th, late event, empty 31st filled with 0', async () => {
    const answer = await app.query({ metric: { type: 'event_count' }, ...RANGE }, tenant.secretKey);
    expect(answer.status).toBe(200);
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
            { bucket: '2026-03-27T23:00:00.000Z', label: '2026-03-28', value: 3 },
            { bucket: '2026-03-28T23:00:00.000Z', label: '2026-03-29', value: 4 },
            { bucket: '2026-03-29T22:00:00.000Z', label: '2026-03-30', value: 3 },
            { bucket: '2026-03-30T22:00:00.000Z', label: '2026-03-31', value: 0 },
          ],
          total: 10,
        },
      ],
    });
  });

  it("shows the other tenant only its own five events", async () => {
    const answer = await app.query({ metric: { type: 'event_count' }, ...RANGE }, other.secretKey);
    expect(values(answer.body.series[0])).toEqual([0, 5, 0, 0]);
  });

  it('buckets by another zone when asked, from raw events', async () => {
    // UTC days: 28th e1 e2 e3 e4; 29th e5 e6 e7 e8; 30th e9 e10; 31st none.
    const answer = await app.query(
      { metric: { type: 'event_count' }, from: '2026-03-28T00:00:00Z', to: '2026-04-01T00:00:00Z', granularity: 'day', timeZone: 'UTC' },
      tenant.secretKey,
    );
    expect(answer.body.path).toBe('raw');
    expect(answer.body.reason).toBe('rollups are cut in Europe/Berlin, the query asks for UTC');
    expect(values(answer.body.series[0])).toEqual([4, 4, 2, 0]);
  });

  it('compares with the previous period: growth of totals, previous 0 → 1.0', async () => {
    // Current: 30th + 31st; previous: 28th + 29th. Desktop: e8 e9 now, e1 e2 before → 0. No device: e10 now, nothing before → 1.0.
    const answer = await app.query(
      { metric: { type: 'event_count' }, from: '2026-03-30T00:00:00+02:00', to: '2026-04-01T00:00:00+02:00', granularity: 'day', groupBy: ['device_type'], compare: 'previous_period' },
      tenant.secretKey,
    );
    expect(answer.status).toBe(200);
    expect(answer.body.series.map((series: { group: object; total: number }) => [series.group, series.total])).toEqual([
      [{ device_type: 'desktop' }, 2],
      [{ device_type: null }, 1],
    ]);
    expect(answer.body.comparison).toEqual({
      from: '2026-03-27T23:00:00.000Z',
      to: '2026-03-29T22:00:00.000Z',
      series: [
        {
          group: { device_type: 'desktop' },
          points: [
            { bucket: '2026-03-27T23:00:00.000Z', label: '2026-03-28', value: 2 },
            { bucket: '2026-03-28T23:00:00.000Z', label: '2026-03-29', value: 0 },
          ],
          total: 2,
          growthRate: 0,
        },
        {
          group: { device_type: null },
          points: [
            { bucket: '2026-03-27T23:00:00.000Z', label: '2026-03-28', value: 0 },
            { bucket: '2026-03-28T23:00:00.000Z', label: '2026-03-29', value: 0 },
          ],
          total: 0,
          growthRate: 1,
        },
      ],
    });
  });

  it('compares totals over the whole period: 3 events now against 7 before is (3 − 7) / 7', async () => {
    const answer = await app.query(
      { metric: { type: 'event_count' }, from: '2026-03-30T00:00:00+02:00', to: '2026-04-01T00:00:00+02:00', granularity: 'day', compare: 'previous_period' },
      tenant.secretKey,
    );
    expect(answer.body.comparison.series[0].total).toBe(7);
    expect(answer.body.comparison.series[0].growthRate).toBeCloseTo(-4 / 7, 12);
  });

  it('counts unique users per Monday week, a user once per week', async () => {
    // Week of the 23rd (28th, 29th): u1 u2 u3; week of the 30th: u1.
    const answer = await app.query({ metric: { type: 'unique_users' }, ...RANGE, granularity: 'week' }, tenant.secretKey);
    expect(answer.body.path).toBe('rollup');
    expect(answer.body.series[0].points.map((point: { label: string; value: number }) => [point.label, point.value])).toEqual([
      ['2026-03-23', 3],
      ['2026-03-30', 1],
    ]);
  });

  it("counts unique users per month and quarter from the all-types rollups, not the other tenant's", async () => {
    // March: u1 u2 u3 (the other tenant's o1…o5 on the 29th would make 8); Q1 holds March only here.
    for (const granularity of ['month', 'quarter']) {
      const answer = await app.query({ metric: { type: 'unique_users' }, ...RANGE, granularity, to: '2026-03-31T00:00:00+02:00' }, tenant.secretKey);
      expect([answer.body.path, values(answer.body.series[0]), answer.body.series[0].total]).toEqual(['rollup', [3], 3]);
    }
  });

  it('sums revenue in the tenant currency from rollups and its p95 from raw events', async () => {
    // EUR: 10, 30, 20 (e6 is USD). p95 of 10, 20, 30: rank 1.9 → 29.
    const sum = await app.query({ metric: { type: 'aggregate', field: 'properties.revenue', aggregation: 'sum' }, ...RANGE }, tenant.secretKey);
    expect([sum.body.path, values(sum.body.series[0]), sum.body.series[0].total]).toEqual(['rollup', [10, 30, 20, 0], 60]);
    const p95 = await app.query({ metric: { type: 'aggregate', field: 'properties.revenue', aggregation: 'p95' }, ...RANGE }, tenant.secretKey);
    expect(p95.body.path).toBe('raw');
    expect(p95.body.reason).toBe('p95 is computed exactly from raw events (rollup histograms are approximate)');
    expect(p95.body.series[0].total).toBeCloseTo(29, 10);
  });

  it('rates conversion from views to orders', async () => {
    // 28th: u1 of u1 u2 → 0.5; 29th: u2 u3 of u2 u3 → 1; 30th: u1 of u1 → 1; range 3 of 3.
    const answer = await app.query({ metric: { type: 'conversion', fromEvent: 'page_viewed', toEvent: 'order_completed' }, ...RANGE }, tenant.secretKey);
    expect([values(answer.body.series[0]), answer.body.series[0].total]).toEqual([[0.5, 1, 1, 0], 1]);
  });

  it('groups by a property and filters with typed operators from raw events', async () => {
    // Page views by plan, without "team": pro e1 e8, free e3 e4.
    const answer = await app.query(
      {
        metric: { type: 'event_count', events: ['page_viewed'] },
        ...RANGE,
        groupBy: ['properties.plan'],
        filters: [{ field: 'properties.plan', operator: 'not_in', values: ['team'] }],
        fillMissing: false,
      },
      tenant.secretKey,
    );
    expect(answer.body.path).toBe('raw');
    expect(answer.body.series).toEqual([
      { group: { 'properties.plan': 'free' }, points: [{ bucket: '2026-03-27T23:00:00.000Z', label: '2026-03-28', value: 1 }, { bucket: '2026-03-28T23:00:00.000Z', label: '2026-03-29', value: 1 }], total: 2 },
      { group: { 'properties.plan': 'pro' }, points: [{ bucket: '2026-03-27T23:00:00.000Z', label: '2026-03-28', value: 1 }, { bucket: '2026-03-29T22:00:00.000Z', label: '2026-03-30', value: 1 }], total: 2 },
    ]);
  });

  it('says a range its retention windows have expired has expired, instead of answering zeros', async () => {
    const kept = await app.createTenant({ timeZone: BERLIN, currency: 'EUR' });
    await storeQueryEvents(app.adapters.store.dataSource, { id: kept.id, timeZone: BERLIN, currency: 'EUR' }, EVENTS);
    // Raw events 30 days, day rollups 60 days: March 2026 is long gone for both (the test runs later than that).
    await new TenantRetentionRepository(app.adapters.store.dataSource).replace(kept.id, {
      rawEventsDays: 30,
      rollupDays: { minute: null, hour: null, day: 60, week: null, month: null },
    });
    const fromRollups = await app.query({ metric: { type: 'event_count' }, ...RANGE }, kept.secretKey);
    expect(fromRollups.status).toBe(400);
    expect(fromRollups.body.errors).toEqual([
      { field: 'from', rule: 'dataExpired', message: expect.stringMatching(/^from must be on or after .*: this tenant keeps day rollups for 60 days, older data has expired$/) },
    ]);
    const fromRaw = await app.query({ metric: { type: 'event_count' }, ...RANGE, filters: [{ field: 'properties.plan', operator: 'equals', value: 'pro' }] }, kept.secretKey);
    expect(fromRaw.body.errors[0].message).toContain('raw events for 30 days');
    // A recent range answers as usual; the tenant without windows still answers for March.
    const recent = new Date(Date.now() - 7 * 86_400_000).toISOString();
    expect((await app.query({ metric: { type: 'event_count' }, from: recent, to: new Date().toISOString(), granularity: 'day' }, kept.secretKey)).status).toBe(200);
    expect((await app.query({ metric: { type: 'event_count' }, ...RANGE }, tenant.secretKey)).status).toBe(200);
    // The other tests count every row of the events table.
    await app.adapters.store.dataSource.query(`DELETE FROM events WHERE tenant_id = $1`, [kept.id]);
  });

  describe('refuses bad queries with 400 naming the field and rule', () => {
    async function issues(body: unknown) {
      const answer = await app.query(body, tenant.secretKey);
      expect(answer.status).toBe(400);
      return answer.body.errors.map((issue: { field: string; rule: string }) => [issue.field, issue.rule]);
    }

    it('an unknown metric', async () => {
      expect(await issues({ metric: { type: 'revenue_magic' }, ...RANGE })).toEqual([['metric.type', 'isIn']]);
    });

    it('an unknown operator', async () => {
      expect(await issues({ metric: { type: 'event_count' }, ...RANGE, filters: [{ field: 'device_type', operator: 'like', value: '%' }] })).toEqual([
        ['filters[0].operator', 'isIn'],
      ]);
    });

    it('an operator that does not fit the field', async () => {
      expect(await issues({ metric: { type: 'event_count' }, ...RANGE, filters: [{ field: 'device_type', operator: 'gt', value: 3 }] })).toEqual([
        ['filters[0].operator', 'isOperatorForField'],
      ]);
    });

    it('SQL in a property name, leaving the events table intact', async () => {
      const injection = `properties.plan'); DROP TABLE "events"; --`;
      const answer = await app.query({ metric: { type: 'event_count' }, ...RANGE, groupBy: [injection] }, tenant.secretKey);
      expect(answer.status).toBe(400);
      expect(answer.body.errors).toEqual([
        { field: 'groupBy[0]', rule: 'isValidPropertyName', message: expect.stringContaining('groupBy[0] must be properties.<name>') },
      ]);
      const [{ count }] = await app.adapters.store.dataSource.query(`SELECT count(*)::int AS "count" FROM "events"`);
      expect(count).toBe(15);
    });

    it('an end before the start', async () => {
      expect(await issues({ metric: { type: 'event_count' }, granularity: 'day', from: '2026-04-01T00:00:00Z', to: '2026-03-01T00:00:00Z' })).toEqual([
        ['to', 'isAfterFrom'],
      ]);
    });

    it('too many buckets: a year of hours is 8,760', async () => {
      const answer = await app.query({ metric: { type: 'event_count' }, granularity: 'hour', from: '2026-01-01T00:00:00Z', to: '2027-01-01T00:00:00Z' }, tenant.secretKey);
      expect(answer.status).toBe(400);
      expect(answer.body.errors).toEqual([{ field: 'granularity', rule: 'maxBuckets', message: expect.stringContaining('more than 5000 buckets') }]);
    });

    it('an unknown request field', async () => {
      expect(await issues({ metric: { type: 'event_count' }, ...RANGE, groupby: ['device_type'] })).toEqual([['groupby', 'isUnknownField']]);
    });
  });

  it('needs a secret key', async () => {
    expect((await app.query({ metric: { type: 'event_count' }, ...RANGE })).status).toBe(401);
  });
});

/** A small deterministic generator (mulberry32): the same events on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = Math.imul(state ^ (state >>> 15), 1 | state);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Events around both of Berlin's 2026 clock changes (late March, late October) and New Year 2026, some without a user. */
function generatedEvents(prefix: string, count: number, seed: number): QueryFixtureEvent[] {
  const next = random(seed);
  const windows = [Date.parse('2026-03-20T00:00:00Z'), Date.parse('2026-10-19T00:00:00Z'), Date.parse('2025-12-22T00:00:00Z')];
  return Array.from({ length: count }, (_, index) => {
    const type = next() < 0.5 ? 'page_viewed' : next() < 0.8 ? 'order_completed' : 'heartbeat';
    return {
      id: `${prefix}${index}`,
      type,
      at: new Date(windows[index % windows.length] + Math.floor(next() * 16 * 86_400_000)).toISOString(),
      user: type === 'heartbeat' ? null : `${prefix}u${Math.floor(next() * 60)}`,
      device: type === 'heartbeat' ? null : 'desktop',
    };
  });
}

describe("POST /v1/query: '*' rollups and raw events agree on generated data", () => {
  let app: QueryAppUnderTest;
  let tenant: { id: string; secretKey: string };

  beforeAll(async () => {
    app = await startQueryApp();
    tenant = await app.createTenant({ timeZone: BERLIN, currency: 'EUR' });
    const other = await app.createTenant({ timeZone: BERLIN, currency: 'EUR' });
    const sql = app.adapters.store.dataSource;
    await storeQueryEvents(sql, { id: tenant.id, timeZone: BERLIN, currency: 'EUR' }, generatedEvents('a', 900, 20261025));
    // Another tenant on the same days, with the same user ids: counted for it, never for the tenant.
    await storeQueryEvents(sql, { id: other.id, timeZone: BERLIN, currency: 'EUR' }, generatedEvents('a', 300, 7).map((event) => ({ ...event, id: `b${event.id}` })));
  }, 120_000);

  afterAll(async () => {
    await app?.stop();
  });

  // Europe/Paris has Berlin's offsets on every day, so the same buckets; the planner reads raw events for it.
  it.each([
    ['hour across the spring change', 'hour', '2026-03-28T00:00:00+01:00', '2026-03-30T00:00:00+02:00'],
    ['hour across the autumn change, not on hour boundaries', 'hour', '2026-10-24T05:30:00+02:00', '2026-10-26T17:10:00+01:00'],
    ['day', 'day', '2026-03-20T00:00:00+01:00', '2026-04-06T00:00:00+02:00'],
    ['day from mid-day over seven months', 'day', '2026-03-20T13:00:00+01:00', '2026-11-05T00:00:00+01:00'],
    ['week from a Wednesday', 'week', '2026-03-18T00:00:00+01:00', '2026-11-05T13:00:00+01:00'],
    ['month', 'month', '2026-03-01T00:00:00+01:00', '2026-11-01T00:00:00+01:00'],
    ['quarter', 'quarter', '2026-01-01T00:00:00+01:00', '2027-01-01T00:00:00+01:00'],
    // Range totals over whole local days of two years (the persons' active-day rows of 2025 and 2026).
    ['day across New Year', 'day', '2025-12-30T00:00:00+01:00', '2026-01-06T00:00:00+01:00'],
    ['week across New Year', 'week', '2025-12-22T00:00:00+01:00', '2026-04-06T00:00:00+02:00'],
  ])('by %s', async (_name, granularity, from, to) => {
    for (const metric of [{ type: 'event_count' }, { type: 'unique_users' }]) {
      const request = { metric, granularity, from, to, compare: 'previous_period' };
      const rollup = await app.query(request, tenant.secretKey);
      const raw = await app.query({ ...request, timeZone: 'Europe/Paris' }, tenant.secretKey);
      expect([rollup.status, rollup.body.path, raw.body.path]).toEqual([200, 'rollup', 'raw']);
      expect(rollup.body.series).toEqual(raw.body.series);
      expect(rollup.body.comparison).toEqual(raw.body.comparison);
      expect(rollup.body.series[0].total).toBeGreaterThan(0);
    }
  });
});

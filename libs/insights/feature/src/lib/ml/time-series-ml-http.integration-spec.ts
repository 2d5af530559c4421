import { seededRandom } from '@pulse/analytics-core';
import { STORE_TARGETS, storeQueryEvents, type QueryFixtureEvent } from '@pulse/storage/testing';
import { startDomainsApp, type DomainsAppUnderTest, type DomainsTenant } from '../../testing/domains-app';

const HOUR = 3_600_000;
const WEEKS = 7;
const T0 = Date.UTC(2026, 0, 5); // a Monday, UTC
const END = T0 + WEEKS * 168 * HOUR;
/** The injected anomaly: mobile revenue jumps by 400 for one hour in the last week (a Thursday 02:00). */
const SPIKE = T0 + (6 * 168 + 74) * HOUR;
const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * Two orders an hour (desktop and mobile) whose revenue follows a daily cycle with quieter weekends, plus
 * seeded noise: the series the anomaly and forecast answers are known for.
 */
function hourlyOrders(prefix: string, spikeAt: number | null): QueryFixtureEvent[] {
  const random = seededRandom(prefix.length + 17);
  const events: QueryFixtureEvent[] = [];
  for (let time = T0; time < END; time += HOUR) {
    const date = new Date(time);
    const weekend = date.getUTCDay() === 0 || date.getUTCDay() === 6;
    const cycle = (1 + 0.5 * Math.sin((2 * Math.PI * (date.getUTCHours() - 9)) / 24)) * (weekend ? 0.6 : 1);
    for (const [device, level] of [
      ['desktop', 60],
      ['mobile', 40],
    ] as const) {
      const noise = (random() - 0.5) * 6;
      const revenue = Math.round((level * cycle + noise + (device === 'mobile' && time === spikeAt ? 400 : 0)) * 100) / 100;
      events.push({
        id: `${prefix}-${device}-${time}`,
        type: 'purchase',
        at: iso(time + 10 * 60_000),
        user: `${prefix}-u${time % 7}`,
        device,
        properties: { revenue },
      });
    }
  }
  return events;
}

const revenueQuery = (from: number, to: number, granularity: string) => ({
  metric: { type: 'aggregate', events: ['purchase'], field: 'properties.revenue', aggregation: 'sum' },
  from: iso(from),
  to: iso(to),
  granularity,
});

describe.each(STORE_TARGETS)('time-series ML over HTTP on $name', (target) => {
  let app: DomainsAppUnderTest;
  let shop: DomainsTenant;
  let recent: DomainsTenant;
  let recentOrderHour: number;

  beforeAll(async () => {
    app = await startDomainsApp(target);
    shop = await app.createTenant({ timeZone: 'UTC', currency: 'EUR' });
    const other = await app.createTenant({ timeZone: 'UTC', currency: 'EUR' });
    recent = await app.createTenant({ timeZone: 'UTC', currency: 'EUR' });
    const sql = app.store.dataSource;
    await storeQueryEvents(sql, { id: shop.id, timeZone: 'UTC', currency: 'EUR' }, hourlyOrders('shop', SPIKE));
    // Another tenant's spike, a day earlier: never seen by the shop.
    await storeQueryEvents(sql, { id: other.id, timeZone: 'UTC', currency: 'EUR' }, hourlyOrders('other', SPIKE - 24 * HOUR));
    // Five orders in the last complete hour after none at all: the named-metric GET must flag that hour.
    recentOrderHour = Math.floor(Date.now() / HOUR) * HOUR - HOUR;
    await storeQueryEvents(
      sql,
      { id: recent.id, timeZone: 'UTC', currency: 'EUR' },
      [1, 2, 3, 4, 5].map((n) => ({
        id: `r${n}`,
        type: 'purchase',
        at: iso(recentOrderHour + n * 60_000),
        user: `r${n}`,
        device: 'mobile',
        properties: { revenue: 10 },
      })),
    );
  }, 240_000);

  afterAll(async () => {
    await app?.stop();
  });

  it('documents the ML routes at /docs-json', async () => {
    const document = await app.call(null, '/docs-json');
    expect(Object.keys(document.body.paths)).toEqual(expect.arrayContaining(['/v1/ml/anomalies', '/v1/ml/forecast']));
    expect(Object.keys(document.body.paths['/v1/ml/anomalies'])).toEqual(expect.arrayContaining(['get', 'post']));
  });

  describe('POST /v1/ml/anomalies', () => {
    it('finds the injected hour, and only it, reading five weeks of history before the range', async () => {
      const answer = await app.call(shop, '/v1/ml/anomalies', { query: revenueQuery(END - 168 * HOUR, END, 'hour') });
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({
        method: 'seasonal',
        from: iso(END - 168 * HOUR),
        to: iso(END),
        historyPoints: 852,
        judgedPoints: 168,
      });
      expect(answer.body.anomalies.map((a: { time: string }) => a.time)).toEqual([iso(SPIKE)]);
      const [spike] = answer.body.anomalies;
      expect(spike.observed).toBeGreaterThan(spike.upper);
      expect(spike.observed - spike.expected).toBeGreaterThan(350);
      expect(spike.severity).toBe('critical');
      expect(spike.causes).toEqual([]);
    });

    it('names the dimension value that explains the anomaly', async () => {
      const answer = await app.call(shop, '/v1/ml/anomalies', {
        query: revenueQuery(END - 168 * HOUR, END, 'hour'),
        causeDimension: 'device_type',
      });
      expect(answer.status).toBe(200);
      const causes = answer.body.anomalies[0].causes;
      expect(causes.map((c: { value: string }) => c.value)).toEqual(['mobile', 'desktop']);
      expect(causes[0]).toMatchObject({ dimension: 'device_type', value: 'mobile' });
      expect(causes[0].share).toBeGreaterThan(0.9);
      expect(causes[0].observed - causes[0].expected).toBeGreaterThan(350);
    });

    it('scans a range longer than the 5,000-bucket chart cap (6,000 hours) and still finds the hour', async () => {
      const answer = await app.call(shop, '/v1/ml/anomalies', {
        query: revenueQuery(END - 6_000 * HOUR, END, 'hour'),
        method: 'seasonal',
      });
      expect(answer.status).toBe(200);
      expect(answer.body.from).toBe(iso(END - 6_000 * HOUR));
      expect(answer.body.anomalies.map((a: { time: string }) => a.time)).toContain(iso(SPIKE));
      // Before T0 there are no orders: the scan sees zeros there, then the start of trading.
      expect(answer.body.anomalies.filter((a: { time: string }) => Date.parse(a.time) >= T0 + 5 * 168 * HOUR).map((a: { time: string }) => a.time)).toEqual([
        iso(SPIKE),
      ]);
    });

    it('answers 400 naming the field: unknown method, sensitivity outside 0..1, groupBy, month buckets, bad cause dimension', async () => {
      const query = revenueQuery(END - 168 * HOUR, END, 'hour');
      const fields = async (body: unknown) => {
        const answer = await app.call(shop, '/v1/ml/anomalies', body);
        expect(answer.status).toBe(400);
        return answer.body.errors.map((e: { field: string }) => e.field);
      };
      expect(await fields({ query, method: 'iqr' })).toEqual(['method']);
      expect(await fields({ query, sensitivity: 1.5 })).toEqual(['sensitivity']);
      expect(await fields({ query: { ...query, groupBy: ['device_type'] } })).toEqual(['query.groupBy']);
      expect(await fields({ query: { ...query, granularity: 'month' } })).toEqual(['query.granularity']);
      expect(await fields({ query, causeDimension: 'properties.' })).toEqual(['causeDimension']);
      expect(await fields({ query: { ...query, metric: { type: 'nope' } } })).toEqual(['query.metric.type']);
    });
  });

  describe('GET /v1/ml/anomalies', () => {
    it('flags the first orders after none at all in the last 24 hours of a named metric', async () => {
      const answer = await app.call(recent, '/v1/ml/anomalies?metric=orders&lookback_hours=24');
      expect(answer.status).toBe(200);
      expect(answer.body.judgedPoints).toBe(24);
      expect(answer.body.anomalies.map((a: { time: string; observed: number }) => [a.time, a.observed])).toEqual([[iso(recentOrderHour), 5]]);
      expect(answer.body.anomalies[0].severity).toBe('critical');
    });

    it('answers 400 for an unknown metric or a lookback outside 1..8784 hours', async () => {
      const unknown = await app.call(recent, '/v1/ml/anomalies?metric=bounces');
      expect(unknown.status).toBe(400);
      expect(unknown.body.errors.map((e: { field: string }) => e.field)).toEqual(['metric']);
      const tooLong = await app.call(recent, '/v1/ml/anomalies?metric=orders&lookback_hours=9000');
      expect(tooLong.body.errors.map((e: { field: string }) => e.field)).toEqual(['lookback_hours']);
    });

    it('refuses a request without a secret key', async () => {
      expect((await app.call(null, '/v1/ml/anomalies?metric=orders')).status).toBe(401);
    });
  });

  describe('POST /v1/ml/forecast', () => {
    it('forecasts the next day of hours from the query range, beating seasonal-naive in the backtest', async () => {
      const answer = await app.call(shop, '/v1/ml/forecast', { query: revenueQuery(T0, END, 'hour'), horizon: 24 });
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({
        model: 'holt-winters',
        granularity: 'hour',
        historyFrom: iso(T0),
        historyTo: iso(END),
        historyPoints: WEEKS * 168,
      });
      expect(answer.body.backtest.usedBaseline).toBe(false);
      expect(answer.body.backtest.model.mase).toBeLessThan(answer.body.backtest.baseline.mase);
      const points = answer.body.points as {
        time: string;
        value: number;
        lower80: number;
        upper80: number;
        lower95: number;
        upper95: number;
      }[];
      expect(points.map((p) => p.time)).toEqual(Array.from({ length: 24 }, (_, h) => iso(END + h * HOUR)));
      // END is a Monday: the true revenue at 15:00 is 100 × 1.5 = 150, at 03:00 100 × 0.5 = 50.
      expect(points[15].value).toBeGreaterThan(130);
      expect(points[15].value).toBeLessThan(170);
      expect(points[3].value).toBeGreaterThan(35);
      expect(points[3].value).toBeLessThan(65);
      for (const p of points) expect(p.lower95 < p.lower80 && p.lower80 < p.value && p.value < p.upper80 && p.upper80 < p.upper95).toBe(true);
    });

    it("accepts the spec's named form with horizon_days and a daily granularity", async () => {
      const answer = await app.call(shop, '/v1/ml/forecast', {
        metric: 'revenue',
        horizon_days: 30,
        granularity: 'daily',
      });
      expect(answer.status).toBe(200);
      expect(answer.body.granularity).toBe('day');
      expect(answer.body.historyPoints).toBe(365);
      expect(answer.body.points).toHaveLength(30);
      expect(Date.parse(answer.body.points[0].time)).toBe(Date.parse(answer.body.historyTo));
    });

    it('answers 422 saying how many buckets a too-short history needs', async () => {
      const answer = await app.call(shop, '/v1/ml/forecast', {
        query: revenueQuery(T0, T0 + 5 * 24 * HOUR, 'day'),
        horizon: 2,
      });
      expect(answer.status).toBe(422);
      expect(answer.body).toMatchObject({ statusCode: 422, neededPoints: 12, havePoints: 5 });
      expect(answer.body.message).toContain('needs at least 12 points');
    });

    it('answers 400 naming the field: horizon 0, horizon beyond 4 × the history, unknown metric, both query and metric', async () => {
      const query = revenueQuery(T0, T0 + 5 * 24 * HOUR, 'day');
      const fields = async (body: unknown) => {
        const answer = await app.call(shop, '/v1/ml/forecast', body);
        expect(answer.status).toBe(400);
        return answer.body.errors.map((e: { field: string; rule: string }) => `${e.field}:${e.rule}`);
      };
      expect(await fields({ query, horizon: 0 })).toEqual(['horizon:min']);
      expect(await fields({ query, horizon: 21 })).toEqual(['horizon:maxFourTimesHistory']);
      expect(await fields({ metric: 'bounces', horizon: 3 })).toEqual(['metric:isIn']);
      expect(await fields({ query, metric: 'orders', horizon: 3 })).toEqual(['query:exactlyOneOfQueryOrMetric']);
    });
  });
});

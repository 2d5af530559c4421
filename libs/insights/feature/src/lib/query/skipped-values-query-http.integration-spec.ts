import { startQueryApp, type QueryAppUnderTest } from '../../testing/query-app';
import { storeQueryEvents, type QueryFixtureEvent } from '@pulse/storage/testing';

const BERLIN = 'Europe/Berlin';
const REVENUE_IS_TEXT = [{ field: 'properties.revenue', rule: 'isNumber', message: 'properties.revenue must be a number' }];
const PRICE_IS_TEXT = [{ field: 'properties.items[1].price', rule: 'isAmount', message: 'properties.items[1].price must be an amount' }];

// Stored as the processor stores them under the lenient policy: the text revenue of o2 and o3 set aside
// (absent from properties), the violations beside the events. o4 is outside the range.
const EVENTS: QueryFixtureEvent[] = [
  { id: 'o1', type: 'purchase', at: '2026-03-28T10:00:00Z', user: 'u1', device: 'desktop', properties: { revenue: 10, currency: 'EUR' } },
  { id: 'o2', type: 'purchase', at: '2026-03-28T11:00:00Z', user: 'u2', device: 'desktop', properties: { currency: 'EUR' } },
  { id: 'o3', type: 'purchase', at: '2026-03-29T10:00:00Z', user: 'u3', device: 'desktop', properties: { currency: 'EUR', items: [{ price: 5 }, {}] } },
  { id: 'o4', type: 'purchase', at: '2026-04-05T10:00:00Z', user: 'u3', device: 'desktop', properties: { currency: 'EUR' } },
];
const VIOLATIONS: Record<string, unknown[]> = { o2: REVENUE_IS_TEXT, o3: [...REVENUE_IS_TEXT, ...PRICE_IS_TEXT], o4: REVENUE_IS_TEXT };
const RANGE = { from: '2026-03-28T00:00:00+01:00', to: '2026-03-30T00:00:00+02:00', granularity: 'day' };

describe('POST /v1/query says how many values an aggregation skipped', () => {
  let app: QueryAppUnderTest;
  let tenant: { id: string; secretKey: string };

  beforeAll(async () => {
    app = await startQueryApp();
    tenant = await app.createTenant({ timeZone: BERLIN, currency: 'EUR' });
    const dataSource = app.adapters.store.dataSource;
    await storeQueryEvents(dataSource, { id: tenant.id, timeZone: BERLIN, currency: 'EUR' }, EVENTS);
    for (const [eventId, violations] of Object.entries(VIOLATIONS)) {
      await dataSource.query(`UPDATE events SET violations = $3::jsonb WHERE tenant_id = $1 AND event_id = $2`, [tenant.id, eventId, JSON.stringify(violations)]);
    }
  }, 120_000);

  afterAll(async () => {
    await app?.stop();
  });

  it('sums the revenue it has and counts the purchases whose revenue it left out, in the range only', async () => {
    const answer = await app.query({ ...RANGE, metric: { type: 'aggregate', events: ['purchase'], field: 'properties.revenue', aggregation: 'sum' } }, tenant.secretKey);

    expect(answer.status).toBe(200);
    expect(answer.body.series[0].total).toBe(10);
    expect(answer.body.skippedValues).toEqual([{ eventType: 'purchase', field: 'properties.revenue', rule: 'isNumber', events: 2 }]);
  });

  it('matches a nested path with any list position', async () => {
    const answer = await app.query({ ...RANGE, metric: { type: 'aggregate', events: ['purchase'], field: 'properties.items[0].price', aggregation: 'sum' } }, tenant.secretKey);

    expect(answer.body.skippedValues).toEqual([{ eventType: 'purchase', field: 'properties.items[].price', rule: 'isAmount', events: 1 }]);
  });

  it('leaves the answer as it was when nothing was skipped, or the metric reads no property', async () => {
    const counted = await app.query({ ...RANGE, metric: { type: 'event_count', events: ['purchase'] } }, tenant.secretKey);
    const otherProperty = await app.query({ ...RANGE, metric: { type: 'aggregate', events: ['purchase'], field: 'properties.tax', aggregation: 'sum' } }, tenant.secretKey);

    expect(counted.body.series[0].total).toBe(3);
    expect(counted.body).not.toHaveProperty('skippedValues');
    expect(otherProperty.body).not.toHaveProperty('skippedValues');
  });

  it('says it per series in a multi-series answer', async () => {
    const answer = await app.query({
      ...RANGE,
      series: [
        { metric: { type: 'aggregate', events: ['purchase'], field: 'properties.revenue', aggregation: 'sum' } },
        { metric: { type: 'event_count', events: ['purchase'] } },
      ],
      formulas: [{ formula: 'A / B' }],
    }, tenant.secretKey);

    expect(answer.status).toBe(200);
    expect(answer.body.results.map((line: { label: string; skippedValues?: unknown }) => [line.label, line.skippedValues])).toEqual([
      ['A', [{ eventType: 'purchase', field: 'properties.revenue', rule: 'isNumber', events: 2 }]],
      ['B', undefined],
      ['F1', undefined],
    ]);
  });
});

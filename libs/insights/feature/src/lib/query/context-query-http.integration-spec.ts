import { startQueryApp, type QueryAppUnderTest } from '../../testing/query-app';
import { storeQueryEvents, type QueryFixtureEvent } from '@pulse/storage/testing';

const BERLIN = 'Europe/Berlin';
const RANGE = { from: '2026-03-28T00:00:00+01:00', to: '2026-03-30T00:00:00+02:00', granularity: 'day' };

// Page views by campaign source: newsletter on the 28th (v1 v2), ads on the 29th (v3), none (v4).
const EVENTS: QueryFixtureEvent[] = [
  { id: 'v1', type: 'page_viewed', at: '2026-03-28T10:00:00Z', user: 'u1', device: 'desktop', context: { campaign: { source: 'newsletter' }, page: { path: '/pricing' }, ip: '203.0.113.7' } },
  { id: 'v2', type: 'page_viewed', at: '2026-03-28T11:00:00Z', user: 'u2', device: 'mobile', context: { campaign: { source: 'newsletter' }, page: { path: '/blog' } } },
  { id: 'v3', type: 'page_viewed', at: '2026-03-29T10:00:00Z', user: 'u1', device: 'desktop', context: { campaign: { source: 'ads' }, page: { path: '/pricing' } } },
  { id: 'v4', type: 'page_viewed', at: '2026-03-29T11:00:00Z', user: 'u3', device: 'desktop' },
];

describe('POST /v1/query over context.* on the embedded platform', () => {
  let app: QueryAppUnderTest;
  let tenant: { id: string; secretKey: string };

  beforeAll(async () => {
    app = await startQueryApp();
    tenant = await app.createTenant({ timeZone: BERLIN, currency: 'EUR' });
    const other = await app.createTenant({ timeZone: BERLIN, currency: 'EUR' });
    await storeQueryEvents(app.adapters.store.dataSource, { id: tenant.id, timeZone: BERLIN, currency: 'EUR' }, EVENTS);
    // Another tenant's newsletter page view on /pricing: never counted for the tenant.
    await storeQueryEvents(app.adapters.store.dataSource, { id: other.id, timeZone: BERLIN, currency: 'EUR' }, [
      { id: 'o1', type: 'page_viewed', at: '2026-03-28T10:00:00Z', user: 'o1', device: 'desktop', context: { campaign: { source: 'newsletter' }, page: { path: '/pricing' } } },
    ]);
  }, 120_000);

  afterAll(async () => {
    await app?.stop();
  });

  it('groups page views on /pricing by campaign source, from raw events', async () => {
    // On /pricing: v1 (newsletter, 28th), v3 (ads, 29th); v2 is /blog, v4 has no page; o1 is the other tenant's.
    const answer = await app.query(
      {
        metric: { type: 'event_count', events: ['page_viewed'] },
        ...RANGE,
        groupBy: ['context.campaign.source'],
        filters: [{ field: 'context.page.path', operator: 'equals', value: '/pricing' }],
      },
      tenant.secretKey,
    );
    expect(answer.status).toBe(200);
    expect([answer.body.path, answer.body.reason]).toEqual(['raw', 'context.campaign.source is read from the event context, which rollups do not hold']);
    expect(answer.body.series.map((series: { group: object; points: Array<{ value: number }>; total: number }) => [series.group, series.points.map((point) => point.value), series.total])).toEqual([
      [{ 'context.campaign.source': 'ads' }, [0, 1], 1],
      [{ 'context.campaign.source': 'newsletter' }, [1, 0], 1],
    ]);
  });

  it('refuses context.ip as personal data and an injection attempt, leaving the events table intact', async () => {
    const ip = await app.query({ metric: { type: 'event_count' }, ...RANGE, groupBy: ['context.ip'] }, tenant.secretKey);
    expect(ip.status).toBe(400);
    expect(ip.body.errors).toEqual([
      { field: 'groupBy[0]', rule: 'isNotPersonalData', message: 'groupBy[0] must not be context.ip: it is personal data and cannot be queried' },
    ]);

    const injection = await app.query(
      { metric: { type: 'event_count' }, ...RANGE, filters: [{ field: "context.page'; drop table events; --", operator: 'is_set' }] },
      tenant.secretKey,
    );
    expect(injection.status).toBe(400);
    expect(injection.body.errors).toEqual([
      { field: 'filters[0].field', rule: 'isValidContextPath', message: expect.stringContaining('filters[0].field must be context.<path>') },
    ]);

    const [{ count }] = await app.adapters.store.dataSource.query(`SELECT count(*)::int AS "count" FROM "events"`);
    expect(count).toBe(5);
  });
});

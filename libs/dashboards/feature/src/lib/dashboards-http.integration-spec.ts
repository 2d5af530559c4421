import { timeContext } from '@pulse/analytics-core';
import { encodeLiveStateNotice, TOPICS } from '@pulse/contracts';
import { DASHBOARDS_STORE_SCHEMA } from '@pulse/dashboards-data-access';
import { LiveStateWriter } from '@pulse/realtime';
import { openStore, type Store } from '@pulse/storage';
import { createFreshDatabase, type FreshDatabase, type QueryFixtureEvent } from '@pulse/storage/testing';
import { openLiveStream, startDashboardsApp, storeDashboardEvents, type DashboardsAppUnderTest } from '../testing/dashboards-app';
import { LiveStreams } from './live/live-streams';

const BERLIN = 'Europe/Berlin';
// "Now" for period resolution: last_7_days is March 25-31 in Berlin, [03-24T23:00Z, 03-31T22:00Z) (summer time from the 29th).
const NOW = new Date('2026-04-01T10:00:00Z');
const EVENTS: QueryFixtureEvent[] = [
  { id: 'before', type: 'page_view', at: '2026-03-24T22:30:00Z', user: 'u1', device: 'desktop' }, // 24th local: the previous 7 days
  { id: 'e1', type: 'page_view', at: '2026-03-25T08:00:00Z', user: 'u1', device: 'desktop' },
  { id: 'e2', type: 'purchase', at: '2026-03-25T09:00:00Z', user: 'u1', device: 'desktop', properties: { revenue: 10, currency: 'EUR' } },
  { id: 'e3', type: 'page_view', at: '2026-03-28T23:30:00Z', user: 'u2', device: 'mobile' }, // 29th local
  { id: 'e4', type: 'purchase', at: '2026-03-29T01:30:00Z', user: 'u2', device: 'mobile', properties: { revenue: 30, currency: 'EUR' } },
  { id: 'e5', type: 'conversation_started', at: '2026-03-31T21:59:00Z', user: 'u3', device: 'mobile' }, // 23:59 on the 31st local
  { id: 'after', type: 'page_view', at: '2026-03-31T22:00:00Z', user: 'u3', device: 'mobile' }, // April 1st local: outside
];

describe('dashboards over HTTP on PostgreSQL', () => {
  let database: FreshDatabase;
  let stores: Store[];
  let app: DashboardsAppUnderTest;
  let replica: DashboardsAppUnderTest;
  let tenant: { id: string; secretKey: string };
  let other: { id: string; secretKey: string };

  beforeAll(async () => {
    database = await createFreshDatabase('pulse_dashboards_it');
    stores = [];
    for (let index = 0; index < 2; index++) stores.push(await openStore({ kind: 'postgres', url: database.url, poolSize: 5 }, DASHBOARDS_STORE_SCHEMA));
    app = await startDashboardsApp(stores[0], { now: () => NOW });
    replica = await startDashboardsApp(stores[1], { now: () => NOW });
    tenant = await app.createTenant({ timeZone: BERLIN, currency: 'EUR' });
    other = await app.createTenant({ timeZone: BERLIN, currency: 'EUR' });
    await storeDashboardEvents(stores[0].dataSource, { id: tenant.id, timeZone: BERLIN, currency: 'EUR' }, EVENTS);
    // The other tenant's orders in the same week: the first tenant's widgets must never count them.
    const orders = [1, 2, 3].map((n) => ({ id: `o${n}`, type: 'purchase', at: '2026-03-27T12:00:00Z', user: `o${n}`, device: 'desktop', properties: { revenue: 1000 } }));
    await storeDashboardEvents(stores[0].dataSource, { id: other.id, timeZone: BERLIN, currency: 'EUR' }, orders);
  }, 120_000);

  afterAll(async () => {
    await app?.stop();
    await replica?.stop();
    for (const store of stores ?? []) await store.close();
    await database?.drop();
  });

  const call = (method: string, path: string, body?: unknown) => app.call(method, path, tenant.secretKey, body);
  const newDashboard = async (filters?: unknown) => (await call('POST', '/v1/dashboards', { name: 'Mine', ...(filters ? { filters } : {}) })).body;
  const addWidget = async (dashboardId: string, widget: unknown) => call('POST', `/v1/dashboards/${dashboardId}/widgets`, widget);

  it('refuses a request without a secret key', async () => {
    expect((await app.call('GET', '/v1/dashboards', null)).status).toBe(401);
  });

  it('gives a new tenant its five prebuilt dashboards once, even when two replicas list at the same time', async () => {
    const fresh = await app.createTenant({ timeZone: BERLIN, currency: 'EUR' });
    const [a, b] = await Promise.all([app.call('GET', '/v1/dashboards', fresh.secretKey), replica.call('GET', '/v1/dashboards', fresh.secretKey)]);
    expect(a.status).toBe(200);
    const keys = ['executive_overview', 'commerce', 'conversations', 'content', 'system_health'];
    const again = await app.call('GET', '/v1/dashboards', fresh.secretKey);
    expect(again.body.map((dashboard: { prebuiltKey: string }) => dashboard.prebuiltKey)).toEqual(keys);
    expect(again.body[0]).toMatchObject({ name: 'Executive overview', widgetCount: 8 });
    // Whichever replica seeded, both answered the same five.
    expect(b.body.map((dashboard: { id: string }) => dashboard.id).sort()).toEqual(again.body.map((dashboard: { id: string }) => dashboard.id).sort());
  });

  it('creates, reads, replaces and deletes a dashboard; another tenant sees none of it', async () => {
    const created = await call('POST', '/v1/dashboards', { name: 'Sales <b>', filters: { from: '2026-03-01', to: '2026-03-31', compare: true } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Sales <b>', prebuiltKey: null, filters: { from: '2026-03-01', to: '2026-03-31', compare: true, properties: [] }, widgets: [] });
    const id = created.body.id;
    expect((await app.call('GET', `/v1/dashboards/${id}`, other.secretKey)).status).toBe(404);
    expect((await app.call('PUT', `/v1/dashboards/${id}`, other.secretKey, { name: 'Stolen' })).status).toBe(404);
    expect((await app.call('DELETE', `/v1/dashboards/${id}`, other.secretKey)).status).toBe(404);
    const replaced = await call('PUT', `/v1/dashboards/${id}`, { name: 'Renamed', filters: { period: 'previous_month' } });
    expect(replaced.body).toMatchObject({ name: 'Renamed', filters: { period: 'previous_month', compare: false } });
    expect((await call('DELETE', `/v1/dashboards/${id}`)).status).toBe(204);
    expect((await call('GET', `/v1/dashboards/${id}`)).status).toBe(404);
  });

  it('names the field and rule of bad dashboard filters', async () => {
    const both = await call('POST', '/v1/dashboards', { name: 'x', filters: { period: 'last_7_days', from: '2026-03-01', to: '2026-03-02' } });
    expect(both.status).toBe(400);
    expect(both.body.errors).toEqual([expect.objectContaining({ field: 'filters.period', rule: 'isExclusiveWithRange' })]);
    const unknownPeriod = await call('POST', '/v1/dashboards', { name: 'x', filters: { period: 'last_week_or_so' } });
    expect(unknownPeriod.body.errors).toEqual([expect.objectContaining({ field: 'filters.period', rule: 'isIn' })]);
    const badField = await call('POST', '/v1/dashboards', { name: 'x', filters: { properties: [{ field: 'nonsense', operator: 'equals', value: 1 }] } });
    expect(badField.status).toBe(400);
    expect(badField.body.errors[0].field).toBe('filters.properties[0].field');
  });

  it('checks each widget for its type and by the engine’s rules, naming the field', async () => {
    const dashboard = await newDashboard();
    const cases: Array<[unknown, string, string]> = [
      [{ type: 'pie', title: 'x' }, 'type', 'isIn'],
      [{ type: 'counter', title: 'x' }, 'query', 'isDefined'],
      [{ type: 'counter', title: 'x', query: { metric: { type: 'sum_of_wishes' } } }, 'query.metric.type', 'isIn'],
      [{ type: 'counter', title: 'x', query: { metric: { type: 'aggregate', events: ['purchase'], field: 'properties.revenue', aggregation: 'sum' }, groupBy: ['device_type'] } }, 'query.groupBy', 'notAllowed'],
      [{ type: 'bar', title: 'x', query: { metric: { type: 'event_count' } } }, 'query.groupBy', 'exactlyOne'],
      [{ type: 'counter', title: 'x', query: { metric: { type: 'aggregate', events: ['purchase'], aggregation: 'sum' } } }, 'query.metric.field', 'isDefined'],
      [{ type: 'time_series', title: 'x', query: { metric: { type: 'event_count' }, granularity: 'minute' } }, 'query.granularity', 'maxBuckets'],
      [{ type: 'funnel', title: 'x', query: { steps: [{ eventType: 'a' }, { eventType: 'b' }] } }, 'query.conversionWindow', 'exactlyOneWindow'],
      [{ type: 'live_counter', title: 'x', query: { metric: 'heartbeats' } }, 'query.metric', 'isIn'],
      [{ type: 'text', title: 'x', options: {} }, 'options.text', 'isDefined'],
      [{ type: 'text', title: 'x', options: { text: 'hi' }, position: { x: 8, y: 0, w: 6, h: 2 } }, 'position.w', 'fitsGrid'],
      [{ type: 'text', title: 'x', options: { text: 'hi' }, refreshSeconds: 1 }, 'refreshSeconds', 'min'],
    ];
    for (const [body, field, rule] of cases) {
      const answer = await addWidget(dashboard.id, body);
      expect({ body, status: answer.status }).toEqual({ body, status: 400 });
      expect({ body, issues: answer.body.errors }).toEqual({ body, issues: expect.arrayContaining([expect.objectContaining({ field, rule })]) });
    }
  });

  it('adds widgets below each other, moves and resizes one with PUT, and deletes it', async () => {
    const dashboard = await newDashboard();
    const first = (await addWidget(dashboard.id, { type: 'text', title: 'Note', options: { text: 'hello', colour: 'blue' } })).body;
    const second = (await addWidget(dashboard.id, { type: 'counter', title: 'Orders', query: { metric: { type: 'event_count', events: ['purchase'] } } })).body;
    expect(first).toMatchObject({ order: 0, position: { x: 0, y: 0, w: 6, h: 4 }, options: { text: 'hello', colour: 'blue' }, query: null });
    expect(second).toMatchObject({ order: 1, position: { x: 0, y: 4, w: 6, h: 4 } });
    const moved = await call('PUT', `/v1/dashboards/${dashboard.id}/widgets/${second.id}`, { position: { x: 6, y: 0, w: 6, h: 2 } });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ title: 'Orders', type: 'counter', position: { x: 6, y: 0, w: 6, h: 2 }, query: second.query });
    const retitled = await call('PUT', `/v1/dashboards/${dashboard.id}/widgets/${second.id}`, { title: 'Purchases', refreshSeconds: 60 });
    expect(retitled.body).toMatchObject({ title: 'Purchases', refreshSeconds: 60, position: { x: 6, y: 0, w: 6, h: 2 } });
    expect((await app.call('GET', `/v1/dashboards/${dashboard.id}/widgets/${second.id}`, other.secretKey)).status).toBe(404);
    expect((await call('DELETE', `/v1/dashboards/${dashboard.id}/widgets/${first.id}`)).status).toBe(204);
    expect((await call('GET', `/v1/dashboards/${dashboard.id}/widgets`)).body.map((widget: { id: string }) => widget.id)).toEqual([second.id]);
  });

  describe('data of all widgets in one call', () => {
    let dashboardId: string;
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      dashboardId = (await newDashboard({ period: 'last_7_days' })).id;
      const widgets: Record<string, unknown> = {
        events: { type: 'counter', title: 'Events', query: { metric: { type: 'event_count' } } },
        users: { type: 'counter', title: 'Active users', query: { metric: { type: 'unique_users' } } },
        revenue: { type: 'counter', title: 'Revenue', query: { metric: { type: 'aggregate', events: ['purchase'], field: 'properties.revenue', aggregation: 'sum' } } },
        perDay: { type: 'time_series', title: 'Events per day', query: { metric: { type: 'event_count' }, granularity: 'day' } },
        types: { type: 'top_list', title: 'Types', query: { metric: { type: 'event_count' }, groupBy: ['type'] } },
        devices: { type: 'bar', title: 'Devices', query: { metric: { type: 'unique_users' }, groupBy: ['device_type'] } },
        table: { type: 'table', title: 'Table', query: { metric: { type: 'event_count' }, groupBy: ['device_type', 'type'] } },
        funnel: { type: 'funnel', title: 'Funnel', query: { steps: [{ eventType: 'page_view' }, { eventType: 'purchase' }], conversionWindowSeconds: 86_400 } },
        retention: { type: 'retention_heatmap', title: 'Retention', query: { cohortEvent: { eventType: 'page_view' }, period: 'day', periods: 7 } },
        note: { type: 'text', title: 'Note', options: { text: '<script>alert(1)</script>' } },
        forecast: { type: 'forecast', title: 'Forecast', query: { metric: { type: 'event_count', events: ['never_happened'] }, granularity: 'day' } },
      };
      for (const [name, widget] of Object.entries(widgets)) {
        const created = await addWidget(dashboardId, widget);
        if (created.status !== 201) throw new Error(`${name}: ${JSON.stringify(created.body)}`);
        ids[name] = created.body.id;
      }
    });

    const widgetData = (body: { widgets: Array<{ id: string }> }, name: string) => body.widgets.find((widget) => widget.id === ids[name]) as any; // eslint-disable-line @typescript-eslint/no-explicit-any

    it('answers each widget over the dashboard’s days with the figures counted by hand, the other tenant’s orders left out', async () => {
      const answer = await call('GET', `/v1/dashboards/${dashboardId}/data`);
      expect(answer.status).toBe(200);
      expect(answer.body.range).toEqual({
        from: '2026-03-25',
        to: '2026-03-31',
        start: '2026-03-24T23:00:00.000Z',
        end: '2026-03-31T22:00:00.000Z',
        timeZone: BERLIN,
        period: 'last_7_days',
      });
      expect(widgetData(answer.body, 'events')).toMatchObject({ status: 'ok', data: { value: 5 } });
      expect(widgetData(answer.body, 'users').data).toEqual({ value: 3 });
      expect(widgetData(answer.body, 'revenue').data).toEqual({ value: 40 });
      const perDay = widgetData(answer.body, 'perDay').data;
      expect(perDay.series[0].points.map((point: { label: string; value: number }) => [point.label, point.value])).toEqual([
        ['2026-03-25', 2],
        ['2026-03-26', 0],
        ['2026-03-27', 0],
        ['2026-03-28', 0],
        ['2026-03-29', 2],
        ['2026-03-30', 0],
        ['2026-03-31', 1],
      ]);
      expect(widgetData(answer.body, 'types').data).toEqual({
        groupBy: 'type',
        items: [
          { label: 'page_view', value: 2, share: 0.4 },
          { label: 'purchase', value: 2, share: 0.4 },
          { label: 'conversation_started', value: 1, share: 0.2 },
        ],
      });
      expect(widgetData(answer.body, 'devices').data).toEqual({ groupBy: 'device_type', bars: [{ label: 'mobile', value: 2 }, { label: 'desktop', value: 1 }] });
      expect(widgetData(answer.body, 'table').data.columns).toEqual(['device_type', 'type', 'value']);
      expect(widgetData(answer.body, 'table').data.rows).toEqual([
        ['desktop', 'page_view', 1],
        ['desktop', 'purchase', 1],
        ['mobile', 'conversation_started', 1],
        ['mobile', 'page_view', 1],
        ['mobile', 'purchase', 1],
      ]);
      const funnel = widgetData(answer.body, 'funnel').data;
      expect(funnel.steps.map((step: { users: number }) => step.users)).toEqual([2, 2]);
      // Cohorts by first page view: u1's was on the 24th (before the range: no cohort), u2's on the 29th, back the same day (the purchase).
      const cohorts = widgetData(answer.body, 'retention').data.cohorts as Array<{ periodStart: string; size: number; counts: number[] }>;
      expect(cohorts.map((cohort) => [cohort.periodStart, cohort.size])).toEqual([
        ['2026-03-25', 0],
        ['2026-03-26', 0],
        ['2026-03-27', 0],
        ['2026-03-28', 0],
        ['2026-03-29', 1],
        ['2026-03-30', 0],
        ['2026-03-31', 0],
      ]);
      expect(cohorts[4].counts[0]).toBe(1);
      // Text is data, never markup: the UI draws it as text.
      expect(widgetData(answer.body, 'note').data).toEqual({ text: '<script>alert(1)</script>' });
    });

    it('reports a widget that cannot be answered in its place and answers the others', async () => {
      const answer = await call('GET', `/v1/dashboards/${dashboardId}/data`);
      expect(widgetData(answer.body, 'forecast')).toMatchObject({ status: 'error', error: { message: expect.stringContaining('history') } });
      expect(answer.body.widgets.filter((widget: { status: string }) => widget.status === 'ok')).toHaveLength(Object.keys(ids).length - 1);
    });

    it('compares with the same number of days just before when asked, and takes a fixed range from the query string', async () => {
      const compared = await call('GET', `/v1/dashboards/${dashboardId}/data?compare=true`);
      expect(compared.body.previousRange).toMatchObject({ from: '2026-03-18', to: '2026-03-24' });
      // The previous week holds one page view (23:30 on the 24th, Berlin).
      expect(widgetData(compared.body, 'events').data).toEqual({ value: 5, previous: 1, change: 4 });
      const fixed = await call('GET', `/v1/dashboards/${dashboardId}/data?from=2026-03-29&to=2026-03-29`);
      expect(widgetData(fixed.body, 'events').data).toEqual({ value: 2 });
      const bad = await call('GET', `/v1/dashboards/${dashboardId}/data?from=2026-03-29`);
      expect(bad.status).toBe(400);
      expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'to', rule: 'isDefined' })]);
    });

    it('applies the dashboard’s property filters to every metric widget', async () => {
      await call('PUT', `/v1/dashboards/${dashboardId}`, { name: 'Mine', filters: { period: 'last_7_days', properties: [{ field: 'device_type', operator: 'equals', value: 'mobile' }] } });
      const answer = await call('GET', `/v1/dashboards/${dashboardId}/data`);
      expect(widgetData(answer.body, 'events').data).toEqual({ value: 3 });
      expect(widgetData(answer.body, 'revenue').data).toEqual({ value: 30 });
      await call('PUT', `/v1/dashboards/${dashboardId}`, { name: 'Mine', filters: { period: 'last_7_days' } });
    });

    it('narrows funnel steps by the property filters they can apply and says which ones funnels and retention could not', async () => {
      const properties = [
        { field: 'properties.currency', operator: 'is_not_set' },
        { field: 'device_type', operator: 'equals', value: 'mobile' },
      ];
      await call('PUT', `/v1/dashboards/${dashboardId}`, { name: 'Mine', filters: { period: 'last_7_days', properties } });
      const answer = await call('GET', `/v1/dashboards/${dashboardId}/data`);
      // Both page views carry no currency, both purchases do: the funnel keeps 2 entrants and no buyer.
      const funnel = widgetData(answer.body, 'funnel').data;
      expect(funnel.steps.map((step: { users: number }) => step.users)).toEqual([2, 0]);
      expect(funnel.notAppliedFilters).toEqual([{ field: 'device_type', reason: expect.stringContaining('top-level event properties') }]);
      // Retention without a return event counts any event: nothing to narrow, so neither filter applies, and it says so.
      const retention = widgetData(answer.body, 'retention').data;
      expect(retention.notAppliedFilters.map((entry: { field: string }) => entry.field)).toEqual(['device_type', 'properties.currency']);
      // Metric widgets take both: mobile events without a currency are e3 (page view) and e5 (conversation started).
      expect(widgetData(answer.body, 'events').data).toEqual({ value: 2 });
      await call('PUT', `/v1/dashboards/${dashboardId}`, { name: 'Mine', filters: { period: 'last_7_days' } });
    });

    it('answers 404 for another tenant’s dashboard', async () => {
      expect((await app.call('GET', `/v1/dashboards/${dashboardId}/data`, other.secretKey)).status).toBe(404);
    });
  });

  it('pushes live counters over Server-Sent Events when a live state notice arrives, and forgets the stream on disconnect', async () => {
    const dashboard = await newDashboard();
    const counter = (await addWidget(dashboard.id, { type: 'live_counter', title: 'Events today', query: { metric: 'events_today' } })).body;
    const stream = await openLiveStream(`${app.url}/v1/dashboards/${dashboard.id}/live`, tenant.secretKey);
    expect(stream.status).toBe(200);
    expect(stream.contentType).toMatch(/^text\/event-stream/);
    const first = await stream.next();
    expect(first.widgets).toEqual([{ id: counter.id, metric: 'events_today', value: 0 }]);

    // What the stream processor does after storing a batch: write the live state, then publish the notice.
    const now = new Date();
    const localDate = timeContext(now, BERLIN).localDate;
    await new LiveStateWriter(app.cache).record(tenant.id, [
      { occurredAt: now, localDate, userKey: 'live-1', sessionId: 's1' },
      { occurredAt: now, localDate, userKey: 'live-2', sessionId: 's2', order: { revenue: 12.5 } },
    ]);
    await app.bus.publish(TOPICS.liveState, [{ key: tenant.id, value: encodeLiveStateNotice({ schemaVersion: 1, tenantId: tenant.id, events: 2, at: now.toISOString() }) }]);
    const pushed = await stream.next();
    expect(pushed.widgets).toEqual([{ id: counter.id, metric: 'events_today', value: 2 }]);
    expect(pushed.overview).toMatchObject({ eventsToday: 2, orders: 1, revenue: 12.5, activeUsers: { last5Minutes: 2 } });

    const streams = app.app.get(LiveStreams);
    expect(streams.openStreams(tenant.id)).toBe(1);
    stream.close();
    for (let attempt = 0; attempt < 50 && streams.openStreams(tenant.id) > 0; attempt++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(streams.openStreams(tenant.id)).toBe(0);
  });

  it('answers 503 with Retry-After and the reason, opening no stream, while the live state cannot be read', async () => {
    const dashboard = await newDashboard();
    // What node-redis's commands do while the connection is down.
    const unreadable = jest.spyOn(app.cache, 'zCount').mockRejectedValue(new Error('The client is closed'));
    try {
      const answer = await call('GET', `/v1/dashboards/${dashboard.id}/live`);
      expect({ status: answer.status, retryAfter: answer.headers.get('retry-after'), body: answer.body }).toEqual({
        status: 503,
        retryAfter: '5',
        body: {
          statusCode: 503,
          error: 'Service Unavailable',
          message: 'live figures are unavailable: the live-state cache does not answer (The client is closed); stored events and reports are not affected',
        },
      });
      expect(app.app.get(LiveStreams).openStreams(tenant.id)).toBe(0);
    } finally {
      unreadable.mockRestore();
    }
    const stream = await openLiveStream(`${app.url}/v1/dashboards/${dashboard.id}/live`, tenant.secretKey);
    expect(stream.status).toBe(200);
    stream.close();
  });

  it('answers 404 for the live stream of another tenant’s dashboard', async () => {
    const dashboard = await newDashboard();
    expect((await app.call('GET', `/v1/dashboards/${dashboard.id}/live`, other.secretKey)).status).toBe(404);
  });
});

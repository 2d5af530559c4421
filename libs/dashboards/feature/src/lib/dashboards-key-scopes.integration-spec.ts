import { DASHBOARDS_STORE_SCHEMA } from '@pulse/dashboards-data-access';
import { openStore, type Store } from '@pulse/storage';
import { createFreshDatabase, type FreshDatabase } from '@pulse/storage/testing';
import { TenantAdminService } from '@pulse/tenancy';
import { startDashboardsApp, type DashboardsAppUnderTest } from '../testing/dashboards-app';

const WIDGET = {
  type: 'counter',
  title: 'Orders',
  query: { metric: { type: 'event_count', events: ['purchase'] } },
  position: { x: 0, y: 0, w: 3, h: 2 },
};

describe('dashboards with read-only and manage secret keys', () => {
  let database: FreshDatabase;
  let store: Store;
  let app: DashboardsAppUnderTest;
  let manageKey: string;
  let readKey: string;
  let dashboardId: string;
  let widgetId: string;

  beforeAll(async () => {
    database = await createFreshDatabase('pulse_dashboards_scopes_it');
    store = await openStore({ kind: 'postgres', url: database.url, poolSize: 3 }, DASHBOARDS_STORE_SCHEMA);
    app = await startDashboardsApp(store);
    const tenant = await app.createTenant({ timeZone: 'UTC', currency: 'USD' });
    manageKey = tenant.secretKey;
    const issued = await app.app.get(TenantAdminService, { strict: false }).createSecretKey(tenant.id, { label: 'wallboard' });
    readKey = issued?.key ?? 'missing';
    dashboardId = (await app.call('POST', '/v1/dashboards', manageKey, { name: 'Team' })).body.id;
    widgetId = (await app.call('POST', `/v1/dashboards/${dashboardId}/widgets`, manageKey, WIDGET)).body.id;
  }, 60_000);

  afterAll(async () => {
    await app?.stop();
    await store?.close();
    await database?.drop();
  });

  it('lets a read-only key list dashboards, read one, its widgets and its data', async () => {
    expect((await app.call('GET', '/v1/dashboards', readKey)).status).toBe(200);
    expect((await app.call('GET', `/v1/dashboards/${dashboardId}`, readKey)).status).toBe(200);
    expect((await app.call('GET', `/v1/dashboards/${dashboardId}/widgets/${widgetId}`, readKey)).status).toBe(200);
    const data = await app.call('GET', `/v1/dashboards/${dashboardId}/data?period=last_7_days`, readKey);
    expect(data.status).toBe(200);
    expect(data.body.widgets).toHaveLength(1);
  });

  it.each([
    ['POST', '/v1/dashboards', { name: 'Mine' }],
    ['PUT', '/v1/dashboards/:id', { name: 'Renamed' }],
    ['DELETE', '/v1/dashboards/:id', undefined],
    ['POST', '/v1/dashboards/:id/widgets', WIDGET],
    ['PUT', '/v1/dashboards/:id/widgets/:widgetId', { title: 'Renamed' }],
    ['DELETE', '/v1/dashboards/:id/widgets/:widgetId', undefined],
  ])('refuses %s %s to a read-only key with 403 naming the manage scope, changing nothing', async (method, route, body) => {
    const answer = await app.call(method, route.replace(':id', dashboardId).replace(':widgetId', widgetId), readKey, body);

    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({ statusCode: 403, error: 'Forbidden', requiredScope: 'manage' });
    const dashboard = await app.call('GET', `/v1/dashboards/${dashboardId}`, manageKey);
    expect(dashboard.body).toMatchObject({ name: 'Team', widgets: [{ id: widgetId, title: 'Orders' }] });
  });

  it('lets a manage key change and delete as well as read', async () => {
    expect((await app.call('PUT', `/v1/dashboards/${dashboardId}/widgets/${widgetId}`, manageKey, { title: 'Purchases' })).status).toBe(200);
    expect((await app.call('GET', `/v1/dashboards/${dashboardId}/data`, manageKey)).status).toBe(200);
    expect((await app.call('DELETE', `/v1/dashboards/${dashboardId}`, manageKey)).status).toBeLessThan(300);
    expect((await app.call('GET', `/v1/dashboards/${dashboardId}`, readKey)).status).toBe(404);
  });
});

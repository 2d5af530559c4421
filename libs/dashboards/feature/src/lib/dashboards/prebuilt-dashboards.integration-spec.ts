import { generateDemoEvents } from '@pulse/platform';
import { openEmbeddedStore, type OpenedStore } from '@pulse/storage/testing';
import { DASHBOARDS_STORE_SCHEMA } from '@pulse/dashboards-data-access';
import { startDashboardsApp, storeDashboardEvents, type DashboardsAppUnderTest } from '../../testing/dashboards-app';

const NOW = new Date('2026-04-01T10:00:00Z');

describe('prebuilt dashboards on demo data (embedded store)', () => {
  let opened: OpenedStore;
  let app: DashboardsAppUnderTest;
  let tenant: { id: string; secretKey: string };

  beforeAll(async () => {
    opened = await openEmbeddedStore(DASHBOARDS_STORE_SCHEMA);
    app = await startDashboardsApp(opened.store, { now: () => NOW });
    tenant = await app.createTenant({ timeZone: 'Europe/Berlin', currency: 'EUR' });
    // The embedded start's demo data (a week of shop visits, purchases, conversations and model calls), stored as the processor would.
    const events = generateDemoEvents({ now: NOW, days: 7, users: 60 }).map((event, index) => ({
      id: event.eventId,
      type: event.type,
      at: event.occurredAt.toISOString(),
      user: event.userId,
      device: index % 3 === 0 ? 'mobile' : 'desktop',
      properties: event.properties,
      context: event.context,
    }));
    await storeDashboardEvents(opened.store.dataSource, { id: tenant.id, timeZone: 'Europe/Berlin', currency: 'EUR' }, events);
  }, 120_000);

  afterAll(async () => {
    await app?.stop();
    await opened?.dispose();
  });

  it('answers every widget of every prebuilt dashboard with status ok', async () => {
    const dashboards = (await app.call('GET', '/v1/dashboards', tenant.secretKey)).body as Array<{ id: string; prebuiltKey: string }>;
    expect(dashboards).toHaveLength(5);
    for (const dashboard of dashboards) {
      const answer = await app.call('GET', `/v1/dashboards/${dashboard.id}/data?compare=true`, tenant.secretKey);
      expect(answer.status).toBe(200);
      const failed = answer.body.widgets.filter((widget: { status: string }) => widget.status !== 'ok');
      expect({ dashboard: dashboard.prebuiltKey, failed }).toEqual({ dashboard: dashboard.prebuiltKey, failed: [] });
    }
  });

  it('shows the demo’s orders and revenue on the executive overview', async () => {
    const dashboards = (await app.call('GET', '/v1/dashboards', tenant.secretKey)).body as Array<{ id: string; prebuiltKey: string }>;
    const executive = dashboards.find((dashboard) => dashboard.prebuiltKey === 'executive_overview') as { id: string };
    const detail = (await app.call('GET', `/v1/dashboards/${executive.id}`, tenant.secretKey)).body;
    const data = (await app.call('GET', `/v1/dashboards/${executive.id}/data`, tenant.secretKey)).body;
    const valueOf = (title: string) => data.widgets.find((widget: { id: string }) => widget.id === detail.widgets.find((w: { title: string }) => w.title === title).id).data.value;
    // Counted here from the stored rows, independently of the engine.
    const [row] = await opened.store.dataSource.query(
      `SELECT count(*)::int AS "orders", coalesce(sum(("properties"->>'revenue')::numeric), 0)::float AS "revenue"
         FROM "events" WHERE "tenant_id" = $1 AND "type" = 'purchase' AND "occurred_at" >= '2026-03-24T23:00:00Z' AND "occurred_at" < '2026-03-31T22:00:00Z'`,
      [tenant.id],
    );
    expect(row.orders).toBeGreaterThan(0);
    expect(valueOf('Orders')).toBe(row.orders);
    expect(valueOf('Revenue')).toBeCloseTo(row.revenue, 6);
  });
});

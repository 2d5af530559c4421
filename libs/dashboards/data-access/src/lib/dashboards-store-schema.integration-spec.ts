import type { OpenedStore } from '@pulse/storage/testing';
import { createDashboardsTenant, DASHBOARDS_STORE_TARGETS } from '../testing/dashboards-store';
import { DashboardRepository, type PrebuiltDashboard } from './dashboards/dashboard.repository';
import type { DashboardDefinition } from './dashboards/dashboard';
import { DashboardWidgetRepository } from './widgets/dashboard-widget.repository';
import type { WidgetDefinition } from './widgets/dashboard-widget';

const SALES: DashboardDefinition = { name: 'Sales', description: null, filters: { period: 'last_7_days', compare: false, properties: [] } };
const NOTE: WidgetDefinition = {
  type: 'text',
  title: 'Note',
  query: null,
  options: { text: 'hello' },
  position: { x: 0, y: 0, w: 6, h: 2 },
  refreshSeconds: null,
  order: 0,
};
const PREBUILT: PrebuiltDashboard[] = [
  { ...SALES, name: 'Overview', prebuiltKey: 'executive_overview', widgets: [NOTE, { ...NOTE, order: 1 }] },
  { ...SALES, name: 'Commerce', prebuiltKey: 'commerce', widgets: [NOTE] },
];

describe.each(DASHBOARDS_STORE_TARGETS)('dashboards tables on $name', (target) => {
  let opened: OpenedStore;
  let dashboards: DashboardRepository;
  let widgets: DashboardWidgetRepository;

  beforeAll(async () => {
    opened = await target.open();
    dashboards = new DashboardRepository(opened.store.dataSource);
    widgets = new DashboardWidgetRepository(opened.store.dataSource);
  });

  afterAll(async () => {
    await opened?.dispose();
  });

  it('matches the entities exactly: TypeORM finds nothing to change', async () => {
    const pending = await opened.store.dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });

  it('reads, replaces and deletes a dashboard and its widgets only within its tenant', async () => {
    const [owner, other] = [await createDashboardsTenant(opened), await createDashboardsTenant(opened)];
    const dashboard = await dashboards.create(owner, SALES);
    const widget = await widgets.create(owner, dashboard.id, NOTE);
    expect(await dashboards.find(other, dashboard.id)).toBeNull();
    expect(await dashboards.list(other, [])).toEqual([]);
    expect(await dashboards.replace(other, dashboard.id, { ...SALES, name: 'Stolen' })).toBeNull();
    expect(await widgets.find(other, dashboard.id, widget.id)).toBeNull();
    expect(await widgets.replace(other, dashboard.id, widget.id, { ...NOTE, title: 'Stolen' })).toBeNull();
    expect(await widgets.delete(other, dashboard.id, widget.id)).toBe(false);
    expect(await dashboards.delete(other, dashboard.id)).toBe(false);
    expect(await dashboards.find(owner, 'not-a-uuid')).toBeNull();

    const moved = await widgets.replace(owner, dashboard.id, widget.id, { ...NOTE, position: { x: 6, y: 1, w: 3, h: 5 } });
    expect(moved?.position).toEqual({ x: 6, y: 1, w: 3, h: 5 });
    expect((await dashboards.list(owner, []))[0]).toMatchObject({ name: 'Sales', widgetCount: 1 });
    expect(await dashboards.delete(owner, dashboard.id)).toBe(true);
    expect(await widgets.list(owner, dashboard.id)).toEqual([]);
  });

  it('seeds the prebuilt dashboards once even when two callers race, and not again after one is deleted', async () => {
    const tenant = await createDashboardsTenant(opened);
    const outcomes = await Promise.all([dashboards.seedPrebuilt(tenant, PREBUILT), dashboards.seedPrebuilt(tenant, PREBUILT)]);
    expect(outcomes.filter(Boolean)).toHaveLength(1);
    const listed = await dashboards.list(tenant, ['executive_overview', 'commerce']);
    expect(listed.map((dashboard) => [dashboard.prebuiltKey, dashboard.widgetCount])).toEqual([
      ['executive_overview', 2],
      ['commerce', 1],
    ]);
    await dashboards.delete(tenant, listed[1].id);
    expect(await dashboards.seedPrebuilt(tenant, PREBUILT)).toBe(false);
    expect(await dashboards.list(tenant, [])).toHaveLength(1);
  });
});

import { Inject, Injectable } from '@nestjs/common';
import { DashboardRepository, DashboardWidgetRepository, type StoredDashboard, type StoredWidget } from '@pulse/dashboards-data-access';
import { badRequest } from '@pulse/observability';
import type { AuthenticatedTenant } from '@pulse/tenancy';
import { dashboardFrame } from '../dashboards/dashboard-frame';
import type { DashboardFilters } from '../dashboards/dashboard-filters';
import { toWidgetResponse } from '../dashboards/dashboard-responses';
import { DASHBOARDS_CLOCK, type DashboardsClock } from '../dashboards/dashboards-clock';
import { toWidgetDefinition, type WidgetRequest } from './widget-definition';
import type { WidgetDto, WidgetResponse, WidgetUpdateDto } from './widget.dto';
import { GRID } from './widget-types';

/** A dashboard's widgets: null answers "no such dashboard or widget of yours" (404). */
@Injectable()
export class WidgetsService {
  constructor(
    private readonly dashboards: DashboardRepository,
    private readonly widgets: DashboardWidgetRepository,
    @Inject(DASHBOARDS_CLOCK) private readonly now: DashboardsClock,
  ) {}

  /** Adds a widget after the last one (in order and below it on the grid) unless placed. */
  async create(tenant: AuthenticatedTenant, dashboardId: string, body: WidgetDto): Promise<WidgetResponse | null> {
    const dashboard = await this.dashboards.find(tenant.id, dashboardId);
    if (!dashboard) return null;
    const existing = await this.widgets.list(tenant.id, dashboard.id);
    const placement = {
      order: existing.reduce((last, widget) => Math.max(last, widget.order + 1), 0),
      position: { x: 0, y: existing.reduce((bottom, widget) => Math.max(bottom, widget.position.y + widget.position.h), 0), w: GRID.defaultWidth, h: GRID.defaultHeight },
    };
    const definition = this.definitionOf(tenant, dashboard, plain(body), placement);
    return toWidgetResponse(await this.widgets.create(tenant.id, dashboard.id, definition));
  }

  async list(tenant: AuthenticatedTenant, dashboardId: string): Promise<WidgetResponse[] | null> {
    const dashboard = await this.dashboards.find(tenant.id, dashboardId);
    return dashboard ? (await this.widgets.list(tenant.id, dashboard.id)).map(toWidgetResponse) : null;
  }

  async find(tenant: AuthenticatedTenant, dashboardId: string, id: string): Promise<WidgetResponse | null> {
    const widget = await this.widgets.find(tenant.id, dashboardId, id);
    return widget ? toWidgetResponse(widget) : null;
  }

  /** The fields given replace the stored ones; the widget is checked whole (a new type needs its query). */
  async update(tenant: AuthenticatedTenant, dashboardId: string, id: string, body: WidgetUpdateDto): Promise<WidgetResponse | null> {
    const dashboard = await this.dashboards.find(tenant.id, dashboardId);
    const stored = dashboard && (await this.widgets.find(tenant.id, dashboard.id, id));
    if (!dashboard || !stored) return null;
    const merged: WidgetRequest = { ...storedRequest(stored), ...plain(body) };
    const definition = this.definitionOf(tenant, dashboard, merged, { order: stored.order, position: stored.position });
    const replaced = await this.widgets.replace(tenant.id, dashboard.id, id, definition);
    return replaced ? toWidgetResponse(replaced) : null;
  }

  delete(tenant: AuthenticatedTenant, dashboardId: string, id: string): Promise<boolean> {
    return this.widgets.delete(tenant.id, dashboardId, id);
  }

  private definitionOf(tenant: AuthenticatedTenant, dashboard: StoredDashboard, request: WidgetRequest, placement: Parameters<typeof toWidgetDefinition>[1]) {
    // The widget's query is checked over the dashboard's own range, as `/data` would read it now.
    const framed = dashboardFrame(dashboard.filters as unknown as DashboardFilters, {}, tenant.timeZone, this.now());
    if (!framed.ok) throw badRequest(framed.issues.map((issue) => ({ ...issue, field: `filters.${issue.field}` })));
    const result = toWidgetDefinition(request, placement, framed.frame);
    if (!result.ok) throw badRequest(result.issues);
    return result.definition;
  }
}

/** The body as plain JSON without the fields left out (class instances from the validation pipe). */
function plain<T extends object>(body: T): WidgetRequest {
  return JSON.parse(JSON.stringify(body)) as WidgetRequest;
}

function storedRequest(widget: StoredWidget): WidgetRequest {
  return {
    type: widget.type,
    title: widget.title,
    query: widget.query,
    options: widget.options,
    position: widget.position,
    refreshSeconds: widget.refreshSeconds,
    order: widget.order,
  };
}

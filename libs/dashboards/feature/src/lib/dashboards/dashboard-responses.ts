import type { ListedDashboard, StoredDashboard, StoredWidget } from '@pulse/dashboards-data-access';
import type { WidgetResponse } from '../widgets/widget.dto';
import type { DashboardFiltersDto, DashboardResponse, DashboardSummaryResponse } from './dashboard.dto';

export function toDashboardSummary(dashboard: ListedDashboard): DashboardSummaryResponse {
  return {
    id: dashboard.id,
    name: dashboard.name,
    description: dashboard.description,
    prebuiltKey: dashboard.prebuiltKey,
    filters: dashboard.filters as DashboardFiltersDto,
    widgetCount: dashboard.widgetCount,
    createdAt: dashboard.createdAt.toISOString(),
    updatedAt: dashboard.updatedAt.toISOString(),
  };
}

export function toDashboardResponse(dashboard: StoredDashboard, widgets: readonly StoredWidget[]): DashboardResponse {
  return {
    id: dashboard.id,
    name: dashboard.name,
    description: dashboard.description,
    prebuiltKey: dashboard.prebuiltKey,
    filters: dashboard.filters as DashboardFiltersDto,
    widgets: widgets.map(toWidgetResponse),
    createdAt: dashboard.createdAt.toISOString(),
    updatedAt: dashboard.updatedAt.toISOString(),
  };
}

export function toWidgetResponse(widget: StoredWidget): WidgetResponse {
  return {
    id: widget.id,
    dashboardId: widget.dashboardId,
    type: widget.type,
    title: widget.title,
    query: widget.query,
    options: widget.options,
    position: widget.position,
    refreshSeconds: widget.refreshSeconds,
    order: widget.order,
    createdAt: widget.createdAt.toISOString(),
    updatedAt: widget.updatedAt.toISOString(),
  };
}

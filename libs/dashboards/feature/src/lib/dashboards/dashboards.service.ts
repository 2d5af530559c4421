import { Inject, Injectable } from '@nestjs/common';
import { DashboardRepository, DashboardWidgetRepository } from '@pulse/dashboards-data-access';
import { badRequest } from '@pulse/observability';
import type { AuthenticatedTenant } from '@pulse/tenancy';
import type { DashboardDto, DashboardResponse, DashboardSummaryResponse } from './dashboard.dto';
import { toDashboardFilters } from './dashboard-filters';
import { toDashboardResponse, toDashboardSummary } from './dashboard-responses';
import { DASHBOARDS_CLOCK, type DashboardsClock } from './dashboards-clock';
import { PREBUILT_DASHBOARD_KEYS, prebuiltDashboards } from './prebuilt-dashboards';

/** Dashboards of the authenticated tenant: null answers "no such dashboard of yours" (404). */
@Injectable()
export class DashboardsService {
  /** Tenants this replica already seeded or found seeded: one claim query per tenant per process. */
  private readonly seeded = new Set<string>();

  constructor(
    private readonly dashboards: DashboardRepository,
    private readonly widgets: DashboardWidgetRepository,
    @Inject(DASHBOARDS_CLOCK) private readonly now: DashboardsClock,
  ) {}

  async create(tenant: AuthenticatedTenant, body: DashboardDto): Promise<DashboardResponse> {
    const dashboard = await this.dashboards.create(tenant.id, this.definitionOf(tenant, body));
    return toDashboardResponse(dashboard, []);
  }

  /** The tenant's dashboards; the first call for a tenant gives it the prebuilt ones. */
  async list(tenant: AuthenticatedTenant): Promise<DashboardSummaryResponse[]> {
    await this.ensurePrebuilt(tenant.id);
    return (await this.dashboards.list(tenant.id, PREBUILT_DASHBOARD_KEYS)).map(toDashboardSummary);
  }

  async find(tenant: AuthenticatedTenant, id: string): Promise<DashboardResponse | null> {
    const dashboard = await this.dashboards.find(tenant.id, id);
    return dashboard ? toDashboardResponse(dashboard, await this.widgets.list(tenant.id, dashboard.id)) : null;
  }

  async replace(tenant: AuthenticatedTenant, id: string, body: DashboardDto): Promise<DashboardResponse | null> {
    const dashboard = await this.dashboards.replace(tenant.id, id, this.definitionOf(tenant, body));
    return dashboard ? toDashboardResponse(dashboard, await this.widgets.list(tenant.id, dashboard.id)) : null;
  }

  delete(tenant: AuthenticatedTenant, id: string): Promise<boolean> {
    return this.dashboards.delete(tenant.id, id);
  }

  /** Creates the prebuilt dashboards unless the tenant already had them (once across replicas: see `seedPrebuilt`). */
  async ensurePrebuilt(tenantId: string): Promise<void> {
    if (this.seeded.has(tenantId)) return;
    await this.dashboards.seedPrebuilt(tenantId, prebuiltDashboards());
    this.seeded.add(tenantId);
  }

  private definitionOf(tenant: AuthenticatedTenant, body: DashboardDto) {
    // The DTO's filters are class instances: stored as plain JSON.
    const requested = body.filters && JSON.parse(JSON.stringify(body.filters));
    const result = toDashboardFilters(requested, tenant.timeZone, this.now());
    if (!result.ok) throw badRequest(result.issues);
    return { name: body.name, description: body.description ?? null, filters: { ...result.filters } };
  }
}

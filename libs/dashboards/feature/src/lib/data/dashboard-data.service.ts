import { Inject, Injectable, Logger } from '@nestjs/common';
import { DashboardRepository, DashboardWidgetRepository, type StoredWidget } from '@pulse/dashboards-data-access';
import { badRequest } from '@pulse/observability';
import type { AuthenticatedTenant } from '@pulse/tenancy';
import { dashboardFrame, type DashboardFrame, type FrameOverrides } from '../dashboards/dashboard-frame';
import type { DashboardFilters } from '../dashboards/dashboard-filters';
import { DASHBOARDS_CLOCK, type DashboardsClock } from '../dashboards/dashboards-clock';
import { mapWithConcurrency } from './bounded-concurrency';
import { WidgetDataReader } from './widget-data-reader';
import { WidgetReadError } from './widget-read-error';

/** Widgets of one dashboard read at the same time: each holds a database connection while it runs. */
export const WIDGET_CONCURRENCY = 4;

export type WidgetDataResult =
  | { id: string; type: string; status: 'ok'; data: unknown }
  | { id: string; type: string; status: 'error'; error: { message: string; issues?: readonly { field: string; rule: string; message: string }[] } };

export interface DashboardDataResponse {
  dashboardId: string;
  range: { from: string; to: string; start: string; end: string; timeZone: string; period: string | null };
  previousRange?: { from: string; to: string; start: string; end: string };
  compare: boolean;
  widgets: WidgetDataResult[];
}

/** All of a dashboard's widgets in one answer, read concurrently (bounded); a widget's failure stays in its place. */
@Injectable()
export class DashboardDataService {
  private readonly logger = new Logger(DashboardDataService.name);

  constructor(
    private readonly dashboards: DashboardRepository,
    private readonly widgets: DashboardWidgetRepository,
    private readonly reader: WidgetDataReader,
    @Inject(DASHBOARDS_CLOCK) private readonly now: DashboardsClock,
  ) {}

  async data(tenant: AuthenticatedTenant, dashboardId: string, overrides: FrameOverrides): Promise<DashboardDataResponse | null> {
    const dashboard = await this.dashboards.find(tenant.id, dashboardId);
    if (!dashboard) return null;
    const framed = dashboardFrame(dashboard.filters as unknown as DashboardFilters, overrides, tenant.timeZone, this.now());
    if (!framed.ok) throw badRequest(framed.issues);
    const frame = framed.frame;
    const widgets = await this.widgets.list(tenant.id, dashboard.id);
    const context = this.reader.context(tenant);
    const results = await mapWithConcurrency(widgets, WIDGET_CONCURRENCY, (widget) => this.readOne(tenant, widget, frame, context));
    return {
      dashboardId: dashboard.id,
      range: { ...rangeOf(frame.range), timeZone: frame.timeZone, period: frame.period },
      ...(frame.previous ? { previousRange: rangeOf(frame.previous) } : {}),
      compare: frame.compare,
      widgets: results,
    };
  }

  private async readOne(
    tenant: AuthenticatedTenant,
    widget: StoredWidget,
    frame: DashboardFrame,
    context: ReturnType<WidgetDataReader['context']>,
  ): Promise<WidgetDataResult> {
    try {
      return { id: widget.id, type: widget.type, status: 'ok', data: await this.reader.read(tenant, widget, frame, context) };
    } catch (error) {
      if (error instanceof WidgetReadError) {
        return { id: widget.id, type: widget.type, status: 'error', error: { message: error.message, ...(error.issues.length > 0 ? { issues: error.issues } : {}) } };
      }
      this.logger.warn(`widget ${widget.id} (${widget.type}) of tenant ${tenant.id} failed: ${(error as Error).message}`);
      return { id: widget.id, type: widget.type, status: 'error', error: { message: `the widget could not be read: ${(error as Error).message}` } };
    }
  }
}

function rangeOf(range: DashboardFrame['range']): { from: string; to: string; start: string; end: string } {
  return { from: range.from, to: range.to, start: range.start.toISOString(), end: range.end.toISOString() };
}

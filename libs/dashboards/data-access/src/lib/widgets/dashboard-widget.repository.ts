import { isUuid, returnedRows, type SnakeCaseRow, type SqlExecutor } from '@pulse/storage';
import type { DashboardWidgetRow } from './dashboard-widget.entity';
import type { StoredWidget, WidgetDefinition } from './dashboard-widget';

type RawWidgetRow = SnakeCaseRow<DashboardWidgetRow, 'dashboard'>;

/** `dashboard_widgets`, always within one tenant and dashboard: another's ids read as absent. */
export class DashboardWidgetRepository {
  constructor(private readonly sql: SqlExecutor) {}

  /** Adds a widget to a dashboard the caller checked belongs to the tenant. */
  async create(tenantId: string, dashboardId: string, widget: WidgetDefinition): Promise<StoredWidget> {
    const [row] = await this.sql.query(
      `INSERT INTO "dashboard_widgets" ("tenant_id", "dashboard_id", "type", "title", "query", "options", "grid_x", "grid_y", "grid_w", "grid_h", "refresh_seconds", "order")
       VALUES ($1::uuid, $2::uuid, $3, $4, $5::jsonb, $6::jsonb, $7, $8, $9, $10, $11, $12) RETURNING *`,
      [tenantId, dashboardId, ...definitionValues(widget)],
    );
    return toWidget(row);
  }

  async find(tenantId: string, dashboardId: string, id: string): Promise<StoredWidget | null> {
    if (!isUuid(id) || !isUuid(dashboardId)) return null;
    const [row] = await this.sql.query(`SELECT * FROM "dashboard_widgets" WHERE "tenant_id" = $1::uuid AND "dashboard_id" = $2::uuid AND "id" = $3::uuid`, [
      tenantId,
      dashboardId,
      id,
    ]);
    return row ? toWidget(row) : null;
  }

  /** A dashboard's widgets by order (then creation). */
  async list(tenantId: string, dashboardId: string): Promise<StoredWidget[]> {
    if (!isUuid(dashboardId)) return [];
    const rows = await this.sql.query(
      `SELECT * FROM "dashboard_widgets" WHERE "tenant_id" = $1::uuid AND "dashboard_id" = $2::uuid ORDER BY "order", "created_at", "id"`,
      [tenantId, dashboardId],
    );
    return rows.map(toWidget);
  }

  async replace(tenantId: string, dashboardId: string, id: string, widget: WidgetDefinition): Promise<StoredWidget | null> {
    if (!isUuid(id) || !isUuid(dashboardId)) return null;
    const rows = await this.sql.query(
      `UPDATE "dashboard_widgets" SET "type" = $4, "title" = $5, "query" = $6::jsonb, "options" = $7::jsonb, "grid_x" = $8, "grid_y" = $9,
         "grid_w" = $10, "grid_h" = $11, "refresh_seconds" = $12, "order" = $13, "updated_at" = clock_timestamp()
        WHERE "tenant_id" = $1::uuid AND "dashboard_id" = $2::uuid AND "id" = $3::uuid RETURNING *`,
      [tenantId, dashboardId, id, ...definitionValues(widget)],
    );
    const [row] = returnedRows<RawWidgetRow>(rows);
    return row ? toWidget(row) : null;
  }

  async delete(tenantId: string, dashboardId: string, id: string): Promise<boolean> {
    if (!isUuid(id) || !isUuid(dashboardId)) return false;
    const rows = await this.sql.query(
      `DELETE FROM "dashboard_widgets" WHERE "tenant_id" = $1::uuid AND "dashboard_id" = $2::uuid AND "id" = $3::uuid RETURNING "id"`,
      [tenantId, dashboardId, id],
    );
    return returnedRows(rows).length > 0;
  }
}

export function definitionValues(widget: WidgetDefinition): unknown[] {
  const { x, y, w, h } = widget.position;
  return [widget.type, widget.title, widget.query === null ? null : JSON.stringify(widget.query), JSON.stringify(widget.options), x, y, w, h, widget.refreshSeconds, widget.order];
}

export function toWidget(row: RawWidgetRow): StoredWidget {
  return {
    id: row.id,
    dashboardId: row.dashboard_id,
    type: row.type,
    title: row.title,
    query: row.query as Record<string, unknown> | null,
    options: row.options as Record<string, unknown>,
    position: { x: row.grid_x, y: row.grid_y, w: row.grid_w, h: row.grid_h },
    refreshSeconds: row.refresh_seconds,
    order: row.order,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

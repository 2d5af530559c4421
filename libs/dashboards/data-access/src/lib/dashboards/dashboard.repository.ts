import { isUuid, returnedRows, type SnakeCaseRow } from '@pulse/storage';
import type { DataSource } from 'typeorm';
import { definitionValues } from '../widgets/dashboard-widget.repository';
import type { WidgetDefinition } from '../widgets/dashboard-widget';
import type { DashboardRow } from './dashboard.entity';
import type { DashboardDefinition, ListedDashboard, StoredDashboard } from './dashboard';

type RawDashboardRow = SnakeCaseRow<DashboardRow, 'tenant'>;

/** A prebuilt dashboard with its widgets, as the feature's templates give it. */
export interface PrebuiltDashboard extends DashboardDefinition {
  prebuiltKey: string;
  widgets: WidgetDefinition[];
}

/** `dashboards`, always within one tenant: another tenant's id (or one that is no UUID) reads as absent. */
export class DashboardRepository {
  constructor(private readonly dataSource: DataSource) {}

  async create(tenantId: string, dashboard: DashboardDefinition): Promise<StoredDashboard> {
    const [row] = await this.dataSource.query(
      `INSERT INTO "dashboards" ("tenant_id", "name", "description", "filters") VALUES ($1::uuid, $2, $3, $4::jsonb) RETURNING *`,
      [tenantId, dashboard.name, dashboard.description, JSON.stringify(dashboard.filters)],
    );
    return toDashboard(row);
  }

  async find(tenantId: string, id: string): Promise<StoredDashboard | null> {
    if (!isUuid(id)) return null;
    const [row] = await this.dataSource.query(`SELECT * FROM "dashboards" WHERE "tenant_id" = $1::uuid AND "id" = $2::uuid`, [tenantId, id]);
    return row ? toDashboard(row) : null;
  }

  /** The tenant's dashboards with their widget counts: prebuilt first in `prebuiltOrder`, then by name. */
  async list(tenantId: string, prebuiltOrder: readonly string[]): Promise<ListedDashboard[]> {
    const rows = await this.dataSource.query(
      `SELECT d.*, (SELECT count(*) FROM "dashboard_widgets" w WHERE w."dashboard_id" = d."id")::int AS "widget_count"
         FROM "dashboards" d WHERE d."tenant_id" = $1::uuid
        ORDER BY array_position($2::text[], d."prebuilt_key"::text) NULLS LAST, d."name", d."created_at", d."id"`,
      [tenantId, prebuiltOrder],
    );
    return rows.map((row: RawDashboardRow & { widget_count: number }) => ({ ...toDashboard(row), widgetCount: Number(row.widget_count) }));
  }

  async replace(tenantId: string, id: string, dashboard: DashboardDefinition): Promise<StoredDashboard | null> {
    if (!isUuid(id)) return null;
    const rows = await this.dataSource.query(
      `UPDATE "dashboards" SET "name" = $3, "description" = $4, "filters" = $5::jsonb, "updated_at" = clock_timestamp()
        WHERE "tenant_id" = $1::uuid AND "id" = $2::uuid RETURNING *`,
      [tenantId, id, dashboard.name, dashboard.description, JSON.stringify(dashboard.filters)],
    );
    const [row] = returnedRows<RawDashboardRow>(rows);
    return row ? toDashboard(row) : null;
  }

  /** Deletes the dashboard and its widgets (cascade); false when the tenant has no such dashboard. */
  async delete(tenantId: string, id: string): Promise<boolean> {
    if (!isUuid(id)) return false;
    const rows = await this.dataSource.query(`DELETE FROM "dashboards" WHERE "tenant_id" = $1::uuid AND "id" = $2::uuid RETURNING "id"`, [tenantId, id]);
    return returnedRows(rows).length > 0;
  }

  /**
   * Gives the tenant its prebuilt dashboards once: the first caller marks the tenant seeded and inserts
   * them in the same transaction; a concurrent caller (another replica) waits on that row, then finds it
   * taken and inserts nothing. True when this call seeded.
   */
  async seedPrebuilt(tenantId: string, dashboards: readonly PrebuiltDashboard[]): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const claimed = returnedRows(
        await manager.query(`INSERT INTO "dashboard_tenants" ("tenant_id") VALUES ($1::uuid) ON CONFLICT DO NOTHING RETURNING "tenant_id"`, [tenantId]),
      );
      if (claimed.length === 0) return false;
      for (const dashboard of dashboards) {
        const [row] = await manager.query(
          `INSERT INTO "dashboards" ("tenant_id", "name", "description", "filters", "prebuilt_key") VALUES ($1::uuid, $2, $3, $4::jsonb, $5)
           ON CONFLICT ("tenant_id", "prebuilt_key") DO NOTHING RETURNING "id"`,
          [tenantId, dashboard.name, dashboard.description, JSON.stringify(dashboard.filters), dashboard.prebuiltKey],
        );
        if (!row) continue;
        for (const widget of dashboard.widgets) {
          await manager.query(
            `INSERT INTO "dashboard_widgets" ("tenant_id", "dashboard_id", "type", "title", "query", "options", "grid_x", "grid_y", "grid_w", "grid_h", "refresh_seconds", "order")
             VALUES ($1::uuid, $2::uuid, $3, $4, $5::jsonb, $6::jsonb, $7, $8, $9, $10, $11, $12)`,
            [tenantId, row.id, ...definitionValues(widget)],
          );
        }
      }
      return true;
    });
  }
}

function toDashboard(row: RawDashboardRow): StoredDashboard {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    name: row.name,
    description: row.description,
    filters: row.filters as Record<string, unknown>,
    prebuiltKey: row.prebuilt_key,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

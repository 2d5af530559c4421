import { EntitySchema } from 'typeorm';

/** A row of `dashboard_widgets` as TypeORM maps it (see the CreateDashboardWidgets migration). */
export interface DashboardWidgetRow {
  id: string;
  dashboardId: string;
  /** The dashboard's tenant, repeated so every read filters on it. */
  tenantId: string;
  type: string;
  title: string;
  query: unknown;
  options: unknown;
  gridX: number;
  gridY: number;
  gridW: number;
  gridH: number;
  refreshSeconds: number | null;
  order: number;
  createdAt: Date;
  updatedAt: Date;
  dashboard?: unknown;
}

/** Mirrors `dashboard_widgets`; the drift test keeps the two equal. */
export const DashboardWidgetEntity = new EntitySchema<DashboardWidgetRow>({
  name: 'DashboardWidget',
  tableName: 'dashboard_widgets',
  columns: {
    id: { type: 'uuid', primary: true, generated: 'uuid', primaryKeyConstraintName: 'PK_dashboard_widgets' },
    dashboardId: { name: 'dashboard_id', type: 'uuid' },
    tenantId: { name: 'tenant_id', type: 'uuid' },
    type: { type: 'varchar', length: 32 },
    title: { type: 'varchar', length: 200 },
    query: { type: 'jsonb', nullable: true },
    options: { type: 'jsonb' },
    gridX: { name: 'grid_x', type: 'integer' },
    gridY: { name: 'grid_y', type: 'integer' },
    gridW: { name: 'grid_w', type: 'integer' },
    gridH: { name: 'grid_h', type: 'integer' },
    refreshSeconds: { name: 'refresh_seconds', type: 'integer', nullable: true },
    order: { type: 'integer' },
    createdAt: { name: 'created_at', type: 'timestamptz', createDate: true },
    updatedAt: { name: 'updated_at', type: 'timestamptz', default: () => 'now()' },
  },
  relations: {
    dashboard: {
      type: 'many-to-one',
      target: 'Dashboard',
      joinColumn: { name: 'dashboard_id', foreignKeyConstraintName: 'FK_dashboard_widgets_dashboard' },
      onDelete: 'CASCADE',
    },
  },
  indices: [{ name: 'IDX_dashboard_widgets_dashboard_order', columns: ['dashboardId', 'order'] }],
});

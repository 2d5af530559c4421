import { EntitySchema } from 'typeorm';

/** A row of `dashboards` as TypeORM maps it (see the CreateDashboards migration). */
export interface DashboardRow {
  id: string;
  tenantId: string;
  name: string;
  description: string | null;
  filters: unknown;
  prebuiltKey: string | null;
  createdAt: Date;
  updatedAt: Date;
  /** Declared for the foreign key only; repositories never load it. */
  tenant?: unknown;
}

/** Mirrors `dashboards`; the drift test keeps the two equal. */
export const DashboardEntity = new EntitySchema<DashboardRow>({
  name: 'Dashboard',
  tableName: 'dashboards',
  columns: {
    id: { type: 'uuid', primary: true, generated: 'uuid', primaryKeyConstraintName: 'PK_dashboards' },
    tenantId: { name: 'tenant_id', type: 'uuid' },
    name: { type: 'varchar', length: 200 },
    description: { type: 'text', nullable: true },
    filters: { type: 'jsonb' },
    prebuiltKey: { name: 'prebuilt_key', type: 'varchar', length: 32, nullable: true },
    createdAt: { name: 'created_at', type: 'timestamptz', createDate: true },
    updatedAt: { name: 'updated_at', type: 'timestamptz', default: () => 'now()' },
  },
  relations: {
    tenant: {
      type: 'many-to-one',
      target: 'Tenant',
      joinColumn: { name: 'tenant_id', foreignKeyConstraintName: 'FK_dashboards_tenant' },
      onDelete: 'CASCADE',
    },
  },
  indices: [
    { name: 'IDX_dashboards_tenant', columns: ['tenantId'] },
    { name: 'UQ_dashboards_tenant_prebuilt', columns: ['tenantId', 'prebuiltKey'], unique: true },
  ],
});

/** A row of `dashboard_tenants`: the tenant was given its prebuilt dashboards. */
export interface DashboardTenantRow {
  tenantId: string;
  seededAt: Date;
  tenant?: unknown;
}

export const DashboardTenantEntity = new EntitySchema<DashboardTenantRow>({
  name: 'DashboardTenant',
  tableName: 'dashboard_tenants',
  columns: {
    tenantId: { name: 'tenant_id', type: 'uuid', primary: true, primaryKeyConstraintName: 'PK_dashboard_tenants' },
    seededAt: { name: 'seeded_at', type: 'timestamptz', createDate: true },
  },
  relations: {
    tenant: {
      type: 'many-to-one',
      target: 'Tenant',
      joinColumn: { name: 'tenant_id', foreignKeyConstraintName: 'FK_dashboard_tenants_tenant' },
      onDelete: 'CASCADE',
    },
  },
});

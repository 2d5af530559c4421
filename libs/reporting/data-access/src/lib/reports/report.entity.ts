import { EntitySchema } from 'typeorm';

/** A row of `reports` as TypeORM maps it (see the CreateReports migration). */
export interface ReportRow {
  id: string;
  tenantId: string;
  name: string;
  description: string | null;
  type: string;
  format: string;
  period: string | null;
  rangeFrom: string | null;
  rangeTo: string | null;
  sections: unknown;
  createdAt: Date;
  updatedAt: Date;
  /** Declared for the foreign key only; repositories never load it. */
  tenant?: unknown;
}

/** Mirrors `reports`; the drift test keeps the two equal. */
export const ReportEntity = new EntitySchema<ReportRow>({
  name: 'Report',
  tableName: 'reports',
  columns: {
    id: { type: 'uuid', primary: true, generated: 'uuid', primaryKeyConstraintName: 'PK_reports' },
    tenantId: { name: 'tenant_id', type: 'uuid' },
    name: { type: 'varchar', length: 200 },
    description: { type: 'text', nullable: true },
    type: { type: 'varchar', length: 32 },
    format: { type: 'varchar', length: 8 },
    period: { type: 'varchar', length: 32, nullable: true },
    rangeFrom: { name: 'range_from', type: 'varchar', length: 10, nullable: true },
    rangeTo: { name: 'range_to', type: 'varchar', length: 10, nullable: true },
    sections: { type: 'jsonb' },
    createdAt: { name: 'created_at', type: 'timestamptz', createDate: true },
    updatedAt: { name: 'updated_at', type: 'timestamptz', default: () => 'now()' },
  },
  relations: {
    tenant: {
      type: 'many-to-one',
      target: 'Tenant',
      joinColumn: { name: 'tenant_id', foreignKeyConstraintName: 'FK_reports_tenant' },
      onDelete: 'CASCADE',
    },
  },
  indices: [{ name: 'IDX_reports_tenant_created', columns: ['tenantId', 'createdAt'] }],
  checks: [{ name: 'CHK_reports_range', expression: `("period" IS NULL) <> ("range_from" IS NULL AND "range_to" IS NULL)` }],
});

import { EntitySchema } from 'typeorm';

/** A row of `report_schedules` as TypeORM maps it (see the CreateReportSchedules migration). */
export interface ReportScheduleRow {
  id: string;
  tenantId: string;
  reportId: string;
  /** Five fields, read in the tenant's time zone. */
  cron: string;
  enabled: boolean;
  /** A relative period replacing the report's own days for the runs this schedule makes. */
  period: string | null;
  recipients: string[];
  webhookUrl: string | null;
  webhookSecret: string | null;
  /** The next occurrence to fire; null while disabled or when the expression never matches again. */
  nextRunAt: Date | null;
  /** The occurrence that made the latest run. */
  lastRunAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  /** Declared for the foreign keys only; repositories never load them. */
  tenant?: unknown;
  report?: unknown;
}

/** Mirrors `report_schedules`; the drift test keeps the two equal. */
export const ReportScheduleEntity = new EntitySchema<ReportScheduleRow>({
  name: 'ReportSchedule',
  tableName: 'report_schedules',
  columns: {
    id: {
      type: 'uuid',
      primary: true,
      generated: 'uuid',
      primaryKeyConstraintName: 'PK_report_schedules',
    },
    tenantId: { name: 'tenant_id', type: 'uuid' },
    reportId: { name: 'report_id', type: 'uuid' },
    cron: { type: 'varchar', length: 120 },
    enabled: { type: 'boolean', default: true },
    period: { type: 'varchar', length: 32, nullable: true },
    recipients: { type: 'jsonb', default: () => `'[]'` },
    webhookUrl: { name: 'webhook_url', type: 'text', nullable: true },
    webhookSecret: { name: 'webhook_secret', type: 'text', nullable: true },
    nextRunAt: { name: 'next_run_at', type: 'timestamptz', nullable: true },
    lastRunAt: { name: 'last_run_at', type: 'timestamptz', nullable: true },
    createdAt: { name: 'created_at', type: 'timestamptz', createDate: true },
    updatedAt: {
      name: 'updated_at',
      type: 'timestamptz',
      default: () => 'now()',
    },
  },
  relations: {
    tenant: {
      type: 'many-to-one',
      target: 'Tenant',
      joinColumn: {
        name: 'tenant_id',
        foreignKeyConstraintName: 'FK_report_schedules_tenant',
      },
      onDelete: 'CASCADE',
    },
    report: {
      type: 'many-to-one',
      target: 'Report',
      joinColumn: {
        name: 'report_id',
        foreignKeyConstraintName: 'FK_report_schedules_report',
      },
      onDelete: 'CASCADE',
    },
  },
  indices: [
    { name: 'IDX_report_schedules_report', columns: ['reportId', 'createdAt'] },
    {
      name: 'IDX_report_schedules_due',
      columns: ['nextRunAt'],
      where: `"enabled"`,
    },
  ],
});

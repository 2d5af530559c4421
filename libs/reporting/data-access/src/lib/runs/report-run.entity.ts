import { EntitySchema } from 'typeorm';

export const REPORT_RUN_STATUSES = ['queued', 'generating', 'completed', 'failed'] as const;
export type ReportRunStatus = (typeof REPORT_RUN_STATUSES)[number];

/** A row of `report_runs` as TypeORM maps it (see the CreateReportRuns migration). */
export interface ReportRunRow {
  id: string;
  tenantId: string;
  reportId: string;
  status: ReportRunStatus;
  progress: number;
  error: string | null;
  format: string;
  rangeFrom: string;
  rangeTo: string;
  attempts: number;
  leaseExpiresAt: Date | null;
  fileKey: string | null;
  fileName: string | null;
  contentType: string | null;
  fileSize: number | null;
  createdAt: Date;
  startedAt: Date | null;
  completedAt: Date | null;
  /** The schedule and occurrence that made the run; null for a run asked for through the API. */
  scheduleId: string | null;
  occurrenceAt: Date | null;
  /** Declared for the foreign keys only; repositories never load them. */
  tenant?: unknown;
  report?: unknown;
  schedule?: unknown;
}

/** Mirrors `report_runs`; the drift test keeps the two equal. */
export const ReportRunEntity = new EntitySchema<ReportRunRow>({
  name: 'ReportRun',
  tableName: 'report_runs',
  columns: {
    id: { type: 'uuid', primary: true, generated: 'uuid', primaryKeyConstraintName: 'PK_report_runs' },
    tenantId: { name: 'tenant_id', type: 'uuid' },
    reportId: { name: 'report_id', type: 'uuid' },
    status: { type: 'varchar', length: 16, default: 'queued' },
    progress: { type: 'integer', default: 0 },
    error: { type: 'text', nullable: true },
    format: { type: 'varchar', length: 8 },
    rangeFrom: { name: 'range_from', type: 'varchar', length: 10 },
    rangeTo: { name: 'range_to', type: 'varchar', length: 10 },
    attempts: { type: 'integer', default: 0 },
    leaseExpiresAt: { name: 'lease_expires_at', type: 'timestamptz', nullable: true },
    fileKey: { name: 'file_key', type: 'text', nullable: true },
    fileName: { name: 'file_name', type: 'text', nullable: true },
    contentType: { name: 'content_type', type: 'text', nullable: true },
    fileSize: { name: 'file_size', type: 'integer', nullable: true },
    createdAt: { name: 'created_at', type: 'timestamptz', createDate: true },
    startedAt: { name: 'started_at', type: 'timestamptz', nullable: true },
    completedAt: { name: 'completed_at', type: 'timestamptz', nullable: true },
    scheduleId: { name: 'schedule_id', type: 'uuid', nullable: true },
    occurrenceAt: { name: 'occurrence_at', type: 'timestamptz', nullable: true },
  },
  relations: {
    tenant: {
      type: 'many-to-one',
      target: 'Tenant',
      joinColumn: { name: 'tenant_id', foreignKeyConstraintName: 'FK_report_runs_tenant' },
      onDelete: 'CASCADE',
    },
    report: {
      type: 'many-to-one',
      target: 'Report',
      joinColumn: { name: 'report_id', foreignKeyConstraintName: 'FK_report_runs_report' },
      onDelete: 'CASCADE',
    },
    schedule: {
      type: 'many-to-one',
      target: 'ReportSchedule',
      joinColumn: { name: 'schedule_id', foreignKeyConstraintName: 'FK_report_runs_schedule' },
      onDelete: 'SET NULL',
    },
  },
  indices: [
    { name: 'IDX_report_runs_report_created', columns: ['reportId', 'createdAt'] },
    { name: 'IDX_report_runs_pending', columns: ['createdAt'], where: `"status" IN ('queued', 'generating')` },
    { name: 'UQ_report_runs_occurrence', columns: ['scheduleId', 'occurrenceAt'], unique: true },
    { name: 'IDX_report_runs_completed', columns: ['completedAt'], where: `"status" IN ('completed', 'failed')` },
  ],
  checks: [
    { name: 'CHK_report_runs_status', expression: `"status" IN ('queued', 'generating', 'completed', 'failed')` },
    { name: 'CHK_report_runs_progress', expression: `"progress" BETWEEN 0 AND 100` },
  ],
});

import { EntitySchema } from 'typeorm';

export const REPORT_DELIVERY_CHANNELS = ['email', 'webhook'] as const;
export type ReportDeliveryChannel = (typeof REPORT_DELIVERY_CHANNELS)[number];

export const REPORT_DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type ReportDeliveryStatus = (typeof REPORT_DELIVERY_STATUSES)[number];

/** One attempt to deliver: when, how long, and the receiver's answer or the error. */
export interface ReportDeliveryAttempt {
  at: string;
  durationMs: number;
  /** The webhook's HTTP status, or the SMTP server's reply to the message. */
  response?: string;
  error?: string;
}

/** A row of `report_deliveries` as TypeORM maps it (see the CreateReportDeliveries migration). */
export interface ReportDeliveryRow {
  id: string;
  tenantId: string;
  runId: string;
  channel: ReportDeliveryChannel;
  /** The recipients (comma-separated) or the webhook URL, as they were when the run was made. */
  target: string;
  status: ReportDeliveryStatus;
  attempts: number;
  nextAttemptAt: Date;
  leaseExpiresAt: Date | null;
  attemptLog: ReportDeliveryAttempt[];
  createdAt: Date;
  deliveredAt: Date | null;
  /** Declared for the foreign keys only; repositories never load them. */
  tenant?: unknown;
  run?: unknown;
}

/** Mirrors `report_deliveries`; the drift test keeps the two equal. */
export const ReportDeliveryEntity = new EntitySchema<ReportDeliveryRow>({
  name: 'ReportDelivery',
  tableName: 'report_deliveries',
  columns: {
    id: {
      type: 'uuid',
      primary: true,
      generated: 'uuid',
      primaryKeyConstraintName: 'PK_report_deliveries',
    },
    tenantId: { name: 'tenant_id', type: 'uuid' },
    runId: { name: 'run_id', type: 'uuid' },
    channel: { type: 'varchar', length: 8 },
    target: { type: 'text' },
    status: { type: 'varchar', length: 16, default: 'pending' },
    attempts: { type: 'integer', default: 0 },
    nextAttemptAt: { name: 'next_attempt_at', type: 'timestamptz' },
    leaseExpiresAt: {
      name: 'lease_expires_at',
      type: 'timestamptz',
      nullable: true,
    },
    attemptLog: { name: 'attempt_log', type: 'jsonb', default: () => `'[]'` },
    createdAt: { name: 'created_at', type: 'timestamptz', createDate: true },
    deliveredAt: { name: 'delivered_at', type: 'timestamptz', nullable: true },
  },
  relations: {
    tenant: {
      type: 'many-to-one',
      target: 'Tenant',
      joinColumn: {
        name: 'tenant_id',
        foreignKeyConstraintName: 'FK_report_deliveries_tenant',
      },
      onDelete: 'CASCADE',
    },
    run: {
      type: 'many-to-one',
      target: 'ReportRun',
      joinColumn: {
        name: 'run_id',
        foreignKeyConstraintName: 'FK_report_deliveries_run',
      },
      onDelete: 'CASCADE',
    },
  },
  uniques: [{ name: 'UQ_report_deliveries_run_channel', columns: ['runId', 'channel'] }],
  indices: [
    {
      name: 'IDX_report_deliveries_due',
      columns: ['nextAttemptAt'],
      where: `"status" = 'pending'`,
    },
  ],
  checks: [
    {
      name: 'CHK_report_deliveries_channel',
      expression: `"channel" IN ('email', 'webhook')`,
    },
    {
      name: 'CHK_report_deliveries_status',
      expression: `"status" IN ('pending', 'delivered', 'failed')`,
    },
  ],
});

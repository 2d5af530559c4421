import { EntitySchema } from 'typeorm';

export type AlertNotificationKind = 'fired' | 'recovered';
export type AlertNotificationStatus = 'pending' | 'delivered' | 'failed' | 'suppressed';

/** One delivery attempt, as kept in `attempt_log`. */
export interface DeliveryAttempt {
  /** ISO instant the attempt started. */
  at: string;
  durationMs: number;
  /** The webhook's HTTP status, when it answered. */
  httpStatus?: number;
  /** Why it failed (network error, timeout, non-2xx answer). */
  error?: string;
}

/** A row of `alert_notifications` as TypeORM maps it (see the CreateAlertNotifications migration). */
export interface AlertNotificationRow {
  id: string;
  ruleId: string;
  tenantId: string;
  incidentId: string;
  kind: AlertNotificationKind;
  incidentStartedAt: Date;
  bucketStart: Date;
  payload: Record<string, unknown>;
  status: AlertNotificationStatus;
  attempts: number;
  lastError: string | null;
  attemptLog: DeliveryAttempt[];
  nextAttemptAt: Date | null;
  deliveredAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  /** Declared for the foreign key only; repositories never load it. */
  rule?: unknown;
}

/** Mirrors `alert_notifications`; the drift test keeps the two equal. */
export const AlertNotificationEntity = new EntitySchema<AlertNotificationRow>({
  name: 'AlertNotification',
  tableName: 'alert_notifications',
  columns: {
    id: { type: 'uuid', primary: true, generated: 'uuid', primaryKeyConstraintName: 'PK_alert_notifications' },
    ruleId: { name: 'rule_id', type: 'uuid' },
    tenantId: { name: 'tenant_id', type: 'uuid' },
    incidentId: { name: 'incident_id', type: 'varchar', length: 64 },
    kind: { type: 'varchar', length: 9 },
    incidentStartedAt: { name: 'incident_started_at', type: 'timestamptz' },
    bucketStart: { name: 'bucket_start', type: 'timestamptz' },
    payload: { type: 'jsonb' },
    status: { type: 'varchar', length: 10 },
    attempts: { type: 'integer', default: 0 },
    lastError: { name: 'last_error', type: 'text', nullable: true },
    attemptLog: { name: 'attempt_log', type: 'jsonb', default: () => `'[]'` },
    nextAttemptAt: { name: 'next_attempt_at', type: 'timestamptz', nullable: true },
    deliveredAt: { name: 'delivered_at', type: 'timestamptz', nullable: true },
    createdAt: { name: 'created_at', type: 'timestamptz', createDate: true },
    updatedAt: { name: 'updated_at', type: 'timestamptz', updateDate: true },
  },
  relations: {
    rule: {
      type: 'many-to-one',
      target: 'AlertRule',
      joinColumn: { name: 'rule_id', foreignKeyConstraintName: 'FK_alert_notifications_rule' },
      onDelete: 'CASCADE',
    },
  },
  uniques: [{ name: 'UQ_alert_notifications_incident', columns: ['ruleId', 'incidentId', 'kind'] }],
  indices: [
    { name: 'IDX_alert_notifications_history', columns: ['ruleId', 'createdAt'] },
    { name: 'IDX_alert_notifications_due', columns: ['nextAttemptAt'], where: `"status" = 'pending'` },
  ],
  checks: [
    { name: 'CHK_alert_notifications_kind', expression: `"kind" IN ('fired', 'recovered')` },
    { name: 'CHK_alert_notifications_status', expression: `"status" IN ('pending', 'delivered', 'failed', 'suppressed')` },
  ],
});

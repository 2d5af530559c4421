import { EntitySchema } from 'typeorm';

/** A row of `alert_rules` as TypeORM maps it (see the CreateAlertRules migration); repositories map rows to `StoredAlertRule`. */
export interface AlertRuleRow {
  id: string;
  tenantId: string;
  name: string;
  query: Record<string, unknown>;
  conditionKind: 'threshold' | 'anomaly';
  thresholdOperator: 'above' | 'below' | null;
  thresholdValue: number | null;
  anomalyMethod: 'auto' | 'zscore' | 'mad' | 'seasonal' | null;
  anomalySensitivity: number | null;
  granularity: 'minute' | 'hour' | 'day';
  cooldownSeconds: number;
  webhookUrl: string;
  webhookSecret: string;
  enabled: boolean;
  openIncidentId: string | null;
  openIncidentStartedAt: Date | null;
  lastEvaluatedBucket: Date | null;
  createdAt: Date;
  updatedAt: Date;
  /** Declared for the foreign key only; repositories never load it. */
  tenant?: unknown;
}

/** Mirrors `alert_rules`; the drift test keeps the two equal. */
export const AlertRuleEntity = new EntitySchema<AlertRuleRow>({
  name: 'AlertRule',
  tableName: 'alert_rules',
  columns: {
    id: { type: 'uuid', primary: true, generated: 'uuid', primaryKeyConstraintName: 'PK_alert_rules' },
    tenantId: { name: 'tenant_id', type: 'uuid' },
    name: { type: 'varchar', length: 200 },
    query: { type: 'jsonb' },
    conditionKind: { name: 'condition_kind', type: 'varchar', length: 9 },
    thresholdOperator: { name: 'threshold_operator', type: 'varchar', length: 5, nullable: true },
    thresholdValue: { name: 'threshold_value', type: 'double precision', nullable: true },
    anomalyMethod: { name: 'anomaly_method', type: 'varchar', length: 8, nullable: true },
    anomalySensitivity: { name: 'anomaly_sensitivity', type: 'double precision', nullable: true },
    granularity: { type: 'varchar', length: 6 },
    cooldownSeconds: { name: 'cooldown_seconds', type: 'integer' },
    webhookUrl: { name: 'webhook_url', type: 'varchar', length: 2048 },
    webhookSecret: { name: 'webhook_secret', type: 'varchar', length: 128 },
    enabled: { type: 'boolean', default: true },
    openIncidentId: { name: 'open_incident_id', type: 'varchar', length: 64, nullable: true },
    openIncidentStartedAt: { name: 'open_incident_started_at', type: 'timestamptz', nullable: true },
    lastEvaluatedBucket: { name: 'last_evaluated_bucket', type: 'timestamptz', nullable: true },
    createdAt: { name: 'created_at', type: 'timestamptz', createDate: true },
    updatedAt: { name: 'updated_at', type: 'timestamptz', updateDate: true },
  },
  relations: {
    tenant: {
      type: 'many-to-one',
      target: 'Tenant',
      joinColumn: { name: 'tenant_id', foreignKeyConstraintName: 'FK_alert_rules_tenant' },
      onDelete: 'CASCADE',
    },
  },
  indices: [{ name: 'IDX_alert_rules_tenant', columns: ['tenantId', 'createdAt'] }],
  checks: [
    { name: 'CHK_alert_rules_granularity', expression: `"granularity" IN ('minute', 'hour', 'day')` },
    { name: 'CHK_alert_rules_cooldown', expression: `"cooldown_seconds" >= 0` },
    {
      name: 'CHK_alert_rules_condition',
      expression:
        `("condition_kind" = 'threshold' AND "threshold_operator" IN ('above', 'below') AND "threshold_value" IS NOT NULL ` +
        `AND "anomaly_method" IS NULL AND "anomaly_sensitivity" IS NULL) ` +
        `OR ("condition_kind" = 'anomaly' AND "anomaly_method" IN ('auto', 'zscore', 'mad', 'seasonal') ` +
        `AND "anomaly_sensitivity" BETWEEN 0 AND 1 AND "threshold_operator" IS NULL AND "threshold_value" IS NULL)`,
    },
  ],
});

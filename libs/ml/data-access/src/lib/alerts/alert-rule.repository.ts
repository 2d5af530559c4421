import type { AlertCondition, OpenIncident } from '@pulse/analytics-core';
import { isUuid, returnedRows, type SnakeCaseRow, type SqlExecutor } from '@pulse/storage';
import type { AlertRuleRow } from './alert-rule.entity';
import type { AlertRuleDefinition, StoredAlertRule } from './alert-rule';

type RawAlertRuleRow = SnakeCaseRow<AlertRuleRow, 'tenant'>;

/** `alert_rules`, always within one tenant (another tenant's id reads as absent), plus the detector's reads and writes. */
export class AlertRuleRepository {
  constructor(private readonly sql: SqlExecutor) {}

  async create(tenantId: string, definition: AlertRuleDefinition, webhookSecret: string): Promise<StoredAlertRule> {
    const [row] = await this.sql.query(
      `INSERT INTO "alert_rules" ("tenant_id", "name", "query", "condition_kind", "threshold_operator", "threshold_value",
         "anomaly_method", "anomaly_sensitivity", "granularity", "cooldown_seconds", "webhook_url", "webhook_secret", "enabled")
       VALUES ($1::uuid, $2, $3::jsonb, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING *`,
      [tenantId, ...definitionParameters(definition), webhookSecret, definition.enabled],
    );
    return toAlertRule(row);
  }

  /** The tenant's rules, oldest first. */
  async list(tenantId: string): Promise<StoredAlertRule[]> {
    const rows = await this.sql.query(`SELECT * FROM "alert_rules" WHERE "tenant_id" = $1::uuid ORDER BY "created_at", "id"`, [tenantId]);
    return rows.map(toAlertRule);
  }

  async find(tenantId: string, id: string): Promise<StoredAlertRule | null> {
    if (!isUuid(id)) return null;
    const [row] = await this.sql.query(`SELECT * FROM "alert_rules" WHERE "tenant_id" = $1::uuid AND "id" = $2::uuid`, [tenantId, id]);
    return row ? toAlertRule(row) : null;
  }

  /** The rule, its row locked until the caller's transaction ends (an edit deciding what becomes of its incident). */
  async findForUpdate(tenantId: string, id: string): Promise<StoredAlertRule | null> {
    if (!isUuid(id)) return null;
    const [row] = await this.sql.query(`SELECT * FROM "alert_rules" WHERE "tenant_id" = $1::uuid AND "id" = $2::uuid FOR UPDATE`, [tenantId, id]);
    return row ? toAlertRule(row) : null;
  }

  /**
   * Replaces the definition (the secret stays). With `keepsIncident` the detector's state stays too (the
   * open incident and the last bucket judged); otherwise the rule starts afresh, and whoever edits it
   * closes the incident it forgets (see the insights service's `AlertRulesService.replace`).
   */
  async update(tenantId: string, id: string, definition: AlertRuleDefinition, options: { keepsIncident: boolean }): Promise<StoredAlertRule | null> {
    if (!isUuid(id)) return null;
    const rows = await this.sql.query(
      `UPDATE "alert_rules" SET "name" = $3, "query" = $4::jsonb, "condition_kind" = $5, "threshold_operator" = $6,
         "threshold_value" = $7, "anomaly_method" = $8, "anomaly_sensitivity" = $9, "granularity" = $10,
         "cooldown_seconds" = $11, "webhook_url" = $12, "enabled" = $13,
         "open_incident_id" = CASE WHEN $14::boolean THEN "open_incident_id" END,
         "open_incident_started_at" = CASE WHEN $14::boolean THEN "open_incident_started_at" END,
         "last_evaluated_bucket" = CASE WHEN $14::boolean THEN "last_evaluated_bucket" END, "updated_at" = clock_timestamp()
       WHERE "tenant_id" = $1::uuid AND "id" = $2::uuid RETURNING *`,
      [tenantId, id, ...definitionParameters(definition), definition.enabled, options.keepsIncident],
    );
    const [row] = returnedRows<RawAlertRuleRow>(rows);
    return row ? toAlertRule(row) : null;
  }

  /** True when the tenant had the rule; its notifications go with it. */
  async delete(tenantId: string, id: string): Promise<boolean> {
    if (!isUuid(id)) return false;
    const rows = await this.sql.query(`DELETE FROM "alert_rules" WHERE "tenant_id" = $1::uuid AND "id" = $2::uuid RETURNING "id"`, [tenantId, id]);
    return returnedRows(rows).length > 0;
  }

  /** What the detector evaluates when a tenant's bucket closes. */
  async listEnabled(tenantId: string): Promise<StoredAlertRule[]> {
    const rows = await this.sql.query(`SELECT * FROM "alert_rules" WHERE "tenant_id" = $1::uuid AND "enabled" ORDER BY "created_at", "id"`, [
      tenantId,
    ]);
    return rows.map(toAlertRule);
  }

  /**
   * Records that `rule` was evaluated for the bucket starting at `bucketStart`, leaving it in `open`.
   * Only the first evaluation of a bucket counts, and only while the rule is unchanged since it was
   * read (`rule.updatedAt`): false means another evaluation (a replica, a repeated aggregate) or an
   * edit got there first.
   */
  async recordEvaluation(rule: Pick<StoredAlertRule, 'id' | 'updatedAt'>, bucketStart: Date, open: OpenIncident | null): Promise<boolean> {
    const rows = await this.sql.query(
      `UPDATE "alert_rules" SET "open_incident_id" = $3, "open_incident_started_at" = $4, "last_evaluated_bucket" = $2
        WHERE "id" = $1::uuid AND date_trunc('milliseconds', "updated_at") = $5 AND ("last_evaluated_bucket" IS NULL OR "last_evaluated_bucket" < $2)
        RETURNING "id"`,
      [rule.id, bucketStart, open?.id ?? null, open === null ? null : new Date(open.startedAt), rule.updatedAt],
    );
    return returnedRows(rows).length > 0;
  }
}

function definitionParameters(definition: AlertRuleDefinition): unknown[] {
  const { condition } = definition;
  return [
    definition.name,
    JSON.stringify(definition.query),
    condition.kind,
    condition.kind === 'threshold' ? condition.operator : null,
    condition.kind === 'threshold' ? condition.value : null,
    condition.kind === 'anomaly' ? condition.method : null,
    condition.kind === 'anomaly' ? condition.sensitivity : null,
    definition.granularity,
    definition.cooldownSeconds,
    definition.webhookUrl,
  ];
}

function toAlertRule(row: RawAlertRuleRow): StoredAlertRule {
  const condition: AlertCondition =
    row.condition_kind === 'threshold'
      ? { kind: 'threshold', operator: row.threshold_operator ?? 'above', value: Number(row.threshold_value) }
      : { kind: 'anomaly', method: row.anomaly_method ?? 'auto', sensitivity: Number(row.anomaly_sensitivity) };
  return {
    id: row.id,
    tenantId: row.tenant_id,
    name: row.name,
    query: row.query,
    condition,
    granularity: row.granularity,
    cooldownSeconds: row.cooldown_seconds,
    webhookUrl: row.webhook_url,
    webhookSecret: row.webhook_secret,
    enabled: row.enabled,
    openIncident:
      row.open_incident_id === null || row.open_incident_started_at === null
        ? null
        : { id: row.open_incident_id, startedAt: row.open_incident_started_at.getTime() },
    lastEvaluatedBucket: row.last_evaluated_bucket,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

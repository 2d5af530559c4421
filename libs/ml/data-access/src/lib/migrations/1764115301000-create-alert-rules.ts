import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A tenant's alert rules: a metric query watched per closed bucket (minute, hour or local day) for a
 * threshold or an anomaly, with the webhook that hears about it. The condition is columns, not JSON,
 * so the database refuses a half-described one. `open_incident_*` and `last_evaluated_bucket` are the
 * detector's state between evaluations; the partial index serves its "enabled rules of this tenant".
 */
export class CreateAlertRules1764115301000 implements MigrationInterface {
  name = 'CreateAlertRules1764115301000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "alert_rules" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "tenant_id" uuid NOT NULL,
        "name" varchar(200) NOT NULL,
        "query" jsonb NOT NULL,
        "condition_kind" varchar(9) NOT NULL,
        "threshold_operator" varchar(5),
        "threshold_value" double precision,
        "anomaly_method" varchar(8),
        "anomaly_sensitivity" double precision,
        "granularity" varchar(6) NOT NULL,
        "cooldown_seconds" integer NOT NULL,
        "webhook_url" varchar(2048) NOT NULL,
        "webhook_secret" varchar(128) NOT NULL,
        "enabled" boolean NOT NULL DEFAULT true,
        "open_incident_id" varchar(64),
        "open_incident_started_at" timestamptz,
        "last_evaluated_bucket" timestamptz,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_alert_rules" PRIMARY KEY ("id"),
        CONSTRAINT "FK_alert_rules_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE,
        CONSTRAINT "CHK_alert_rules_granularity" CHECK ("granularity" IN ('minute', 'hour', 'day')),
        CONSTRAINT "CHK_alert_rules_cooldown" CHECK ("cooldown_seconds" >= 0),
        CONSTRAINT "CHK_alert_rules_condition" CHECK (
          ("condition_kind" = 'threshold' AND "threshold_operator" IN ('above', 'below') AND "threshold_value" IS NOT NULL
            AND "anomaly_method" IS NULL AND "anomaly_sensitivity" IS NULL)
          OR ("condition_kind" = 'anomaly' AND "anomaly_method" IN ('auto', 'zscore', 'mad', 'seasonal')
            AND "anomaly_sensitivity" BETWEEN 0 AND 1 AND "threshold_operator" IS NULL AND "threshold_value" IS NULL)
        )
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_alert_rules_tenant" ON "alert_rules" ("tenant_id", "created_at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "alert_rules"`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every notification an alert rule decided on, and its delivery: one row per (rule, incident, kind), so
 * replicas that see the same anomaly insert it once (`ON CONFLICT DO NOTHING`) and one incident gives
 * one `fired` and at most one `recovered`. `status`: pending (due at `next_attempt_at`), delivered,
 * failed (attempts used up) or suppressed (cooldown). `attempt_log` keeps each attempt's time, HTTP
 * status or error. The partial index is the delivery queue.
 */
export class CreateAlertNotifications1764115301001 implements MigrationInterface {
  name = 'CreateAlertNotifications1764115301001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "alert_notifications" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "rule_id" uuid NOT NULL,
        "tenant_id" uuid NOT NULL,
        "incident_id" varchar(64) NOT NULL,
        "kind" varchar(9) NOT NULL,
        "incident_started_at" timestamptz NOT NULL,
        "bucket_start" timestamptz NOT NULL,
        "payload" jsonb NOT NULL,
        "status" varchar(10) NOT NULL,
        "attempts" integer NOT NULL DEFAULT 0,
        "last_error" text,
        "attempt_log" jsonb NOT NULL DEFAULT '[]',
        "next_attempt_at" timestamptz,
        "delivered_at" timestamptz,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_alert_notifications" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_alert_notifications_incident" UNIQUE ("rule_id", "incident_id", "kind"),
        CONSTRAINT "FK_alert_notifications_rule" FOREIGN KEY ("rule_id") REFERENCES "alert_rules" ("id") ON DELETE CASCADE,
        CONSTRAINT "CHK_alert_notifications_kind" CHECK ("kind" IN ('fired', 'recovered')),
        CONSTRAINT "CHK_alert_notifications_status" CHECK ("status" IN ('pending', 'delivered', 'failed', 'suppressed'))
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_alert_notifications_history" ON "alert_notifications" ("rule_id", "created_at")`);
    await queryRunner.query(`CREATE INDEX "IDX_alert_notifications_due" ON "alert_notifications" ("next_attempt_at") WHERE "status" = 'pending'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "alert_notifications"`);
  }
}

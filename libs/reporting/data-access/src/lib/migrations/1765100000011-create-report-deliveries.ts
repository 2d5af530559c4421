import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Deliveries of a scheduled run (one per channel: the email to the recipients, the webhook), created
 * with the run and sent once it settles; the queue of attempts (claimed with `FOR UPDATE SKIP LOCKED`
 * and a lease) and their history (`attempt_log`).
 */
export class CreateReportDeliveries1765100000011 implements MigrationInterface {
  name = 'CreateReportDeliveries1765100000011';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "report_deliveries" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "tenant_id" uuid NOT NULL,
        "run_id" uuid NOT NULL,
        "channel" varchar(8) NOT NULL,
        "target" text NOT NULL,
        "status" varchar(16) NOT NULL DEFAULT 'pending',
        "attempts" integer NOT NULL DEFAULT 0,
        "next_attempt_at" timestamptz NOT NULL,
        "lease_expires_at" timestamptz,
        "attempt_log" jsonb NOT NULL DEFAULT '[]',
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "delivered_at" timestamptz,
        CONSTRAINT "PK_report_deliveries" PRIMARY KEY ("id"),
        CONSTRAINT "FK_report_deliveries_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE,
        CONSTRAINT "FK_report_deliveries_run" FOREIGN KEY ("run_id") REFERENCES "report_runs" ("id") ON DELETE CASCADE,
        CONSTRAINT "UQ_report_deliveries_run_channel" UNIQUE ("run_id", "channel"),
        CONSTRAINT "CHK_report_deliveries_channel" CHECK ("channel" IN ('email', 'webhook')),
        CONSTRAINT "CHK_report_deliveries_status" CHECK ("status" IN ('pending', 'delivered', 'failed'))
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_report_deliveries_due" ON "report_deliveries" ("next_attempt_at") WHERE "status" = 'pending'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "report_deliveries"`);
  }
}

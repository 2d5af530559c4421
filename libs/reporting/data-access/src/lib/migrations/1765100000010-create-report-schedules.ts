import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Schedules of a report (a cron expression in the tenant's time zone, recipients, a webhook) and the
 * link from a run to the occurrence that made it: `(schedule_id, occurrence_at)` is unique, so an
 * occurrence makes one run however many replicas fire it.
 */
export class CreateReportSchedules1765100000010 implements MigrationInterface {
  name = 'CreateReportSchedules1765100000010';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "report_schedules" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "tenant_id" uuid NOT NULL,
        "report_id" uuid NOT NULL,
        "cron" varchar(120) NOT NULL,
        "enabled" boolean NOT NULL DEFAULT true,
        "period" varchar(32),
        "recipients" jsonb NOT NULL DEFAULT '[]',
        "webhook_url" text,
        "webhook_secret" text,
        "next_run_at" timestamptz,
        "last_run_at" timestamptz,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_report_schedules" PRIMARY KEY ("id"),
        CONSTRAINT "FK_report_schedules_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE,
        CONSTRAINT "FK_report_schedules_report" FOREIGN KEY ("report_id") REFERENCES "reports" ("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_report_schedules_report" ON "report_schedules" ("report_id", "created_at")`);
    await queryRunner.query(`CREATE INDEX "IDX_report_schedules_due" ON "report_schedules" ("next_run_at") WHERE "enabled"`);
    await queryRunner.query(`ALTER TABLE "report_runs" ADD "schedule_id" uuid, ADD "occurrence_at" timestamptz`);
    await queryRunner.query(
      `ALTER TABLE "report_runs" ADD CONSTRAINT "FK_report_runs_schedule" FOREIGN KEY ("schedule_id") REFERENCES "report_schedules" ("id") ON DELETE SET NULL`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_report_runs_occurrence" ON "report_runs" ("schedule_id", "occurrence_at")`);
    await queryRunner.query(`CREATE INDEX "IDX_report_runs_completed" ON "report_runs" ("completed_at") WHERE "status" IN ('completed', 'failed')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_report_runs_completed"`);
    await queryRunner.query(`DROP INDEX "UQ_report_runs_occurrence"`);
    await queryRunner.query(
      `ALTER TABLE "report_runs" DROP CONSTRAINT "FK_report_runs_schedule", DROP COLUMN "schedule_id", DROP COLUMN "occurrence_at"`,
    );
    await queryRunner.query(`DROP TABLE "report_schedules"`);
  }
}

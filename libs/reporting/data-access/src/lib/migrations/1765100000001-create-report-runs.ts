import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One generation of a report, and the job queue: workers claim `queued` runs (and `generating` ones
 * whose lease ran out, their worker gone) with `FOR UPDATE SKIP LOCKED`. The range is resolved when the
 * run is asked for, so a retry produces the same file.
 */
export class CreateReportRuns1765100000001 implements MigrationInterface {
  name = 'CreateReportRuns1765100000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "report_runs" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "tenant_id" uuid NOT NULL,
        "report_id" uuid NOT NULL,
        "status" varchar(16) NOT NULL DEFAULT 'queued',
        "progress" integer NOT NULL DEFAULT 0,
        "error" text,
        "format" varchar(8) NOT NULL,
        "range_from" varchar(10) NOT NULL,
        "range_to" varchar(10) NOT NULL,
        "attempts" integer NOT NULL DEFAULT 0,
        "lease_expires_at" timestamptz,
        "file_key" text,
        "file_name" text,
        "content_type" text,
        "file_size" integer,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "started_at" timestamptz,
        "completed_at" timestamptz,
        CONSTRAINT "PK_report_runs" PRIMARY KEY ("id"),
        CONSTRAINT "FK_report_runs_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE,
        CONSTRAINT "FK_report_runs_report" FOREIGN KEY ("report_id") REFERENCES "reports" ("id") ON DELETE CASCADE,
        CONSTRAINT "CHK_report_runs_status" CHECK ("status" IN ('queued', 'generating', 'completed', 'failed')),
        CONSTRAINT "CHK_report_runs_progress" CHECK ("progress" BETWEEN 0 AND 100)
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_report_runs_report_created" ON "report_runs" ("report_id", "created_at")`);
    await queryRunner.query(`CREATE INDEX "IDX_report_runs_pending" ON "report_runs" ("created_at") WHERE "status" IN ('queued', 'generating')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "report_runs"`);
  }
}

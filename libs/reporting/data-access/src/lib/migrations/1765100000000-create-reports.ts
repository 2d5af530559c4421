import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Report definitions per tenant: what to compute (`sections`, each a query in the insights request
 * shapes), over which days (a relative `period` resolved in the tenant's zone at generation, or fixed
 * local dates) and in which file format.
 */
export class CreateReports1765100000000 implements MigrationInterface {
  name = 'CreateReports1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "reports" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "tenant_id" uuid NOT NULL,
        "name" varchar(200) NOT NULL,
        "description" text,
        "type" varchar(32) NOT NULL,
        "format" varchar(8) NOT NULL,
        "period" varchar(32),
        "range_from" varchar(10),
        "range_to" varchar(10),
        "sections" jsonb NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_reports" PRIMARY KEY ("id"),
        CONSTRAINT "FK_reports_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE,
        CONSTRAINT "CHK_reports_range" CHECK (("period" IS NULL) <> ("range_from" IS NULL AND "range_to" IS NULL))
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_reports_tenant_created" ON "reports" ("tenant_id", "created_at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "reports"`);
  }
}

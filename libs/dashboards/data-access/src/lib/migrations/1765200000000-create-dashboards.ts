import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Dashboards per tenant: a name, the filters every widget is answered with (a relative period or fixed
 * local days, compare, property filters) and, for the prebuilt ones, their key — unique per tenant, so
 * replicas seeding a new tenant at once create each prebuilt dashboard only once.
 */
export class CreateDashboards1765200000000 implements MigrationInterface {
  name = 'CreateDashboards1765200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "dashboards" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "tenant_id" uuid NOT NULL,
        "name" varchar(200) NOT NULL,
        "description" text,
        "filters" jsonb NOT NULL,
        "prebuilt_key" varchar(32),
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_dashboards" PRIMARY KEY ("id"),
        CONSTRAINT "FK_dashboards_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_dashboards_tenant" ON "dashboards" ("tenant_id")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_dashboards_tenant_prebuilt" ON "dashboards" ("tenant_id", "prebuilt_key")`);
    // Which tenants were given their prebuilt dashboards: deleting one of them must not bring it back.
    await queryRunner.query(`
      CREATE TABLE "dashboard_tenants" (
        "tenant_id" uuid NOT NULL,
        "seeded_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_dashboard_tenants" PRIMARY KEY ("tenant_id"),
        CONSTRAINT "FK_dashboard_tenants_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "dashboard_tenants"`);
    await queryRunner.query(`DROP TABLE "dashboards"`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Data retention (issue 13): per-tenant windows for raw events and for each rollup granularity (null keeps
 * forever), and the history of the sweeps that enforce them (one at a time across replicas).
 */
export class AddTenantRetention1764115201500 implements MigrationInterface {
  name = 'AddTenantRetention1764115201500';

  async up(queryRunner: QueryRunner): Promise<void> {
    const days = (column: string) => `"${column}" int4 CHECK ("${column}" IS NULL OR "${column}" BETWEEN 1 AND 36500)`;
    await queryRunner.query(`
      CREATE TABLE "tenant_retention" (
        "tenant_id" uuid NOT NULL,
        ${days('raw_events_days')},
        ${days('minute_rollup_days')},
        ${days('hour_rollup_days')},
        ${days('day_rollup_days')},
        ${days('week_rollup_days')},
        ${days('month_rollup_days')},
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_tenant_retention" PRIMARY KEY ("tenant_id"),
        CONSTRAINT "FK_tenant_retention_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(`
      CREATE TABLE "retention_sweeps" (
        "id" bigserial NOT NULL,
        "started_at" timestamptz NOT NULL,
        "finished_at" timestamptz NOT NULL,
        "events_deleted" int8 NOT NULL,
        "rollups_deleted" int8 NOT NULL,
        "tenants" int4 NOT NULL,
        CONSTRAINT "PK_retention_sweeps" PRIMARY KEY ("id")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "retention_sweeps"`);
    await queryRunner.query(`DROP TABLE "tenant_retention"`);
  }
}

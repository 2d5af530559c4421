import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * GDPR erase (issue 13):
 * - `admin_audit_log`: who did what to which tenant, when, with the figures (an erase's counts);
 * - `suppressed_users`: ids erased while their tenant had `suppress_erased_users` on, whose later events the
 *   stream processor drops;
 * - `tenants.suppress_erased_users`: that setting (off: a later event of an erased id is stored as a new person).
 */
export class AddPersonErasure1764115201300 implements MigrationInterface {
  name = 'AddPersonErasure1764115201300';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "tenants" ADD "suppress_erased_users" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`
      CREATE TABLE "admin_audit_log" (
        "id" bigserial NOT NULL,
        "at" timestamptz NOT NULL DEFAULT now(),
        "actor" varchar(128) NOT NULL,
        "action" varchar(64) NOT NULL,
        "tenant_id" uuid,
        "subject" varchar(255),
        "details" jsonb NOT NULL,
        CONSTRAINT "PK_admin_audit_log" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_admin_audit_log_tenant_id" ON "admin_audit_log" ("tenant_id", "id")`);
    await queryRunner.query(`
      CREATE TABLE "suppressed_users" (
        "tenant_id" uuid NOT NULL,
        "id" varchar(255) NOT NULL,
        "suppressed_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_suppressed_users" PRIMARY KEY ("tenant_id", "id")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "suppressed_users"`);
    await queryRunner.query(`DROP TABLE "admin_audit_log"`);
    await queryRunner.query(`ALTER TABLE "tenants" DROP COLUMN "suppress_erased_users"`);
  }
}

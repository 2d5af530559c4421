import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Secret key scopes (issue 13), space-separated as in OAuth: `read`, or `read manage` for a key that may also change
 * the tenant's dashboards, reports, schedules, alert rules and segments. Keys that exist when this runs could do
 * all of that until now, so they get `read manage` (an upgrade breaks nobody); keys stored later default to `read`.
 */
export class AddSecretKeyScopes1764115201700 implements MigrationInterface {
  name = 'AddSecretKeyScopes1764115201700';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "tenant_secret_keys" ADD "scopes" varchar(64) NOT NULL DEFAULT 'read manage'`);
    await queryRunner.query(`ALTER TABLE "tenant_secret_keys" ALTER COLUMN "scopes" SET DEFAULT 'read'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "tenant_secret_keys" DROP COLUMN "scopes"`);
  }
}

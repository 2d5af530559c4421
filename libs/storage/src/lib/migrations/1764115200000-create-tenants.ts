import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateTenants1764115200000 implements MigrationInterface {
  name = 'CreateTenants1764115200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "tenants" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "slug" varchar(63) NOT NULL,
        "name" varchar(200) NOT NULL,
        "time_zone" varchar(64) NOT NULL DEFAULT 'UTC',
        "currency" char(3) NOT NULL DEFAULT 'USD',
        "write_key_hash" varchar(128) NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_tenants" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_tenants_slug" UNIQUE ("slug"),
        CONSTRAINT "UQ_tenants_write_key_hash" UNIQUE ("write_key_hash"),
        CONSTRAINT "CHK_tenants_currency" CHECK ("currency" ~ '^[A-Z]{3}$')
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "tenants"`);
  }
}

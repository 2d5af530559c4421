import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Secret keys (query API) live in their own table so a tenant can hold several at once: rotation
 * creates the new key first and revokes the old one later (now, or at a future `revoked_at`, which
 * is the grace period). Only the SHA-256 of a key is stored; the key is shown once, at creation.
 */
export class CreateTenantSecretKeys1764115200100 implements MigrationInterface {
  name = 'CreateTenantSecretKeys1764115200100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "tenant_secret_keys" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "tenant_id" uuid NOT NULL,
        "key_hash" varchar(128) NOT NULL,
        "label" varchar(100),
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "revoked_at" timestamptz,
        CONSTRAINT "PK_tenant_secret_keys" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_tenant_secret_keys_key_hash" UNIQUE ("key_hash"),
        CONSTRAINT "FK_tenant_secret_keys_tenant" FOREIGN KEY ("tenant_id")
          REFERENCES "tenants" ("id") ON DELETE CASCADE
      )`);
    // The admin API lists a tenant's keys; the key hash lookup uses the unique constraint's index.
    await queryRunner.query(
      `CREATE INDEX "IDX_tenant_secret_keys_tenant" ON "tenant_secret_keys" ("tenant_id")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "tenant_secret_keys"`);
  }
}

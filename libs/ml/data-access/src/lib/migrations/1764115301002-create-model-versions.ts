import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Trained models per tenant and kind (churn, satisfaction, intent…): each training stores a new
 * version with its held-out metrics; at most one version per (tenant, kind) is current (the partial
 * unique index), the one served.
 */
export class CreateModelVersions1764115301002 implements MigrationInterface {
  name = 'CreateModelVersions1764115301002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "model_versions" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "tenant_id" uuid NOT NULL,
        "kind" varchar(32) NOT NULL,
        "version" integer NOT NULL,
        "model" jsonb NOT NULL,
        "metrics" jsonb NOT NULL,
        "is_current" boolean NOT NULL DEFAULT false,
        "trained_at" timestamptz NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_model_versions" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_model_versions_version" UNIQUE ("tenant_id", "kind", "version"),
        CONSTRAINT "FK_model_versions_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE,
        CONSTRAINT "CHK_model_versions_kind" CHECK ("kind" ~ '^[a-z][a-z0-9_]*$'),
        CONSTRAINT "CHK_model_versions_version" CHECK ("version" >= 1)
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_model_versions_current" ON "model_versions" ("tenant_id", "kind") WHERE "is_current"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "model_versions"`);
  }
}

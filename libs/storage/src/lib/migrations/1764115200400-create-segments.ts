import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Saved segments: a named set of persons described by `definition` (analytics-core's
 * SegmentDefinition: trait filters and "did X at least N times in the last D days"), evaluated when a
 * query uses it, so membership follows the data. Names are unique within a tenant.
 */
export class CreateSegments1764115200400 implements MigrationInterface {
  name = 'CreateSegments1764115200400';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "segments" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "tenant_id" uuid NOT NULL,
        "name" varchar(200) NOT NULL,
        "description" text,
        "definition" jsonb NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_segments" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_segments_tenant_name" UNIQUE ("tenant_id", "name"),
        CONSTRAINT "FK_segments_tenant" FOREIGN KEY ("tenant_id")
          REFERENCES "tenants" ("id") ON DELETE CASCADE
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "segments"`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * No event silently lost (issue 10): a tenant's schema policy; the violations an event was stored
 * with and the values set aside because they broke a rule; the quarantine of rejected events; the
 * per-day data-quality counters; the tenant's property mappings.
 */
export class AddDataQuality1764115201000 implements MigrationInterface {
  name = 'AddDataQuality1764115201000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "tenants" ADD "schema_policy" varchar(16) NOT NULL DEFAULT 'lenient'`);
    await queryRunner.query(
      `ALTER TABLE "tenants" ADD CONSTRAINT "CHK_tenants_schema_policy" CHECK ("schema_policy" IN ('lenient', 'strict'))`,
    );
    // Nullable: adding them rewrites nothing, and clean events (nearly all) store nothing here.
    await queryRunner.query(`ALTER TABLE "events" ADD "violations" jsonb`);
    await queryRunner.query(`ALTER TABLE "events" ADD "invalid_values" jsonb`);
    // Counting the values an answer skipped reads only the few events stored with violations.
    await queryRunner.query(
      `CREATE INDEX "IDX_events_with_violations" ON "events" ("tenant_id", "type", "occurred_at") WHERE "violations" IS NOT NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE "quarantined_events" (
        "id" bigserial NOT NULL,
        "tenant_id" uuid NOT NULL,
        "received_at" timestamptz NOT NULL,
        "quarantined_at" timestamptz NOT NULL DEFAULT now(),
        "stage" varchar(16) NOT NULL,
        "source" varchar(64) NOT NULL,
        "event_id" varchar(128),
        "event_type" varchar(200),
        "reason" varchar(32) NOT NULL,
        "errors" jsonb NOT NULL,
        "payload" jsonb,
        "payload_text" text,
        "replayed_at" timestamptz,
        "replay_error" text,
        CONSTRAINT "PK_quarantined_events" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_quarantined_events_stage" CHECK ("stage" IN ('ingestion', 'processor')),
        CONSTRAINT "FK_quarantined_events_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_quarantined_events_tenant_id" ON "quarantined_events" ("tenant_id", "id")`);
    await queryRunner.query(`
      CREATE TABLE "data_quality_daily" (
        "tenant_id" uuid NOT NULL,
        "day" date NOT NULL,
        "event_type" varchar(200) NOT NULL,
        "source" varchar(64) NOT NULL,
        "outcome" varchar(32) NOT NULL,
        "field" varchar(256) NOT NULL DEFAULT '',
        "rule" varchar(64) NOT NULL DEFAULT '',
        "count" bigint NOT NULL,
        CONSTRAINT "PK_data_quality_daily" PRIMARY KEY ("tenant_id", "day", "event_type", "source", "outcome", "field", "rule"),
        CONSTRAINT "FK_data_quality_daily_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(`
      CREATE TABLE "property_mappings" (
        "tenant_id" uuid NOT NULL,
        "event_type" varchar(200) NOT NULL,
        "from_property" varchar(200) NOT NULL,
        "to_property" varchar(200) NOT NULL,
        "mode" varchar(8) NOT NULL,
        CONSTRAINT "PK_property_mappings" PRIMARY KEY ("tenant_id", "event_type", "from_property"),
        CONSTRAINT "CHK_property_mappings_mode" CHECK ("mode" IN ('rename', 'alias')),
        CONSTRAINT "FK_property_mappings_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "property_mappings"`);
    await queryRunner.query(`DROP TABLE "data_quality_daily"`);
    await queryRunner.query(`DROP TABLE "quarantined_events"`);
    await queryRunner.query(`DROP INDEX "IDX_events_with_violations"`);
    await queryRunner.query(`ALTER TABLE "events" DROP COLUMN "invalid_values"`);
    await queryRunner.query(`ALTER TABLE "events" DROP COLUMN "violations"`);
    await queryRunner.query(`ALTER TABLE "tenants" DROP CONSTRAINT "CHK_tenants_schema_policy"`);
    await queryRunner.query(`ALTER TABLE "tenants" DROP COLUMN "schema_policy"`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Raw events: one plain table, de-duplicated by its primary key (tenant_id, event_id) so
 * `INSERT ... ON CONFLICT DO NOTHING` absorbs redelivered batches. No foreign key to tenants:
 * it would cost a lookup per inserted row on the hottest write path. See the lib README for why not partitioned.
 */
export class CreateEvents1764115200001 implements MigrationInterface {
  name = 'CreateEvents1764115200001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "events" (
        "tenant_id" uuid NOT NULL,
        "event_id" varchar(128) NOT NULL,
        "type" varchar(200) NOT NULL,
        "category" varchar(64) NOT NULL,
        "occurred_at" timestamptz NOT NULL,
        "received_at" timestamptz NOT NULL,
        "user_id" varchar(255),
        "anonymous_id" varchar(255),
        "session_id" varchar(255),
        "properties" jsonb NOT NULL,
        "context" jsonb NOT NULL,
        CONSTRAINT "PK_events" PRIMARY KEY ("tenant_id", "event_id")
      )`);
    // Every analytics read is one tenant over a time range, optionally narrowed to some event types.
    await queryRunner.query(
      `CREATE INDEX "IDX_events_tenant_occurred_at" ON "events" ("tenant_id", "occurred_at")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_events_tenant_type_occurred_at" ON "events" ("tenant_id", "type", "occurred_at")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "events"`);
  }
}

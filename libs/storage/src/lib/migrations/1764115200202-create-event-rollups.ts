import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Pre-aggregated events per tenant, granularity (minute, hour, local day), bucket, event type and
 * dimension values, maintained by the stream processor from new rows only.
 * - `event_rollups.id` is a digest of the row's identity (tenant, granularity, bucket start, type,
 *   dimensions), so the processor upserts by primary key without a second unique index.
 * - `event_rollup_users` holds each rollup's distinct user keys: inserting (rollup, user) pairs with
 *   ON CONFLICT DO NOTHING RETURNING tells which users are new, which keeps `unique_users` exact.
 * - `event_rollup_metrics` summarises numeric properties (count, sum, min, max, and a log-bucket
 *   histogram merged by adding counts key by key).
 */
export class CreateEventRollups1764115200202 implements MigrationInterface {
  name = 'CreateEventRollups1764115200202';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "event_rollups" (
        "id" uuid NOT NULL,
        "tenant_id" uuid NOT NULL,
        "granularity" varchar(6) NOT NULL,
        "bucket_start" timestamptz NOT NULL,
        "bucket_label" varchar(32) NOT NULL,
        "event_type" varchar(200) NOT NULL,
        "dimension_set" varchar(200) NOT NULL,
        "dimensions" jsonb NOT NULL,
        "event_count" bigint NOT NULL,
        "unique_users" integer NOT NULL,
        "updated_at" timestamptz NOT NULL,
        CONSTRAINT "PK_event_rollups" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_event_rollups_granularity" CHECK ("granularity" IN ('minute', 'hour', 'day'))
      )`);
    // Trend queries: one tenant, one granularity, some event types, one dimension set, a time range.
    await queryRunner.query(
      `CREATE INDEX "IDX_event_rollups_query" ON "event_rollups" ("tenant_id", "granularity", "event_type", "dimension_set", "bucket_start")`,
    );
    await queryRunner.query(`
      CREATE TABLE "event_rollup_users" (
        "rollup_id" uuid NOT NULL,
        "user_key" varchar(255) NOT NULL,
        CONSTRAINT "PK_event_rollup_users" PRIMARY KEY ("rollup_id", "user_key")
      )`);
    await queryRunner.query(`
      CREATE TABLE "event_rollup_metrics" (
        "rollup_id" uuid NOT NULL,
        "metric" varchar(64) NOT NULL,
        "value_count" bigint NOT NULL,
        "value_sum" numeric NOT NULL,
        "value_min" double precision NOT NULL,
        "value_max" double precision NOT NULL,
        "histogram" jsonb NOT NULL,
        CONSTRAINT "PK_event_rollup_metrics" PRIMARY KEY ("rollup_id", "metric")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "event_rollup_metrics"`);
    await queryRunner.query(`DROP TABLE "event_rollup_users"`);
    await queryRunner.query(`DROP TABLE "event_rollups"`);
  }
}

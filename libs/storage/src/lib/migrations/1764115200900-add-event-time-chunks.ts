import type { MigrationInterface, QueryRunner } from 'typeorm';
import { eventTimesBackfillSql } from '../rollups/event-times-backfill-sql';

/**
 * `person_ids` and `event_time_chunks` (see `rollups/event-times-planning`): every event's person and
 * millisecond, packed per (tenant, type, UTC day), what funnels without property filters read instead of
 * sorting the events. Backfilled from the stored events.
 */
export class AddEventTimeChunks1764115200900 implements MigrationInterface {
  name = 'AddEventTimeChunks1764115200900';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "person_ids" (
        "tenant_id" uuid NOT NULL,
        -- The funnel's person key: an unstitched row's 'anon:' + anonymous id can pass 255 characters.
        "user_key" text NOT NULL,
        -- int4 keeps a record at 8 bytes; the serial's sequence fails loudly, never wraps, past 2^31 persons.
        "person_id" serial NOT NULL,
        CONSTRAINT "PK_person_ids" PRIMARY KEY ("tenant_id", "user_key"),
        -- Ids to keys (dropped persons), and a tenant's id band (the funnel's lookup table).
        CONSTRAINT "UQ_person_ids_tenant_person_id" UNIQUE ("tenant_id", "person_id")
      )`);
    await queryRunner.query(`
      CREATE TABLE "event_time_chunks" (
        "tenant_id" uuid NOT NULL,
        "event_type" varchar(200) NOT NULL,
        "day" date NOT NULL,
        "chunk" int4 NOT NULL,
        "data" bytea NOT NULL,
        CONSTRAINT "PK_event_time_chunks" PRIMARY KEY ("tenant_id", "event_type", "day", "chunk")
      )`);
    // Person ids and millisecond offsets do not compress: skip the attempt on every write and read.
    await queryRunner.query(`ALTER TABLE "event_time_chunks" ALTER COLUMN "data" SET STORAGE EXTERNAL`);
    for (const statement of eventTimesBackfillSql()) await queryRunner.query(statement);
    await queryRunner.query(`ANALYZE "person_ids"`);
    await queryRunner.query(`ANALYZE "event_time_chunks"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "event_time_chunks"`);
    await queryRunner.query(`DROP TABLE "person_ids"`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';
import { activeDaysBackfillSql } from '../rollups/active-days-backfill-sql';

/**
 * `person_active_days`: per person and tenant-local year, a bitmap of the local days with any event
 * (six bigint words, day-of-year index / 64 and % 64). Distinct persons active on a range of whole days
 * are one pass over one short row per person, instead of the union of the '*' rollups' user lists.
 * Backfilled from the stored events, so a deployment with history answers the same as one whose
 * processor wrote it from the start.
 */
export class AddPersonActiveDays1764115200800 implements MigrationInterface {
  name = 'AddPersonActiveDays1764115200800';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "person_active_days" (
        "tenant_id" uuid NOT NULL,
        "year" smallint NOT NULL,
        "user_key" varchar(255) NOT NULL,
        "w0" bigint NOT NULL,
        "w1" bigint NOT NULL,
        "w2" bigint NOT NULL,
        "w3" bigint NOT NULL,
        "w4" bigint NOT NULL,
        "w5" bigint NOT NULL,
        CONSTRAINT "PK_person_active_days" PRIMARY KEY ("tenant_id", "year", "user_key")
      )`);
    await queryRunner.query(activeDaysBackfillSql());
    // Statistics now, not at autovacuum's next pass: a freshly filled table looks empty to the planner,
    // which then walks the primary key row by row instead of scanning (≈ 4× slower at 200 k persons).
    await queryRunner.query(`ANALYZE "person_active_days"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "person_active_days"`);
  }
}

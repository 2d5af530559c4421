import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One person's events (journeys, profiles, segments) without scanning the tenant's whole history:
 * rows the stream processor wrote are found by user_key; rows written by other paths (no user_key) by
 * user id or, failing that, anonymous id — partial indexes, so stitched rows (nearly all) do not pay twice.
 */
export class IndexEventsByPerson1764115200500 implements MigrationInterface {
  name = 'IndexEventsByPerson1764115200500';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "IDX_events_tenant_user_key_occurred_at" ON "events" ("tenant_id", "user_key", "occurred_at")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_events_unstitched_user_id" ON "events" ("tenant_id", "user_id", "occurred_at") WHERE "user_key" IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_events_unstitched_anonymous_id" ON "events" ("tenant_id", "anonymous_id", "occurred_at") WHERE "user_key" IS NULL AND "user_id" IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_events_unstitched_anonymous_id"`);
    await queryRunner.query(`DROP INDEX "IDX_events_unstitched_user_id"`);
    await queryRunner.query(`DROP INDEX "IDX_events_tenant_user_key_occurred_at"`);
  }
}

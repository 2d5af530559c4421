import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The stream processor's per-user state, so a restart continues where it stopped:
 * - `identity_links`: "from is now known as to" (identify, alias). The primary key makes the first link
 *   of an id win, as `applyIdentityLinks` in analytics-core does.
 * - `user_sessions`: each user's most recent session windows (JSON array of
 *   `{ sessionId, startedAt, lastEventAt }`, epoch ms), read and written under a row lock per batch.
 */
export class CreateIdentityLinksAndUserSessions1764115200201 implements MigrationInterface {
  name = 'CreateIdentityLinksAndUserSessions1764115200201';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "identity_links" (
        "tenant_id" uuid NOT NULL,
        "from_id" varchar(255) NOT NULL,
        "to_id" varchar(255) NOT NULL,
        "source_event_id" varchar(128) NOT NULL,
        "linked_at" timestamptz NOT NULL,
        CONSTRAINT "PK_identity_links" PRIMARY KEY ("tenant_id", "from_id")
      )`);
    await queryRunner.query(`
      CREATE TABLE "user_sessions" (
        "tenant_id" uuid NOT NULL,
        "user_key" varchar(255) NOT NULL,
        "sessions" jsonb NOT NULL,
        "updated_at" timestamptz NOT NULL,
        CONSTRAINT "PK_user_sessions" PRIMARY KEY ("tenant_id", "user_key")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "user_sessions"`);
    await queryRunner.query(`DROP TABLE "identity_links"`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Message texts are personal data: the stream processor derives sentiment and intent from a message's `text` and
 * then drops it, unless the tenant opted in to keeping it (issue 11).
 */
export class AddTenantStoreMessageText1764115201110 implements MigrationInterface {
  name = 'AddTenantStoreMessageText1764115201110';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "tenants" ADD "store_message_text" boolean NOT NULL DEFAULT false`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "tenants" DROP COLUMN "store_message_text"`);
  }
}

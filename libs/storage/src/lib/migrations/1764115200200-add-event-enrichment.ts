import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the stream processor adds to each raw event, in columns so queries can group and filter on them
 * without parsing JSON: the canonical user key (identity stitching), the time context in the tenant's time
 * zone, and device, browser and OS from the user agent. Nullable: rows written by other paths (demo seed,
 * imports) are not enriched.
 */
export class AddEventEnrichment1764115200200 implements MigrationInterface {
  name = 'AddEventEnrichment1764115200200';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE "events"
        ADD COLUMN "user_key" varchar(255),
        ADD COLUMN "local_date" date,
        ADD COLUMN "hour_of_day" smallint,
        ADD COLUMN "day_of_week" smallint,
        ADD COLUMN "is_business_hours" boolean,
        ADD COLUMN "device_type" varchar(16),
        ADD COLUMN "browser" varchar(64),
        ADD COLUMN "os" varchar(64)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE "events"
        DROP COLUMN "os",
        DROP COLUMN "browser",
        DROP COLUMN "device_type",
        DROP COLUMN "is_business_hours",
        DROP COLUMN "day_of_week",
        DROP COLUMN "hour_of_day",
        DROP COLUMN "local_date",
        DROP COLUMN "user_key"`);
  }
}

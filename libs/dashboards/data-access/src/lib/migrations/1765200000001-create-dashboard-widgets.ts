import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A dashboard's widgets: a type, a title, the query it answers (in the insights request shapes, without
 * range), how it is drawn, where it sits on the 12-column grid, how often it refreshes and its order.
 */
export class CreateDashboardWidgets1765200000001 implements MigrationInterface {
  name = 'CreateDashboardWidgets1765200000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "dashboard_widgets" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "dashboard_id" uuid NOT NULL,
        "tenant_id" uuid NOT NULL,
        "type" varchar(32) NOT NULL,
        "title" varchar(200) NOT NULL,
        "query" jsonb,
        "options" jsonb NOT NULL,
        "grid_x" integer NOT NULL,
        "grid_y" integer NOT NULL,
        "grid_w" integer NOT NULL,
        "grid_h" integer NOT NULL,
        "refresh_seconds" integer,
        "order" integer NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_dashboard_widgets" PRIMARY KEY ("id"),
        CONSTRAINT "FK_dashboard_widgets_dashboard" FOREIGN KEY ("dashboard_id") REFERENCES "dashboards" ("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_dashboard_widgets_dashboard_order" ON "dashboard_widgets" ("dashboard_id", "order")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "dashboard_widgets"`);
  }
}

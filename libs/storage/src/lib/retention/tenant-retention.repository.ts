import type { RetentionPolicy } from '@pulse/analytics-core';
import type { SqlExecutor } from '../repositories/sql-executor';

/** A tenant's retention windows (`tenant_retention`); a tenant without a row keeps everything. */
export class TenantRetentionRepository {
  constructor(private readonly sql: SqlExecutor) {}

  async find(tenantId: string): Promise<RetentionPolicy | null> {
    const rows: RetentionRow[] = await this.sql.query(`SELECT * FROM "tenant_retention" WHERE "tenant_id" = $1`, [tenantId]);
    return rows.length > 0 ? policyOf(rows[0]) : null;
  }

  /** Every tenant with at least one window: what a sweep enforces. */
  async listWithWindows(): Promise<Array<{ tenantId: string; policy: RetentionPolicy }>> {
    const rows: RetentionRow[] = await this.sql.query(
      `SELECT * FROM "tenant_retention"
        WHERE num_nonnulls("raw_events_days", "minute_rollup_days", "hour_rollup_days", "day_rollup_days", "week_rollup_days", "month_rollup_days") > 0
        ORDER BY "tenant_id"`,
    );
    return rows.map((row) => ({ tenantId: row.tenant_id, policy: policyOf(row) }));
  }

  /** Replaces the tenant's windows; false when there is no such tenant. */
  async replace(tenantId: string, policy: RetentionPolicy): Promise<boolean> {
    const rows = await this.sql.query(
      `INSERT INTO "tenant_retention" ("tenant_id", "raw_events_days", "minute_rollup_days", "hour_rollup_days", "day_rollup_days",
                                       "week_rollup_days", "month_rollup_days", "updated_at")
       SELECT t."id", $2, $3, $4, $5, $6, $7, now() FROM "tenants" t WHERE t."id" = $1
       ON CONFLICT ("tenant_id") DO UPDATE SET
         "raw_events_days" = excluded."raw_events_days", "minute_rollup_days" = excluded."minute_rollup_days",
         "hour_rollup_days" = excluded."hour_rollup_days", "day_rollup_days" = excluded."day_rollup_days",
         "week_rollup_days" = excluded."week_rollup_days", "month_rollup_days" = excluded."month_rollup_days", "updated_at" = now()
       RETURNING "tenant_id"`,
      [
        tenantId,
        policy.rawEventsDays,
        policy.rollupDays.minute,
        policy.rollupDays.hour,
        policy.rollupDays.day,
        policy.rollupDays.week,
        policy.rollupDays.month,
      ],
    );
    return (rows as unknown[]).length > 0;
  }
}

interface RetentionRow {
  tenant_id: string;
  raw_events_days: number | null;
  minute_rollup_days: number | null;
  hour_rollup_days: number | null;
  day_rollup_days: number | null;
  week_rollup_days: number | null;
  month_rollup_days: number | null;
}

function policyOf(row: RetentionRow): RetentionPolicy {
  return {
    rawEventsDays: row.raw_events_days,
    rollupDays: {
      minute: row.minute_rollup_days,
      hour: row.hour_rollup_days,
      day: row.day_rollup_days,
      week: row.week_rollup_days,
      month: row.month_rollup_days,
    },
  };
}

import type { LateArrivalCounts } from '@pulse/analytics-core';
import type { SqlExecutor } from '../repositories/sql-executor';
import type { ActivityPeriods } from '../analytics/behaviour/user-activity.query';

/** Stored events by the period they occurred in, and of them those received `lateAfterMinutes` or more later. */
export class LateArrivalsQuery {
  constructor(private readonly sql: SqlExecutor) {}

  async count(
    tenantId: string,
    periods: ActivityPeriods,
    lateAfterMinutes: number,
  ): Promise<{ current: LateArrivalCounts; previous: LateArrivalCounts }> {
    const rows: Array<{ period: number; events: string; late: string }> = await this.sql.query(
      `SELECT width_bucket(e."occurred_at", $2::timestamptz[]) AS "period", count(*) AS "events",
              count(*) FILTER (WHERE e."received_at" >= e."occurred_at" + make_interval(mins => $5::int)) AS "late"
         FROM "events" e
        WHERE e."tenant_id" = $1::uuid AND e."occurred_at" >= $3::timestamptz AND e."occurred_at" < $4::timestamptz
        GROUP BY 1`,
      [
        tenantId,
        [periods.previousStart, periods.currentStart, periods.end].map((boundary) => boundary.toISOString()),
        periods.previousStart.toISOString(),
        periods.end.toISOString(),
        lateAfterMinutes,
      ],
    );
    const of = (period: number): LateArrivalCounts => {
      const row = rows.find((candidate) => Number(candidate.period) === period);
      return { events: Number(row?.events ?? 0), late: Number(row?.late ?? 0) };
    };
    return { previous: of(1), current: of(2) };
  }
}

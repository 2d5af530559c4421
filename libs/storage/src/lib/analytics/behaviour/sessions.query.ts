import { sessionSummaryFromTotals, type SessionSummary } from '@pulse/analytics-core';
import type { SqlExecutor } from '../../repositories/sql-executor';
import { PERSON_KEY_SQL } from './event-match-sql';

/** Session count, mean duration and bounce rate in a range, as analytics-core's `summarizeSessions`. */
export class SessionsQuery {
  constructor(private readonly sql: SqlExecutor) {}

  async summary(tenantId: string, range: { from: Date; to: Date }): Promise<SessionSummary> {
    const [row]: Array<{ sessions: string; total_seconds: number | null; bounces: string }> = await this.sql.query(
      `SELECT count(*) AS "sessions", sum("seconds") AS "total_seconds", count(*) FILTER (WHERE "events" = 1) AS "bounces" FROM (
          SELECT extract(epoch FROM max(e."occurred_at") - min(e."occurred_at"))::float8 AS "seconds", count(*) AS "events"
            FROM "events" e
           WHERE e."tenant_id" = $1::uuid AND e."occurred_at" >= $2::timestamptz AND e."occurred_at" < $3::timestamptz
             AND e."session_id" IS NOT NULL AND ${PERSON_KEY_SQL} IS NOT NULL
           GROUP BY ${PERSON_KEY_SQL}, e."session_id"
        ) AS "sessions"`,
      [tenantId, range.from.toISOString(), range.to.toISOString()],
    );
    return sessionSummaryFromTotals(Number(row.sessions), row.total_seconds ?? 0, Number(row.bounces));
  }
}

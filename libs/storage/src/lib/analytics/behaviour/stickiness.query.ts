import type { EventMatcher, StickinessCount } from '@pulse/analytics-core';
import type { SqlExecutor } from '../../repositories/sql-executor';
import { PERSON_KEY_SQL, eventMatcherSql } from './event-match-sql';
import { SqlParameters } from './sql-parameters';

export interface StickinessQueryInput {
  /** 7 × weeks + 1 local midnights (analytics-core `stickinessDayBoundaries`), computed in the tenant's time zone. */
  boundaries: readonly Date[];
  /** Only these events make a day active; any event when absent. */
  event?: EventMatcher;
}

/**
 * Persons per (week, number of distinct active days), with the meaning of analytics-core's
 * `stickinessCounts`. Days are found with `width_bucket` over boundaries cut in the process, as the
 * retention query does, so both paths agree on DST days.
 */
export class StickinessQuery {
  constructor(private readonly sql: SqlExecutor) {}

  async counts(tenantId: string, input: StickinessQueryInput): Promise<StickinessCount[]> {
    const parameters = new SqlParameters();
    const tenant = parameters.add(tenantId);
    const boundaries = parameters.add(input.boundaries.map((boundary) => boundary.toISOString()));
    const start = parameters.add(input.boundaries[0].toISOString());
    const end = parameters.add(input.boundaries[input.boundaries.length - 1].toISOString());
    const match = input.event ? `AND ${eventMatcherSql(input.event, parameters)}` : '';
    const rows: Array<{ week: number; active_days: number; users: string }> = await this.sql.query(
      `SELECT "week", "active_days", count(*) AS "users" FROM (
          SELECT "person", ("day" - 1) / 7 AS "week", count(*)::int AS "active_days" FROM (
            SELECT DISTINCT ${PERSON_KEY_SQL} AS "person", width_bucket(e."occurred_at", ${boundaries}::timestamptz[]) AS "day"
              FROM "events" e
             WHERE e."tenant_id" = ${tenant}::uuid AND e."occurred_at" >= ${start}::timestamptz AND e."occurred_at" < ${end}::timestamptz
               AND ${PERSON_KEY_SQL} IS NOT NULL ${match}
          ) AS "active"
          GROUP BY "person", 2
        ) AS "weekly"
        GROUP BY "week", "active_days"`,
      parameters.values,
    );
    return rows.map((row) => ({ week: Number(row.week), activeDays: Number(row.active_days), users: Number(row.users) }));
  }
}

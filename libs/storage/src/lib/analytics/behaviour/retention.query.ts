import type { RetentionCount, RetentionDefinition } from '@pulse/analytics-core';
import type { SqlExecutor } from '../../repositories/sql-executor';
import { PERSON_KEY_SQL, eventMatcherSql } from './event-match-sql';
import type { PersonCondition } from './person-condition';
import { SqlParameters } from './sql-parameters';

export interface RetentionQueryInput {
  definition: RetentionDefinition;
  /** N + 1 period boundaries (analytics-core `retentionPeriodBoundaries`), computed in the tenant's time zone. */
  boundaries: readonly Date[];
  persons?: PersonCondition;
}

/**
 * Cohort counts with the meaning of analytics-core's `retentionCounts`. Periods are found with
 * `width_bucket` over boundaries computed in the process, so the database needs no time-zone data and
 * the two paths cut days identically. The cohort needs each person's first matching event ever (before
 * the last boundary), so that part reads the tenant's history; returns read only the N periods.
 */
export class RetentionQuery {
  constructor(private readonly sql: SqlExecutor) {}

  async counts(tenantId: string, input: RetentionQueryInput): Promise<RetentionCount[]> {
    const parameters = new SqlParameters();
    const tenant = parameters.add(tenantId);
    const boundaries = parameters.add(input.boundaries.map((boundary) => boundary.toISOString()));
    const start = parameters.add(input.boundaries[0].toISOString());
    const end = parameters.add(input.boundaries[input.boundaries.length - 1].toISOString());
    const periods = parameters.add(input.boundaries.length - 1);
    const { cohortEvent, returnEvent } = input.definition;
    const cohortMatch = cohortEvent ? `AND ${eventMatcherSql(cohortEvent, parameters)}` : '';
    const returnMatch = returnEvent ? `AND ${eventMatcherSql(returnEvent, parameters)}` : '';
    const personCondition = input.persons ? `AND ${PERSON_KEY_SQL} IN (${input.persons.sql(tenant, parameters)})` : '';
    const rows: Array<{ cohort: number; offset: number; users: string }> = await this.sql.query(
      `WITH "members" AS MATERIALIZED (
          SELECT "person", "cohort" FROM (
            SELECT ${PERSON_KEY_SQL} AS "person", width_bucket(min(e."occurred_at"), ${boundaries}::timestamptz[]) AS "cohort"
              FROM "events" e
             WHERE e."tenant_id" = ${tenant}::uuid AND e."occurred_at" < ${end}::timestamptz AND ${PERSON_KEY_SQL} IS NOT NULL
                   ${cohortMatch} ${personCondition}
             GROUP BY 1
          ) AS "first_seen"
          WHERE "cohort" BETWEEN 1 AND ${periods}::int
        ), "returns" AS (
          SELECT DISTINCT ${PERSON_KEY_SQL} AS "person", width_bucket(e."occurred_at", ${boundaries}::timestamptz[]) AS "bucket"
            FROM "events" e
           WHERE e."tenant_id" = ${tenant}::uuid AND e."occurred_at" >= ${start}::timestamptz AND e."occurred_at" < ${end}::timestamptz
                 ${returnMatch}
        )
        SELECT "cohort" - 1 AS "cohort", 0 AS "offset", count(*) AS "users" FROM "members" GROUP BY "cohort"
        UNION ALL
        SELECT m."cohort" - 1, r."bucket" - m."cohort", count(*)
          FROM "members" m JOIN "returns" r ON r."person" = m."person" AND r."bucket" > m."cohort"
         GROUP BY m."cohort", r."bucket"`,
      parameters.values,
    );
    return rows.map((row) => ({ cohort: Number(row.cohort), offset: Number(row.offset), users: Number(row.users) }));
  }
}

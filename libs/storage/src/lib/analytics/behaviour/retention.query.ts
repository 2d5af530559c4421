import type { RetentionCount, RetentionDefinition } from '@pulse/analytics-core';
import type { SqlExecutor } from '../../repositories/sql-executor';
import { PERSON_KEY_SQL, eventMatcherSql } from './event-match-sql';
import type { PersonCondition } from './person-condition';
import { firstSeenRetentionSql, readsFirstSeen } from './retention-first-seen.sql';
import { SqlParameters } from './sql-parameters';

export interface RetentionQueryInput {
  definition: RetentionDefinition;
  /** N + 1 period boundaries (analytics-core `retentionPeriodBoundaries`), computed in the tenant's time zone. */
  boundaries: readonly Date[];
  persons?: PersonCondition;
  /**
   * The tenant's time zone (the one its rollups are cut in). When given and every boundary is one of its
   * local midnights, retention without property filters reads first-seen rows and rollup user lists instead of
   * the events. Pass it only when it is the tenant's zone.
   */
  tenantTimeZone?: string;
}

/**
 * Cohort counts with the meaning of analytics-core's `retentionCounts`. Periods are found with
 * `width_bucket` over boundaries computed in the process, so the database needs no time-zone data and
 * the two paths cut days identically. Two paths, same answers:
 * - from first seen (unfiltered matchers, boundaries on the tenant's midnights): cohorts are a range of
 *   `person_first_seen`, returns the user lists of the day rollups of the return type (or '*');
 * - from events (anything else): the cohort needs each person's first matching event ever (before the
 *   last boundary), so that part reads the tenant's history; returns read only the N periods.
 */
export class RetentionQuery {
  constructor(private readonly sql: SqlExecutor) {}

  counts(tenantId: string, input: RetentionQueryInput): Promise<RetentionCount[]> {
    return readsFirstSeen(input) ? this.countsFromFirstSeen(tenantId, input) : this.countsFromEvents(tenantId, input);
  }

  /** The path for unfiltered matchers; the caller checks `readsFirstSeen` (tests call it directly). */
  countsFromFirstSeen(tenantId: string, input: RetentionQueryInput): Promise<RetentionCount[]> {
    const parameters = new SqlParameters();
    const placeholders = this.placeholders(tenantId, input, parameters);
    return this.run(firstSeenRetentionSql(input, placeholders, parameters), parameters);
  }

  /** The path for any definition, reading the events. */
  countsFromEvents(tenantId: string, input: RetentionQueryInput): Promise<RetentionCount[]> {
    const parameters = new SqlParameters();
    const { tenant, boundaries, start, end } = this.placeholders(tenantId, input, parameters);
    const periods = parameters.add(input.boundaries.length - 1);
    const { cohortEvent, returnEvent } = input.definition;
    const cohortMatch = cohortEvent ? `AND ${eventMatcherSql(cohortEvent, parameters)}` : '';
    const returnMatch = returnEvent ? `AND ${eventMatcherSql(returnEvent, parameters)}` : '';
    const personCondition = input.persons ? `AND ${PERSON_KEY_SQL} IN (${input.persons.sql(tenant, parameters)})` : '';
    const membersAndReturns = `"first_matches" AS (
          SELECT ${PERSON_KEY_SQL} AS "person", width_bucket(min(e."occurred_at"), ${boundaries}::timestamptz[]) AS "cohort"
            FROM "events" e
           WHERE e."tenant_id" = ${tenant}::uuid AND e."occurred_at" < ${end}::timestamptz AND ${PERSON_KEY_SQL} IS NOT NULL
                 ${cohortMatch} ${personCondition}
           GROUP BY 1
        ), "members" AS MATERIALIZED (
          SELECT "person", "cohort" FROM "first_matches" WHERE "cohort" BETWEEN 1 AND ${periods}::int
        ), "returns" AS (
          SELECT DISTINCT ${PERSON_KEY_SQL} AS "person", width_bucket(e."occurred_at", ${boundaries}::timestamptz[]) AS "bucket"
            FROM "events" e
           WHERE e."tenant_id" = ${tenant}::uuid AND e."occurred_at" >= ${start}::timestamptz AND e."occurred_at" < ${end}::timestamptz
                 ${returnMatch}
        )`;
    return this.run(membersAndReturns, parameters);
  }

  private placeholders(tenantId: string, input: RetentionQueryInput, parameters: SqlParameters): RetentionPlaceholders {
    return {
      tenant: parameters.add(tenantId),
      boundaries: parameters.add(input.boundaries.map((boundary) => boundary.toISOString())),
      start: parameters.add(input.boundaries[0].toISOString()),
      end: parameters.add(input.boundaries[input.boundaries.length - 1].toISOString()),
    };
  }

  /** `membersAndReturns` defines "members" (person, cohort 1..N) and "returns" (person, bucket 1..N). */
  private async run(membersAndReturns: string, parameters: SqlParameters): Promise<RetentionCount[]> {
    const rows: Array<{ cohort: number; offset: number; users: string }> = await this.sql.query(
      `WITH ${membersAndReturns}
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

/** Bound parameters both paths use. */
export interface RetentionPlaceholders {
  tenant: string;
  boundaries: string;
  start: string;
  end: string;
}

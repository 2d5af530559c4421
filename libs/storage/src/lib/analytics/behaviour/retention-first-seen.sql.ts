import { ALL_EVENT_TYPES, bucketStart, type EventMatcher, type RollupGranularity } from '@pulse/analytics-core';
import type { RetentionPlaceholders, RetentionQueryInput } from './retention.query';
import type { SqlParameters } from './sql-parameters';

/**
 * Retention from what the stream processor maintains instead of the events: cohorts from
 * `person_first_seen` (first event of the cohort type, or '*'), returns from the user lists of the
 * tenant-local rollups of the return type (or '*', see `returnsGranularity`). Exact only when the matchers have no property
 * filters (the narrow tables keep none) and every boundary is a local midnight of the zone the rollups
 * are cut in (a day rollup then lies in exactly one period).
 */
export function readsFirstSeen(input: RetentionQueryInput): boolean {
  const { cohortEvent, returnEvent } = input.definition;
  if (!unfiltered(cohortEvent) || !unfiltered(returnEvent)) return false;
  const timeZone = input.tenantTimeZone;
  if (timeZone === undefined) return false;
  return input.boundaries.every((boundary) => bucketStart(boundary, 'day', timeZone).start.getTime() === boundary.getTime());
}

/** The "members" and "returns" CTEs (see RetentionQuery) read from first-seen rows and day rollups. */
export function firstSeenRetentionSql(input: RetentionQueryInput, placeholders: RetentionPlaceholders, parameters: SqlParameters): string {
  const { tenant, boundaries, start, end } = placeholders;
  const cohortType = parameters.add(input.definition.cohortEvent?.eventType ?? ALL_EVENT_TYPES);
  const returnType = parameters.add(input.definition.returnEvent?.eventType ?? ALL_EVENT_TYPES);
  const granularity = returnsGranularity(input);
  // One rollup per period: its list already holds each person once, so no DISTINCT (and no sort of the pairs).
  const distinct = granularity.onePerPeriod ? '' : 'DISTINCT';
  // Processor rows always carry user_key, so first-seen keys are the persons the events path computes.
  const personCondition = input.persons ? `AND f."user_key" IN (${input.persons.sql(tenant, parameters)})` : '';
  return `"members" AS MATERIALIZED (
          SELECT f."user_key" AS "person", width_bucket(f."first_at", ${boundaries}::timestamptz[]) AS "cohort"
            FROM "person_first_seen" f
           WHERE f."tenant_id" = ${tenant}::uuid AND f."event_type" = ${cohortType}::text
             AND f."first_at" >= ${start}::timestamptz AND f."first_at" < ${end}::timestamptz
                 ${personCondition}
        ), "returns" AS (
          SELECT ${distinct} u."user_key" AS "person", width_bucket(r."bucket_start", ${boundaries}::timestamptz[]) AS "bucket"
            FROM "event_rollups" r
            JOIN "event_rollup_users" u ON u."rollup_id" = r."id"
           WHERE r."tenant_id" = ${tenant}::uuid AND r."granularity" = ${parameters.add(granularity.granularity)}::text AND r."event_type" = ${returnType}::text
             AND r."dimension_set" = '' AND r."bucket_start" >= ${start}::timestamptz AND r."bucket_start" < ${end}::timestamptz
        )`;
}

/**
 * The coarsest rollups whose buckets each lie inside one period: '*' rows exist per week and month too, so a
 * weekly matrix reads one list per week instead of seven day lists (fewer pairs, none repeated); per-type
 * rows exist down to days only.
 */
export function returnsGranularity(input: RetentionQueryInput): { granularity: RollupGranularity; onePerPeriod: boolean } {
  const timeZone = input.tenantTimeZone;
  const candidates: RollupGranularity[] = input.definition.returnEvent === undefined ? ['month', 'week', 'day'] : ['day'];
  for (const granularity of candidates) {
    const buckets = input.boundaries.slice(0, -1).map((boundary) => (timeZone === undefined ? undefined : bucketStart(boundary, granularity, timeZone)));
    if (!buckets.every((bucket, index) => bucket !== undefined && bucket.start.getTime() === input.boundaries[index].getTime())) continue;
    const onePerPeriod = buckets.every((bucket, index) => bucket!.end.getTime() === input.boundaries[index + 1].getTime());
    // A coarser bucket that starts on a boundary but runs past the next one would straddle two periods.
    const contained = buckets.every((bucket, index) => bucket!.end.getTime() <= input.boundaries[index + 1].getTime());
    if (contained) return { granularity, onePerPeriod };
  }
  return { granularity: 'day', onePerPeriod: false };
}

function unfiltered(matcher: EventMatcher | undefined): boolean {
  return matcher === undefined || (matcher.filters ?? []).length === 0;
}

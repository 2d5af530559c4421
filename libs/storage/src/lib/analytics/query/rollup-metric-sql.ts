import {
  ALL_EVENT_TYPES,
  metricEventTypes,
  topLevelPropertyName,
  type MetricQuery,
  type QueryFieldReference,
  type QueryFilterOperator,
  type QueryPeriod,
  type QueryValue,
  type RollupPlan,
} from '@pulse/analytics-core';
import { dimensionSetOf } from '../../repositories/event-rollup.repository';
import { groupColumns, groupingSets, MAX_RESULT_ROWS } from './metric-result-rows';
import type { MetricQueryTenant, MetricStatement } from './raw-metric-sql';
import { SqlParameters } from './sql-parameters';

/**
 * The rollup path: rollup rows of one granularity and dimension set, each placed into the query bucket
 * that contains it (`width_bucket` over the same bucket starts as the raw path). Counts add up; unique
 * users count the distinct user keys of all the rows of a bucket (event_rollup_users), so a week built
 * from seven days counts a user once; sums, counts, minimums and maximums combine the rows' summaries.
 */
export function buildRollupMetricStatement(
  tenant: MetricQueryTenant,
  query: MetricQuery,
  plan: RollupPlan,
  period: QueryPeriod,
): MetricStatement {
  const parameters = new SqlParameters();
  const dimensionSet = `r."dimension_set" = ${parameters.bind(dimensionSetOf(plan.dimensionSet), 'varchar')}`;
  const conditions = rollupConditions(tenant, query, plan, dimensionSet, period, parameters);
  for (const filter of query.filters) {
    conditions.push(rollupFilterCondition(rollupText(filter.field, plan, parameters), filter.operator, filter.values, parameters));
  }
  const groups = query.groupBy.map((reference, index) => `${rollupText(reference, plan, parameters)} AS "g${index}"`);
  const bucket = `width_bucket(r."bucket_start", ${parameters.bind(period.buckets.map((entry) => entry.start.toISOString()), 'timestamptz[]')}) AS "bucket"`;
  const metric = rollupAggregate(query, parameters);

  const sql = `SELECT ${[...groupColumns(query.groupBy.length), '"bucket"'].join(', ')}, GROUPING("bucket") AS "is_total", ${metric.select}
  FROM (
    SELECT ${[...groups, bucket, 'r."id"', 'r."event_type"', 'r."event_count"'].join(', ')}
      FROM "event_rollups" r
     WHERE ${conditions.join('\n       AND ')}
  ) s
  ${metric.join ?? ''}
 GROUP BY ${groupingSets(query.groupBy.length)}
 LIMIT ${MAX_RESULT_ROWS + 1}`;
  return { sql, parameters: parameters.values };
}

/**
 * Events counted by the plan's dimension set and by the set without dimensions, over the same rows
 * the query reads. A set exists only for the event categories that roll it up: when the two counts
 * differ, some events are missing from the set and the raw path must answer.
 */
export function buildRollupCoverageStatement(
  tenant: MetricQueryTenant,
  query: MetricQuery,
  plan: RollupPlan,
  period: { from: Date; to: Date },
): MetricStatement {
  const parameters = new SqlParameters();
  const bothSets = `r."dimension_set" IN ('', ${parameters.bind(dimensionSetOf(plan.dimensionSet), 'varchar')})`;
  const conditions = rollupConditions(tenant, query, plan, bothSets, period, parameters);
  for (const filter of query.filters.filter((entry) => isEventType(entry.field))) {
    conditions.push(rollupFilterCondition('r."event_type"', filter.operator, filter.values, parameters));
  }
  const sql = `SELECT (r."dimension_set" = '') AS "is_total_set", coalesce(sum(r."event_count"), 0)::text AS "events"
    FROM "event_rollups" r
   WHERE ${conditions.join('\n     AND ')}
   GROUP BY 1`;
  return { sql, parameters: parameters.values };
}

/** Tenant, granularity, the given dimension-set condition, bucket range and event types. */
function rollupConditions(
  tenant: MetricQueryTenant,
  query: MetricQuery,
  plan: RollupPlan,
  dimensionSetCondition: string,
  period: { from: Date; to: Date },
  parameters: SqlParameters,
): string[] {
  const conditions = [
    `r."tenant_id" = ${parameters.bind(tenant.id, 'uuid')}`,
    `r."granularity" = ${parameters.bind(plan.granularity, 'varchar')}`,
    dimensionSetCondition,
    `r."bucket_start" >= ${parameters.bind(period.from.toISOString(), 'timestamptz')}`,
    `r."bucket_start" < ${parameters.bind(period.to.toISOString(), 'timestamptz')}`,
  ];
  const eventTypes = metricEventTypes(query.metric);
  if (eventTypes.length > 0) conditions.push(`r."event_type" = ANY(${parameters.bind(eventTypes, 'text[]')})`);
  // The all-types rows ('*') repeat every event of their bucket: per-type sums must never meet them.
  else conditions.push(`r."event_type" <> ${parameters.bind(ALL_EVENT_TYPES, 'varchar')}`);
  return conditions;
}

/** The event type column, or a dimension's stored text (NULL when the event had no such value). */
function rollupText(reference: QueryFieldReference, plan: RollupPlan, parameters: SqlParameters): string {
  if (isEventType(reference)) return 'r."event_type"';
  const dimension = plan.dimensionOf[reference.key];
  if (dimension === undefined) throw new RangeError(`${reference.key} is not in the planned rollup set`);
  return `(r."dimensions" ->> ${parameters.bind(dimension, 'text')})`;
}

function isEventType(reference: QueryFieldReference): boolean {
  return reference.kind === 'field' && reference.name === 'type';
}

/** Text comparisons only (the planner sends every other filter to the raw path); same NULL handling as raw. */
function rollupFilterCondition(text: string, operator: QueryFilterOperator, values: readonly QueryValue[], parameters: SqlParameters): string {
  switch (operator) {
    case 'equals':
      return `${text} = ${parameters.bind(String(values[0]), 'text')}`;
    case 'not_equals':
      return `(${text} = ${parameters.bind(String(values[0]), 'text')}) IS NOT TRUE`;
    case 'in':
      return `${text} = ANY(${parameters.bind(values.map(String), 'text[]')})`;
    case 'not_in':
      return `(${text} = ANY(${parameters.bind(values.map(String), 'text[]')})) IS NOT TRUE`;
    default:
      throw new RangeError(`Operator ${operator} is not answered from rollups`);
  }
}

function rollupAggregate(query: MetricQuery, parameters: SqlParameters): { join?: string; select: string } {
  const metric = query.metric;
  const users = `JOIN "event_rollup_users" u ON u."rollup_id" = s."id"`;
  switch (metric.type) {
    case 'event_count':
      return { select: `sum(s."event_count")::text AS "a"` };
    case 'unique_users':
      return { join: users, select: `count(DISTINCT u."user_key")::text AS "a"` };
    case 'conversion': {
      const to = parameters.bind(metric.toEvent, 'text');
      const from = parameters.bind(metric.fromEvent, 'text');
      return {
        join: users,
        select: `(count(DISTINCT u."user_key") FILTER (WHERE s."event_type" = ${to}))::text AS "a", (count(DISTINCT u."user_key") FILTER (WHERE s."event_type" = ${from}))::text AS "b"`,
      };
    }
    case 'aggregate': {
      const property = topLevelPropertyName(metric.field);
      if (property === undefined) throw new RangeError(`${metric.field.key} is not summarised in rollups`);
      const join = `JOIN "event_rollup_metrics" m ON m."rollup_id" = s."id" AND m."metric" = ${parameters.bind(property, 'varchar')}`;
      const selects: Partial<Record<string, string>> = {
        sum: `sum(m."value_sum")::text AS "a"`,
        avg: `sum(m."value_sum")::text AS "a", sum(m."value_count")::text AS "b"`,
        min: `min(m."value_min")::text AS "a"`,
        max: `max(m."value_max")::text AS "a"`,
        count: `sum(m."value_count")::text AS "a"`,
      };
      const select = selects[metric.aggregation];
      if (select === undefined) throw new RangeError(`${metric.aggregation} is not answered from rollups`);
      return { join, select };
    }
  }
}

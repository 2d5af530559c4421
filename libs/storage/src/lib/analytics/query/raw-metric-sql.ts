import {
  CURRENCY_SCOPED_PROPERTIES,
  QUERY_PERCENTILES,
  metricEventTypes,
  topLevelPropertyName,
  type MetricQuery,
  type QueryFieldReference,
  type QueryPeriod,
} from '@pulse/analytics-core';
import { eventFilterCondition, referenceNumber, referenceText } from './event-field-sql';
import { groupColumns, groupingSets, MAX_RESULT_ROWS } from './metric-result-rows';
import { SqlParameters } from './sql-parameters';

export interface MetricStatement {
  sql: string;
  parameters: unknown[];
}

export interface MetricQueryTenant {
  id: string;
  /** Money properties count only in this currency, as the rollups do. */
  currency: string;
}

/**
 * The raw path: one scan of the tenant's events in the period. Each event lands in the query bucket
 * whose boundaries (computed by the analytics core's calendar, DST-correct) surround it, found by
 * `width_bucket` over the bucket starts, exactly as rollup rows are placed on the rollup path.
 */
export function buildRawMetricStatement(tenant: MetricQueryTenant, query: MetricQuery, period: QueryPeriod): MetricStatement {
  const parameters = new SqlParameters();
  const conditions = [
    `e."tenant_id" = ${parameters.bind(tenant.id, 'uuid')}`,
    `e."occurred_at" >= ${parameters.bind(period.from.toISOString(), 'timestamptz')}`,
    `e."occurred_at" < ${parameters.bind(period.to.toISOString(), 'timestamptz')}`,
  ];
  const eventTypes = metricEventTypes(query.metric);
  if (eventTypes.length > 0) conditions.push(`e."type" = ANY(${parameters.bind(eventTypes, 'text[]')})`);
  for (const filter of query.filters) conditions.push(eventFilterCondition(filter.field, filter.operator, filter.values, parameters));

  const groups = query.groupBy.map((reference, index) => `${referenceText(reference, parameters)} AS "g${index}"`);
  const bucket = `width_bucket(e."occurred_at", ${parameters.bind(period.buckets.map((entry) => entry.start.toISOString()), 'timestamptz[]')}) AS "bucket"`;
  const metric = rawAggregate(query, tenant, parameters);

  const sql = `SELECT ${[...groupColumns(query.groupBy.length), '"bucket"'].join(', ')}, GROUPING("bucket") AS "is_total", ${metric.select}
  FROM (
    SELECT ${[...groups, bucket, `e."user_key"`, `e."type"`, `${metric.value} AS "v"`].join(', ')}
      FROM "events" e
     WHERE ${conditions.join('\n       AND ')}
  ) s
 ${metric.where ? `WHERE ${metric.where}` : ''}
 GROUP BY ${groupingSets(query.groupBy.length)}
 LIMIT ${MAX_RESULT_ROWS + 1}`;
  return { sql, parameters: parameters.values };
}

interface RawAggregate {
  /** Per-event value the aggregate reads ("v"). */
  value: string;
  /** Keeps only rows that count (events with a value, with a user). */
  where?: string;
  /** `… AS "a"[, … AS "b"]`. */
  select: string;
}

function rawAggregate(query: MetricQuery, tenant: MetricQueryTenant, parameters: SqlParameters): RawAggregate {
  const metric = query.metric;
  switch (metric.type) {
    case 'event_count':
      return { value: 'NULL', select: `count(*)::text AS "a"` };
    case 'unique_users':
      // Machine events have no user: leaving them out keeps buckets and groups equal to the rollup path's.
      return { value: 'NULL', where: `s."user_key" IS NOT NULL`, select: `count(DISTINCT s."user_key")::text AS "a"` };
    case 'conversion': {
      const to = parameters.bind(metric.toEvent, 'text');
      const from = parameters.bind(metric.fromEvent, 'text');
      return {
        value: 'NULL',
        where: `s."user_key" IS NOT NULL`,
        select: `(count(DISTINCT s."user_key") FILTER (WHERE s."type" = ${to}))::text AS "a", (count(DISTINCT s."user_key") FILTER (WHERE s."type" = ${from}))::text AS "b"`,
      };
    }
    case 'aggregate': {
      if (metric.aggregation === 'count_distinct') {
        return { value: referenceText(metric.field, parameters), where: `s."v" IS NOT NULL`, select: `count(DISTINCT s."v")::text AS "a"` };
      }
      const value = numericValue(metric.field, tenant, parameters);
      const where = `s."v" IS NOT NULL`;
      const percentile = QUERY_PERCENTILES[metric.aggregation];
      if (percentile !== undefined) {
        return { value, where, select: `(percentile_cont(${percentile}) WITHIN GROUP (ORDER BY s."v"::float8))::text AS "a"` };
      }
      const selects: Record<string, string> = {
        sum: `sum(s."v")::text AS "a"`,
        avg: `sum(s."v")::text AS "a", count(s."v")::text AS "b"`,
        min: `min(s."v")::text AS "a"`,
        max: `max(s."v")::text AS "a"`,
        count: `count(s."v")::text AS "a"`,
      };
      return { value, where, select: selects[metric.aggregation] };
    }
  }
}

/**
 * A top-level money property counts only in the tenant's currency (or without one): the rollups keep
 * other currencies apart. Nested values (`properties.order.total`) are taken as they are.
 */
function numericValue(reference: QueryFieldReference, tenant: MetricQueryTenant, parameters: SqlParameters): string {
  const number = referenceNumber(reference, parameters);
  const property = topLevelPropertyName(reference);
  if (property === undefined || !CURRENCY_SCOPED_PROPERTIES.includes(property)) return number;
  const otherCurrency = `(jsonb_typeof(e."properties" -> 'currency') = 'string' AND e."properties" ->> 'currency' <> ${parameters.bind(tenant.currency, 'text')})`;
  return `(CASE WHEN ${otherCurrency} THEN NULL ELSE ${number} END)`;
}


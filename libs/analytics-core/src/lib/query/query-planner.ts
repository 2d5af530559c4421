import type { RollupGranularity } from '../rollup-buckets';
import type { QueryFieldReference, MetricFilter, MetricQuery, QueryGranularity } from './metric-query';
import { allTypesRollupReads } from './all-types-rollup-tiling';
import { parseQueryFieldReference, queryFieldIdentity, topLevelPropertyName } from './field-reference';
import { queryPeriods } from './query-periods';
import type { RollupCatalog } from './rollup-catalog';

/** Rollups of each event type (and dimension values), combined per query bucket. */
export interface RollupPlan {
  path: 'rollup';
  rollups: 'by_type';
  /** The rollup buckets read: each nests exactly inside one query bucket. */
  granularity: RollupGranularity;
  /** The dimension set read, sorted ([]: the rows without dimensions). */
  dimensionSet: string[];
  /** Query field key (`properties.category`) → rollup dimension name (`product_category`). */
  dimensionOf: Record<string, string>;
}

export interface RawPlan {
  path: 'raw';
  /** Why rollups cannot answer: shown in the response, so a slow query explains itself. */
  reason: string;
}

/**
 * The all-event-types ('*') rollups: each query bucket is read from the '*' buckets that tile it (one row
 * for hours, days, weeks and months, three months for a quarter), unique users over several of them from
 * their user lists. `fallback` is the plan to run when the '*' rollups do not yet hold every event of
 * the range (e.g. data older than the processor that writes them).
 */
export interface AllTypesRollupPlan {
  path: 'rollup';
  rollups: 'all_types';
  fallback: RollupPlan | RawPlan;
}

export type QueryPlan = RollupPlan | AllTypesRollupPlan | RawPlan;

/** Minutes, hours and local days compose from their own rollups; weeks, months and quarters from local days. */
const ROLLUP_GRANULARITY_FOR: Readonly<Record<QueryGranularity, RollupGranularity>> = {
  minute: 'minute',
  hour: 'hour',
  day: 'day',
  week: 'day',
  month: 'day',
  quarter: 'day',
};

/** Operators a rollup's stored dimension text answers exactly as the raw path does. */
const ROLLUP_FILTER_OPERATORS: ReadonlySet<string> = new Set(['equals', 'not_equals', 'in', 'not_in']);

/** Aggregations a rollup's count/sum/min/max summary answers exactly (percentiles would be approximate). */
const ROLLUP_AGGREGATIONS: ReadonlySet<string> = new Set(['sum', 'avg', 'min', 'max', 'count']);

/**
 * Rollups or raw events? Rollups when they give exactly the raw answer: counts, unique users (their
 * user lists make uniques over several buckets exact), conversion, and count/sum/min/max/avg of a
 * summarised property; filters and group-by only on the event type and the dimensions of one rolled-up
 * set, filters comparing text (=, <>, in, not in); buckets composed of whole rollup buckets in the
 * zone the rollups were cut in (`rollupTimeZone`, the tenant's). Everything else reads raw events, and
 * so does any query naming `context.*` (rollups keep no context).
 */
export function planMetricQuery(query: MetricQuery, catalog: RollupCatalog, rollupTimeZone: string): QueryPlan {
  const plan = planByType(query, catalog, rollupTimeZone);
  return readsAllTypesRollups(query, rollupTimeZone) ? { path: 'rollup', rollups: 'all_types', fallback: plan } : plan;
}

/**
 * Event counts and unique users of every event type, unfiltered and ungrouped, in the zone the rollups
 * were cut in, over periods made of whole '*' rollup buckets (whole local hours at least).
 */
function readsAllTypesRollups(query: MetricQuery, rollupTimeZone: string): boolean {
  const metric = query.metric;
  if (metric.type !== 'event_count' && metric.type !== 'unique_users') return false;
  if (metric.eventTypes.length > 0 || query.filters.length > 0 || query.groupBy.length > 0) return false;
  if (query.timeZone !== rollupTimeZone || query.granularity === 'minute') return false;
  const periods = queryPeriods(query);
  return [periods.current, periods.previous].every((period) => period === null || allTypesRollupReads(period, query.timeZone) !== undefined);
}

function planByType(query: MetricQuery, catalog: RollupCatalog, rollupTimeZone: string): RollupPlan | RawPlan {
  const context = contextReference(query);
  if (context) return raw(`${context.key} is read from the event context, which rollups do not hold`);

  const metricReason = metricRawReason(query, catalog);
  if (metricReason) return raw(metricReason);

  // Minute buckets are the same in every zone (offsets are whole minutes); longer ones are not.
  if (query.timeZone !== rollupTimeZone && query.granularity !== 'minute') {
    return raw(`rollups are cut in ${rollupTimeZone}, the query asks for ${query.timeZone}`);
  }

  const dimensionOf: Record<string, string> = {};
  const fieldsByDimension = invert(catalog.dimensions);
  for (const reference of [...query.groupBy, ...query.filters.map((filter) => filter.field)]) {
    if (isEventType(reference)) continue;
    const dimension = fieldsByDimension.get(queryFieldIdentity(reference));
    if (dimension === undefined) return raw(`${reference.key} is not a rollup dimension`);
    dimensionOf[reference.key] = dimension;
  }
  const unsupportedFilter = query.filters.find((filter) => !isRollupFilter(filter));
  if (unsupportedFilter) {
    return raw(`filter ${unsupportedFilter.operator} on ${unsupportedFilter.field.key} is answered from raw events`);
  }

  const needed = new Set(Object.values(dimensionOf));
  const dimensionSet = needed.size === 0 ? [] : smallestSetContaining(catalog.dimensionSets, needed);
  if (dimensionSet === undefined) return raw(`no rollup holds ${[...needed].sort().join(' and ')} together`);
  return { path: 'rollup', rollups: 'by_type', granularity: ROLLUP_GRANULARITY_FOR[query.granularity], dimensionSet, dimensionOf };
}

/** The first `context.*` reference of the metric, group-by or filters. */
function contextReference(query: MetricQuery): QueryFieldReference | undefined {
  const metricField = query.metric.type === 'aggregate' ? [query.metric.field] : [];
  return [...metricField, ...query.groupBy, ...query.filters.map((filter) => filter.field)].find((reference) => reference.kind === 'context');
}

function metricRawReason(query: MetricQuery, catalog: RollupCatalog): string | undefined {
  const metric = query.metric;
  if (metric.type !== 'aggregate') return undefined;
  if (!ROLLUP_AGGREGATIONS.has(metric.aggregation)) {
    return metric.aggregation === 'count_distinct'
      ? 'count_distinct needs the raw values'
      : `${metric.aggregation} is computed exactly from raw events (rollup histograms are approximate)`;
  }
  const property = topLevelPropertyName(metric.field);
  if (property === undefined || !catalog.numericProperties.includes(property)) {
    return `${metric.field.key} is not summarised in rollups`;
  }
  return undefined;
}

function isRollupFilter(filter: MetricFilter): boolean {
  return ROLLUP_FILTER_OPERATORS.has(filter.operator) && filter.values.every((value) => typeof value === 'string');
}

/** The event type is a column of every rollup row, whatever its dimension set. */
function isEventType(reference: QueryFieldReference): boolean {
  return reference.kind === 'field' && reference.name === 'type';
}

function smallestSetContaining(sets: ReadonlyArray<readonly string[]>, needed: ReadonlySet<string>): string[] | undefined {
  const candidates = sets.filter((set) => [...needed].every((dimension) => set.includes(dimension)));
  candidates.sort((a, b) => a.length - b.length);
  return candidates.length > 0 ? [...candidates[0]].sort() : undefined;
}

/** Field identity (see queryFieldIdentity) → the dimension holding it, so `properties["category"]` finds its rollup too. */
function invert(dimensions: Readonly<Record<string, string>>): Map<string, string> {
  return new Map(
    Object.entries(dimensions).map(([dimension, field]) => {
      const parsed = parseQueryFieldReference(field);
      if (!parsed.ok) throw new RangeError(`Rollup dimension ${dimension} holds ${field}, which is not a query field`);
      return [queryFieldIdentity(parsed.reference), dimension];
    }),
  );
}

function raw(reason: string): RawPlan {
  return { path: 'raw', reason };
}

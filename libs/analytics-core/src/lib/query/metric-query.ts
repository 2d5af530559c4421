import { MONEY_PROPERTIES } from '../rollup-definition';
/**
 * The metric query model: what `POST /v1/query` asks, after validation. Raw requests become a
 * `MetricQuery` only through `validateMetricQuery`, so everything downstream (planner, SQL builders)
 * can trust names, operators and value types.
 */

export const QUERY_GRANULARITIES = ['minute', 'hour', 'day', 'week', 'month', 'quarter'] as const;
export type QueryGranularity = (typeof QUERY_GRANULARITIES)[number];

export const METRIC_TYPES = ['event_count', 'unique_users', 'aggregate', 'conversion'] as const;
export type MetricType = (typeof METRIC_TYPES)[number];

export const METRIC_AGGREGATIONS = ['sum', 'avg', 'min', 'max', 'count', 'count_distinct', 'p50', 'p95', 'p99'] as const;
export type MetricAggregation = (typeof METRIC_AGGREGATIONS)[number];

/** Aggregations that need numeric values (the others count values of any type). */
export const NUMERIC_METRIC_AGGREGATIONS: readonly MetricAggregation[] = ['sum', 'avg', 'min', 'max', 'count', 'p50', 'p95', 'p99'];

export const QUERY_PERCENTILES: Readonly<Partial<Record<MetricAggregation, number>>> = { p50: 0.5, p95: 0.95, p99: 0.99 };

export const QUERY_FILTER_OPERATORS = [
  'equals',
  'not_equals',
  'in',
  'not_in',
  'contains',
  'gt',
  'gte',
  'lt',
  'lte',
  'between',
  'is_set',
  'is_not_set',
] as const;
export type QueryFilterOperator = (typeof QUERY_FILTER_OPERATORS)[number];

export const QUERY_COMPARISONS = ['previous_period'] as const;
export type QueryComparison = (typeof QUERY_COMPARISONS)[number];

export type EventFieldValueType = 'text' | 'number' | 'boolean';

/**
 * The event columns a query may name, with their value types. The SQL layer maps each to its column
 * through its own fixed map; nothing else reaches SQL as a name.
 */
export const EVENT_FIELD_TYPES = {
  type: 'text',
  category: 'text',
  user_id: 'text',
  anonymous_id: 'text',
  session_id: 'text',
  user_key: 'text',
  device_type: 'text',
  browser: 'text',
  os: 'text',
  hour_of_day: 'number',
  day_of_week: 'number',
  is_business_hours: 'boolean',
} as const satisfies Record<string, EventFieldValueType>;
export type EventFieldName = keyof typeof EVENT_FIELD_TYPES;

/**
 * `properties.<path>` names a value inside the event's JSON properties: `properties.plan` (a top-level
 * key), `properties.order.items[0].sku` (key `order`, key `items`, its first item, key `sku`) and
 * `properties["utm.source"]` (a key with a dot or another character a plain segment cannot hold).
 */
export const QUERY_PROPERTY_PREFIX = 'properties';

/**
 * A plain key segment (`.plan`): letters, digits, spaces and `_ $ : -`, not starting with a space or
 * `: -` (up to `QUERY_PROPERTY_MAX_KEY_LENGTH`). Quoted segments (`["…"]`) take any printable text, with
 * `\"` and `\\` escaped. Keys are bound as parameters anyway; the rules make a stray quote or bracket a
 * 400, not a silent miss.
 */
export const QUERY_PROPERTY_KEY_PATTERN = /^[\p{L}\p{N}_$][\p{L}\p{N}_$ :-]*/u;

/** Keys and indices of a property path (`order.items[0].sku` is four). */
export const QUERY_PROPERTY_MAX_SEGMENTS = 8;

/** Characters of a key, plain or quoted. */
export const QUERY_PROPERTY_MAX_KEY_LENGTH = 128;

/** Array indices in property paths: 0 up to this. */
export const QUERY_PROPERTY_MAX_INDEX = 999_999;

/** One step into the properties: a key of an object (string) or an index into an array (number). */
export type PropertyPathSegment = string | number;

/** `context.<path>` names a value in the event's JSON context (`context.campaign.source`). */
export const QUERY_CONTEXT_PREFIX = 'context.';

/** A context path has 1 to this many segments (`page.path` is two). */
export const QUERY_CONTEXT_MAX_SEGMENTS = 4;

/**
 * One segment of a context path: ASCII letters, digits and `_`, up to 64 characters. Stricter than
 * property names because context keys are ours (camelCase), and it leaves no room for quotes, `->`, `#>`.
 */
export const QUERY_CONTEXT_SEGMENT_PATTERN = /^[A-Za-z0-9_]{1,64}$/;

/** Context values that are personal data and never queried (first path segment, compared case-insensitively). */
export const QUERY_CONTEXT_PERSONAL_DATA: readonly string[] = ['ip'];

/** A field, property or context value, as the client wrote it (`key`) and as SQL builders need it. */
export type QueryFieldReference =
  | { kind: 'field'; key: string; name: EventFieldName; valueType: EventFieldValueType }
  /** `path` is the keys and indices under the properties (`['order', 'items', 0, 'sku']`), each bound as a parameter. */
  | { kind: 'property'; key: string; path: PropertyPathSegment[] }
  /** `path` is the segments under the context (`['campaign', 'source']`), bound as one text[] parameter. */
  | { kind: 'context'; key: string; path: string[] };

export type QueryValue = string | number | boolean;

export type MetricDefinition =
  /** Events, all types or those listed. */
  | { type: 'event_count'; eventTypes: string[] }
  /** Distinct users (canonical user keys); machine events without a user are not counted. */
  | { type: 'unique_users'; eventTypes: string[] }
  /** An aggregation over a property or field; numeric aggregations skip values that are not numbers. */
  | { type: 'aggregate'; eventTypes: string[]; field: QueryFieldReference; aggregation: MetricAggregation }
  /** Distinct users doing `toEvent` / distinct users doing `fromEvent`, in each bucket (0 when nobody did `fromEvent`). */
  | { type: 'conversion'; fromEvent: string; toEvent: string };

/**
 * A filter; `values` is normalised: one value for comparisons, two for `between` (inclusive), the list
 * for `in`/`not_in`, none for `is_set`/`is_not_set`. All values share one type, which decides the
 * comparison: text, numeric or boolean.
 */
export interface MetricFilter {
  field: QueryFieldReference;
  operator: QueryFilterOperator;
  values: QueryValue[];
}

export interface MetricQuery {
  metric: MetricDefinition;
  /** The requested range [from, to); answers cover the whole buckets it touches (see `alignedRange`). */
  from: Date;
  to: Date;
  granularity: QueryGranularity;
  /** IANA zone the buckets follow: the tenant's unless the request names another. */
  timeZone: string;
  groupBy: QueryFieldReference[];
  filters: MetricFilter[];
  /** Buckets without events appear with value 0. */
  fillMissing: boolean;
  compare: QueryComparison | null;
  /** Most series returned (the largest totals first). */
  limit: number;
}

export const QUERY_LIMITS = {
  /** Buckets per answer (and per compared period). */
  maxBuckets: 5_000,
  maxGroupBy: 3,
  maxFilters: 20,
  maxInValues: 100,
  maxEventTypes: 50,
  defaultSeriesLimit: 100,
  maxSeriesLimit: 1_000,
} as const;

/** Money summed only in the tenant's currency (the stream processor qualifies other currencies). */
export const CURRENCY_SCOPED_PROPERTIES: readonly string[] = MONEY_PROPERTIES;

/** The event types a metric reads (empty: every type). */
export function metricEventTypes(metric: MetricDefinition): string[] {
  return metric.type === 'conversion' ? [metric.fromEvent, metric.toEvent] : metric.eventTypes;
}

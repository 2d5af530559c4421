import { isValidTimeZone } from '../time-zone';
import { listQueryBuckets } from './bucket-calendar';
import { parseQueryFieldReference } from './field-reference';
import {
  QUERY_COMPARISONS,
  QUERY_FILTER_OPERATORS,
  METRIC_AGGREGATIONS,
  METRIC_TYPES,
  NUMERIC_METRIC_AGGREGATIONS,
  QUERY_GRANULARITIES,
  QUERY_LIMITS,
  type QueryFieldReference,
  type EventFieldValueType,
  type QueryFilterOperator,
  type MetricAggregation,
  type MetricDefinition,
  type MetricFilter,
  type MetricQuery,
  type QueryGranularity,
  type QueryValue,
} from './metric-query';

/** A query as a client sends it (JSON), before any check. */
export interface MetricQueryRequest {
  metric: {
    type: string;
    events?: string[];
    field?: string;
    aggregation?: string;
    fromEvent?: string;
    toEvent?: string;
  };
  from: string;
  to: string;
  granularity: string;
  timeZone?: string;
  groupBy?: string[];
  filters?: Array<{ field: string; operator: string; value?: unknown; values?: unknown[] }>;
  fillMissing?: boolean;
  compare?: string;
  limit?: number;
}

/** One broken rule; `field` is a path into the request, e.g. `filters[1].value`. */
export interface QueryIssue {
  field: string;
  rule: string;
  message: string;
}

export type MetricQueryValidation = { ok: true; query: MetricQuery } | { ok: false; issues: QueryIssue[] };

/** ISO 8601 instant with an explicit offset: a range without one would silently mean the server's zone. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const EVENT_TYPE_PATTERN = /^[\p{L}\p{N}_$ .:/-]{1,200}$/u;

/**
 * Checks everything a query's meaning depends on and returns the normalised query, or every problem
 * found (each naming the request field and the rule). `defaultTimeZone` is the tenant's.
 */
export function validateMetricQuery(request: MetricQueryRequest, defaultTimeZone: string): MetricQueryValidation {
  const issues: QueryIssue[] = [];
  const problem = (field: string, rule: string, message: string): undefined => {
    issues.push({ field, rule, message: `${field} ${message}` });
    return undefined;
  };

  const metric = validateMetric(request.metric, problem);
  const from = parseInstant(request.from, 'from', problem);
  const to = parseInstant(request.to, 'to', problem);
  if (from && to && to.getTime() <= from.getTime()) problem('to', 'isAfterFrom', 'must be after from');
  const granularity = oneOf(request.granularity, QUERY_GRANULARITIES, 'granularity', 'isKnownGranularity', problem);
  const timeZone = request.timeZone ?? defaultTimeZone;
  if (!isValidTimeZone(timeZone)) problem('timeZone', 'isTimeZone', 'must be an IANA time zone such as Europe/Berlin');

  const groupBy: QueryFieldReference[] = [];
  const groupKeys = request.groupBy ?? [];
  if (groupKeys.length > QUERY_LIMITS.maxGroupBy) problem('groupBy', 'maxGroupBy', `must name at most ${QUERY_LIMITS.maxGroupBy} fields`);
  groupKeys.forEach((key, index) => {
    const reference = fieldReference(key, `groupBy[${index}]`, problem);
    if (reference) groupBy.push(reference);
  });
  if (new Set(groupKeys).size !== groupKeys.length) problem('groupBy', 'isUnique', 'must not name a field twice');

  const filters: MetricFilter[] = [];
  const filterInputs = request.filters ?? [];
  if (filterInputs.length > QUERY_LIMITS.maxFilters) problem('filters', 'maxFilters', `must have at most ${QUERY_LIMITS.maxFilters} filters`);
  filterInputs.forEach((input, index) => {
    const filter = validateFilter(input, `filters[${index}]`, problem);
    if (filter) filters.push(filter);
  });

  const compare = request.compare === undefined ? null : oneOf(request.compare, QUERY_COMPARISONS, 'compare', 'isKnownComparison', problem);
  const limit = request.limit ?? QUERY_LIMITS.defaultSeriesLimit;
  if (!Number.isInteger(limit) || limit < 1 || limit > QUERY_LIMITS.maxSeriesLimit) {
    problem('limit', 'isSeriesLimit', `must be an integer from 1 to ${QUERY_LIMITS.maxSeriesLimit}`);
  }

  // Counting buckets needs a sound range, granularity and zone; it is the costly check, so it comes last.
  if (issues.length === 0 && from && to && granularity && !surelyWithinBucketCap(from, to, granularity)) {
    const listing = listQueryBuckets(from, to, granularity, timeZone, QUERY_LIMITS.maxBuckets);
    if (!listing.ok) {
      problem('granularity', 'maxBuckets', `${granularity} from ${request.from} to ${request.to} makes more than ${QUERY_LIMITS.maxBuckets} buckets: choose a coarser granularity or a shorter range`);
    }
  }
  if (issues.length > 0 || !metric || !from || !to || !granularity) return { ok: false, issues };
  return {
    ok: true,
    query: {
      metric,
      from,
      to,
      granularity,
      timeZone,
      groupBy,
      filters,
      fillMissing: request.fillMissing ?? true,
      compare: compare ?? null,
      limit,
    },
  };
}

/** Which operators make sense for an event field of each type (properties and context values take any: the value's type decides). */
const OPERATORS_BY_FIELD_TYPE: Readonly<Record<EventFieldValueType, readonly QueryFilterOperator[]>> = {
  text: ['equals', 'not_equals', 'in', 'not_in', 'contains', 'is_set', 'is_not_set'],
  number: ['equals', 'not_equals', 'in', 'not_in', 'gt', 'gte', 'lt', 'lte', 'between', 'is_set', 'is_not_set'],
  boolean: ['equals', 'not_equals', 'is_set', 'is_not_set'],
};

/**
 * The shortest a bucket can be (a Lord Howe hour cut by its 30-minute shift, a day losing two hours,
 * February): when even buckets that short stay under the cap, listing them to count is unnecessary.
 */
const SHORTEST_BUCKET_MS: Readonly<Record<QueryGranularity, number>> = {
  minute: 60_000,
  hour: 30 * 60_000,
  day: 22 * 3_600_000,
  week: 7 * 22 * 3_600_000,
  month: 28 * 22 * 3_600_000,
  quarter: 89 * 22 * 3_600_000,
};

function surelyWithinBucketCap(from: Date, to: Date, granularity: QueryGranularity): boolean {
  // +1: the first bucket may start before `from`.
  return Math.ceil((to.getTime() - from.getTime()) / SHORTEST_BUCKET_MS[granularity]) + 1 <= QUERY_LIMITS.maxBuckets;
}

type Problem = (field: string, rule: string, message: string) => undefined;

function validateMetric(metric: MetricQueryRequest['metric'] | undefined, problem: Problem): MetricDefinition | undefined {
  if (metric === undefined || metric === null || typeof metric !== 'object') return problem('metric', 'isDefined', 'is required');
  const type = oneOf(metric.type, METRIC_TYPES, 'metric.type', 'isKnownMetric', problem);
  if (type === undefined) return undefined;
  if (type === 'conversion') {
    const fromEvent = eventType(metric.fromEvent, 'metric.fromEvent', problem);
    const toEvent = eventType(metric.toEvent, 'metric.toEvent', problem);
    return fromEvent && toEvent ? { type, fromEvent, toEvent } : undefined;
  }
  const eventTypes = eventTypeList(metric.events, problem);
  if (eventTypes === undefined) return undefined;
  if (type === 'event_count' || type === 'unique_users') return { type, eventTypes };

  const aggregation = oneOf(metric.aggregation, METRIC_AGGREGATIONS, 'metric.aggregation', 'isKnownAggregation', problem);
  if (metric.field === undefined) return problem('metric.field', 'isDefined', 'is required for an aggregate metric');
  const field = fieldReference(metric.field, 'metric.field', problem);
  if (!field || !aggregation) return undefined;
  if (isNumeric(aggregation) && field.kind === 'field' && field.valueType !== 'number') {
    return problem('metric.field', 'isNumericField', `must be numeric for ${aggregation}: ${field.key} is ${field.valueType}`);
  }
  return { type, eventTypes, field, aggregation };
}

function validateFilter(
  input: { field: string; operator: string; value?: unknown; values?: unknown[] } | undefined,
  path: string,
  problem: Problem,
): MetricFilter | undefined {
  if (input === undefined || input === null || typeof input !== 'object') return problem(path, 'isObject', 'must be an object');
  const field = fieldReference(input.field, `${path}.field`, problem);
  const operator = oneOf(input.operator, QUERY_FILTER_OPERATORS, `${path}.operator`, 'isKnownOperator', problem);
  if (!field || !operator) return undefined;
  if (field.kind === 'field' && !OPERATORS_BY_FIELD_TYPE[field.valueType].includes(operator)) {
    return problem(`${path}.operator`, 'isOperatorForField', `${operator} does not apply to ${field.key} (${field.valueType}); use one of ${OPERATORS_BY_FIELD_TYPE[field.valueType].join(', ')}`);
  }
  const values = filterValues(input, operator, path, problem);
  if (!values) return undefined;
  const valueType = values.length > 0 ? typeof values[0] : undefined;
  if (values.some((value) => typeof value !== valueType)) return problem(`${path}.values`, 'isSameType', 'must all be of one type');
  if (field.kind === 'field' && valueType !== undefined && valueType !== (field.valueType === 'text' ? 'string' : field.valueType)) {
    const valuesField = operator === 'in' || operator === 'not_in' || operator === 'between' ? 'values' : 'value';
    return problem(`${path}.${valuesField}`, 'isFieldType', `must be a ${field.valueType === 'text' ? 'string' : field.valueType}: ${field.key} is ${field.valueType}`);
  }
  return { field, operator, values };
}

/** The values an operator takes, each checked for the type the operator compares. */
function filterValues(
  input: { value?: unknown; values?: unknown[] },
  operator: QueryFilterOperator,
  path: string,
  problem: Problem,
): QueryValue[] | undefined {
  switch (operator) {
    case 'is_set':
    case 'is_not_set':
      return [];
    case 'in':
    case 'not_in': {
      const values = input.values;
      if (!Array.isArray(values) || values.length === 0 || values.length > QUERY_LIMITS.maxInValues) {
        return problem(`${path}.values`, 'isValueList', `must be a list of 1 to ${QUERY_LIMITS.maxInValues} strings or numbers`);
      }
      if (!values.every((value) => typeof value === 'string' || isFiniteNumber(value))) {
        return problem(`${path}.values`, 'isValueList', `must be a list of 1 to ${QUERY_LIMITS.maxInValues} strings or numbers`);
      }
      return values as QueryValue[];
    }
    case 'between': {
      const values = input.values;
      if (!Array.isArray(values) || values.length !== 2 || !values.every(isFiniteNumber)) {
        return problem(`${path}.values`, 'isRange', 'must be two numbers [low, high]');
      }
      if (values[0] > values[1]) return problem(`${path}.values`, 'isRange', 'must have low <= high');
      return values;
    }
    case 'contains':
      if (typeof input.value !== 'string' || input.value.length === 0) return problem(`${path}.value`, 'isString', `must be a non-empty string for ${operator}`);
      return [input.value];
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      if (!isFiniteNumber(input.value)) return problem(`${path}.value`, 'isNumber', `must be a number for ${operator}`);
      return [input.value];
    case 'equals':
    case 'not_equals':
      if (typeof input.value !== 'string' && typeof input.value !== 'boolean' && !isFiniteNumber(input.value)) {
        return problem(`${path}.value`, 'isScalar', `must be a string, number or boolean for ${operator}`);
      }
      return [input.value];
  }
}

function fieldReference(key: unknown, path: string, problem: Problem): QueryFieldReference | undefined {
  if (typeof key !== 'string') return problem(path, 'isString', 'must be a field name, properties.<name> or context.<path>');
  const parsed = parseQueryFieldReference(key);
  return parsed.ok ? parsed.reference : problem(path, parsed.rule, parsed.message);
}

function eventTypeList(events: unknown, problem: Problem): string[] | undefined {
  if (events === undefined) return [];
  if (!Array.isArray(events) || events.length > QUERY_LIMITS.maxEventTypes) {
    return problem('metric.events', 'isEventTypeList', `must be a list of at most ${QUERY_LIMITS.maxEventTypes} event types`);
  }
  const types = events.map((event, index) => eventType(event, `metric.events[${index}]`, problem));
  return types.every((type) => type !== undefined) ? [...new Set(types as string[])] : undefined;
}

function eventType(value: unknown, path: string, problem: Problem): string | undefined {
  if (typeof value !== 'string' || !EVENT_TYPE_PATTERN.test(value)) {
    return problem(path, 'isEventType', 'must be an event type of 1-200 letters, digits, spaces or _ $ . : / -');
  }
  return value;
}

function parseInstant(value: unknown, field: string, problem: Problem): Date | undefined {
  if (typeof value !== 'string' || !ISO_INSTANT.test(value) || Number.isNaN(Date.parse(value))) {
    return problem(field, 'isIsoInstant', 'must be an ISO 8601 instant with an offset, e.g. 2026-03-29T00:00:00+01:00');
  }
  return new Date(value);
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], field: string, rule: string, problem: Problem): T | undefined {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  return problem(field, rule, `must be one of ${allowed.join(', ')}`);
}

function isNumeric(aggregation: MetricAggregation): boolean {
  return NUMERIC_METRIC_AGGREGATIONS.includes(aggregation);
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** Granularity type guard for callers holding a plain string. */
export function isQueryGranularity(value: string): value is QueryGranularity {
  return (QUERY_GRANULARITIES as readonly string[]).includes(value);
}

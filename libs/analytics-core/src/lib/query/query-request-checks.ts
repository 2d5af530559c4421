import { isValidTimeZone } from '../time-zone';
import { listQueryBuckets } from './bucket-calendar';
import { parseQueryFieldReference, queryFieldIdentity } from './field-reference';
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

/**
 * The checks both request shapes share (one metric, or several series with formulas): each names the
 * request field it read (`series[1].filters[0].field`) through `problem`. Internal to the query module.
 */

/** A metric as a client sends it. */
export interface MetricRequest {
  type: string;
  events?: string[];
  field?: string;
  aggregation?: string;
  fromEvent?: string;
  toEvent?: string;
}

/** A filter as a client sends it. */
export interface FilterRequest {
  field: string;
  operator: string;
  value?: unknown;
  values?: unknown[];
}

/** What every query shares besides its metric: range, buckets, zone, group-by, filters, fill, comparison, limit. */
export interface QueryFrameRequest {
  from: string;
  to: string;
  granularity: string;
  timeZone?: string;
  groupBy?: string[];
  filters?: FilterRequest[];
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

export type Problem = (field: string, rule: string, message: string) => undefined;

/** Issues collected while checking, and the function that records one (it returns undefined, for `return problem(…)`). */
export function issueCollector(): { issues: QueryIssue[]; problem: Problem } {
  const issues: QueryIssue[] = [];
  const problem: Problem = (field, rule, message) => {
    issues.push({ field, rule, message: `${field} ${message}` });
    return undefined;
  };
  return { issues, problem };
}

/** ISO 8601 instant with an explicit offset: a range without one would silently mean the server's zone. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const EVENT_TYPE_PATTERN = /^[\p{L}\p{N}_$ .:/-]{1,200}$/u;

/** A checked frame: every field present when no problem was recorded. */
export type QueryFrame = Omit<MetricQuery, 'metric'>;

/**
 * The frame's fields, each checked; undefined when one of those the meaning depends on is broken
 * (the problems are recorded). The bucket cap is checked separately, once nothing else is wrong.
 */
export function validateQueryFrame(request: QueryFrameRequest, defaultTimeZone: string, problem: Problem): QueryFrame | undefined {
  const from = parseInstant(request.from, 'from', problem);
  const to = parseInstant(request.to, 'to', problem);
  let rangeOk = from !== undefined && to !== undefined;
  if (from && to && to.getTime() <= from.getTime()) {
    problem('to', 'isAfterFrom', 'must be after from');
    rangeOk = false;
  }
  const granularity = oneOf(request.granularity, QUERY_GRANULARITIES, 'granularity', 'isKnownGranularity', problem);
  const timeZone = request.timeZone ?? defaultTimeZone;
  const zoneOk = isValidTimeZone(timeZone);
  if (!zoneOk) problem('timeZone', 'isTimeZone', 'must be an IANA time zone such as Europe/Berlin');

  const groupBy: QueryFieldReference[] = [];
  const groupKeys = request.groupBy ?? [];
  if (groupKeys.length > QUERY_LIMITS.maxGroupBy) problem('groupBy', 'maxGroupBy', `must name at most ${QUERY_LIMITS.maxGroupBy} fields`);
  groupKeys.forEach((key, index) => {
    const reference = fieldReference(key, `groupBy[${index}]`, problem);
    if (reference) groupBy.push(reference);
  });
  // properties.plan and properties["plan"] are one value: compare what they read, not how they are spelt.
  const identities = groupBy.map(queryFieldIdentity);
  if (new Set(groupKeys).size !== groupKeys.length || new Set(identities).size !== identities.length) {
    problem('groupBy', 'isUnique', 'must not name a field twice');
  }

  const filters = validateFilters(request.filters, 'filters', problem);
  const compare = request.compare === undefined ? null : oneOf(request.compare, QUERY_COMPARISONS, 'compare', 'isKnownComparison', problem);
  const limit = request.limit ?? QUERY_LIMITS.defaultSeriesLimit;
  if (!Number.isInteger(limit) || limit < 1 || limit > QUERY_LIMITS.maxSeriesLimit) {
    problem('limit', 'isSeriesLimit', `must be an integer from 1 to ${QUERY_LIMITS.maxSeriesLimit}`);
  }
  if (!rangeOk || !from || !to || !granularity || !zoneOk) return undefined;
  return { from, to, granularity, timeZone, groupBy, filters: filters ?? [], fillMissing: request.fillMissing ?? true, compare: compare ?? null, limit };
}

/**
 * More than `QUERY_LIMITS.maxBuckets` buckets is a problem on `granularity`. Counting them needs a sound
 * frame and is the costly check, so callers run it last, when nothing else is wrong.
 */
export function checkBucketCap(frame: QueryFrame, request: QueryFrameRequest, problem: Problem): void {
  if (surelyWithinBucketCap(frame.from, frame.to, frame.granularity)) return;
  const listing = listQueryBuckets(frame.from, frame.to, frame.granularity, frame.timeZone, QUERY_LIMITS.maxBuckets);
  if (!listing.ok) {
    problem(
      'granularity',
      'maxBuckets',
      `${frame.granularity} from ${request.from} to ${request.to} makes more than ${QUERY_LIMITS.maxBuckets} buckets: choose a coarser granularity or a shorter range`,
    );
  }
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

/** The metric at `path` (`metric`, `series[2].metric`). */
export function validateMetric(metric: MetricRequest | undefined, path: string, problem: Problem): MetricDefinition | undefined {
  if (metric === undefined || metric === null || typeof metric !== 'object') return problem(path, 'isDefined', 'is required');
  const type = oneOf(metric.type, METRIC_TYPES, `${path}.type`, 'isKnownMetric', problem);
  if (type === undefined) return undefined;
  if (type === 'conversion') {
    const fromEvent = eventType(metric.fromEvent, `${path}.fromEvent`, problem);
    const toEvent = eventType(metric.toEvent, `${path}.toEvent`, problem);
    return fromEvent && toEvent ? { type, fromEvent, toEvent } : undefined;
  }
  const eventTypes = eventTypeList(metric.events, `${path}.events`, problem);
  if (eventTypes === undefined) return undefined;
  if (type === 'event_count' || type === 'unique_users') return { type, eventTypes };

  const aggregation = oneOf(metric.aggregation, METRIC_AGGREGATIONS, `${path}.aggregation`, 'isKnownAggregation', problem);
  if (metric.field === undefined) return problem(`${path}.field`, 'isDefined', 'is required for an aggregate metric');
  const field = fieldReference(metric.field, `${path}.field`, problem);
  if (!field || !aggregation) return undefined;
  if (isNumeric(aggregation) && field.kind === 'field' && field.valueType !== 'number') {
    return problem(`${path}.field`, 'isNumericField', `must be numeric for ${aggregation}: ${field.key} is ${field.valueType}`);
  }
  return { type, eventTypes, field, aggregation };
}

/** The filter list at `path` (`filters`, `series[0].filters`); undefined when one of them is broken. */
export function validateFilters(inputs: FilterRequest[] | undefined, path: string, problem: Problem): MetricFilter[] | undefined {
  const list = inputs ?? [];
  if (!Array.isArray(list)) return problem(path, 'isArray', 'must be a list of filters');
  if (list.length > QUERY_LIMITS.maxFilters) problem(path, 'maxFilters', `must have at most ${QUERY_LIMITS.maxFilters} filters`);
  const filters = list.map((input, index) => validateFilter(input, `${path}[${index}]`, problem));
  return filters.every((filter) => filter !== undefined) ? (filters as MetricFilter[]) : undefined;
}

function validateFilter(input: FilterRequest | undefined, path: string, problem: Problem): MetricFilter | undefined {
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
  if (typeof key !== 'string') return problem(path, 'isString', 'must be a field name, properties.<path> or context.<path>');
  const parsed = parseQueryFieldReference(key);
  return parsed.ok ? parsed.reference : problem(path, parsed.rule, parsed.message);
}

function eventTypeList(events: unknown, path: string, problem: Problem): string[] | undefined {
  if (events === undefined) return [];
  if (!Array.isArray(events) || events.length > QUERY_LIMITS.maxEventTypes) {
    return problem(path, 'isEventTypeList', `must be a list of at most ${QUERY_LIMITS.maxEventTypes} event types`);
  }
  const types = events.map((event, index) => eventType(event, `${path}[${index}]`, problem));
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

export function oneOf<T extends string>(value: unknown, allowed: readonly T[], field: string, rule: string, problem: Problem): T | undefined {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  return problem(field, rule, `must be one of ${allowed.join(', ')}`);
}

function isNumeric(aggregation: MetricAggregation): boolean {
  return NUMERIC_METRIC_AGGREGATIONS.includes(aggregation);
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

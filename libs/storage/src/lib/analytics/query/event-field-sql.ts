import type { EventFieldName, QueryFieldReference, QueryFilterOperator, QueryValue } from '@pulse/analytics-core';
import type { SqlParameters } from './sql-parameters';

/** The only column names a query reaches: a fixed map from the query model's field names. */
const EVENT_COLUMNS: Readonly<Record<EventFieldName, string>> = {
  type: '"type"',
  category: '"category"',
  user_id: '"user_id"',
  anonymous_id: '"anonymous_id"',
  session_id: '"session_id"',
  user_key: '"user_key"',
  device_type: '"device_type"',
  browser: '"browser"',
  os: '"os"',
  hour_of_day: '"hour_of_day"',
  day_of_week: '"day_of_week"',
  is_business_hours: '"is_business_hours"',
};

/** `e."device_type"`: the column of an allowed field on the events alias `e`. */
export function eventColumn(name: EventFieldName): string {
  const column = EVENT_COLUMNS[name];
  if (column === undefined) throw new RangeError(`Not a queryable event field: ${String(name)}`);
  return `e.${column}`;
}

/** A property or context value: both are read out of the event's JSON, the same way. */
type JsonReference = Extract<QueryFieldReference, { kind: 'property' | 'context' }>;

/**
 * Where a JSON value sits: `json` is the jsonb at the place, `text` its text (`->>`/`#>>`). A property
 * path is walked one step at a time, each key bound as text and each index as int (`-> $2::text -> $3::int`),
 * so an index never matches an object key "0" nor a key an array; a context value is a path in
 * `context`, bound as one text[] (`#>`). No part of the client's path is ever SQL text: only the number
 * of steps shapes the statement. Each use binds its own parameters.
 */
interface JsonValueSql {
  json: string;
  text: string;
}

function jsonValue(reference: JsonReference, parameters: SqlParameters): JsonValueSql {
  if (reference.kind === 'property') {
    const steps = reference.path.map((segment) => (typeof segment === 'number' ? parameters.bind(segment, 'int') : parameters.bind(segment, 'text')));
    const parent = ['e."properties"', ...steps.slice(0, -1)].join(' -> ');
    const last = steps[steps.length - 1];
    return { json: `${parent} -> ${last}`, text: `${parent} ->> ${last}` };
  }
  const path = parameters.bind(reference.path, 'text[]');
  return { json: `e."context" #> ${path}`, text: `e."context" #>> ${path}` };
}

/**
 * A JSON value as text when it is a string, number or boolean, else NULL: the text the rollups store
 * for a dimension (objects, arrays and JSON null are "no value" in both paths).
 */
function jsonText(reference: JsonReference, parameters: SqlParameters): string {
  const value = jsonValue(reference, parameters);
  return `(CASE WHEN jsonb_typeof(${value.json}) IN ('string', 'number', 'boolean') THEN ${value.text} END)`;
}

/** A JSON value when it is a number, else NULL (a string "12" is not a number). */
function jsonNumber(reference: JsonReference, parameters: SqlParameters): string {
  const value = jsonValue(reference, parameters);
  return `(CASE WHEN jsonb_typeof(${value.json}) = 'number' THEN (${value.text})::numeric END)`;
}

/** The value of a field, property or context path as text: what group-by groups on and text filters compare. */
export function referenceText(reference: QueryFieldReference, parameters: SqlParameters): string {
  if (reference.kind !== 'field') return jsonText(reference, parameters);
  return reference.valueType === 'text' ? eventColumn(reference.name) : `(${eventColumn(reference.name)})::text`;
}

/** The value as a number (numeric fields, numeric properties and context values). */
export function referenceNumber(reference: QueryFieldReference, parameters: SqlParameters): string {
  if (reference.kind !== 'field') return jsonNumber(reference, parameters);
  return `(${eventColumn(reference.name)})::numeric`;
}

/**
 * A filter as a SQL condition over raw events. The value's type picks the comparison: text against the
 * value's text, numbers numerically, booleans as booleans. Negations (`not_equals`, `not_in`,
 * `is_not_set`) keep events without the value.
 */
export function eventFilterCondition(
  reference: QueryFieldReference,
  operator: QueryFilterOperator,
  values: readonly QueryValue[],
  parameters: SqlParameters,
): string {
  switch (operator) {
    case 'equals':
      return equalsCondition(reference, values[0], parameters);
    case 'not_equals':
      return `(${equalsCondition(reference, values[0], parameters)}) IS NOT TRUE`;
    case 'in':
      return inCondition(reference, values, parameters);
    case 'not_in':
      return `(${inCondition(reference, values, parameters)}) IS NOT TRUE`;
    case 'contains':
      // strpos, not LIKE: the value's % and _ are plain characters.
      return `strpos(lower(${referenceText(reference, parameters)}), lower(${parameters.bind(values[0], 'text')})) > 0`;
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return `${referenceNumber(reference, parameters)} ${COMPARISON_SQL[operator]} ${parameters.bind(values[0], 'numeric')}`;
    case 'between':
      return `${referenceNumber(reference, parameters)} BETWEEN ${parameters.bind(values[0], 'numeric')} AND ${parameters.bind(values[1], 'numeric')}`;
    case 'is_set':
      return isSetCondition(reference, parameters);
    case 'is_not_set':
      return `NOT ${isSetCondition(reference, parameters)}`;
    default:
      throw new RangeError(`Unknown operator: ${String(operator)}`);
  }
}

const COMPARISON_SQL = { gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

function equalsCondition(reference: QueryFieldReference, value: QueryValue, parameters: SqlParameters): string {
  if (typeof value === 'number') return `${referenceNumber(reference, parameters)} = ${parameters.bind(value, 'numeric')}`;
  if (typeof value === 'boolean') {
    if (reference.kind === 'field') return `${eventColumn(reference.name)} = ${parameters.bind(value, 'boolean')}`;
    return `${jsonValue(reference, parameters).json} = to_jsonb(${parameters.bind(value, 'boolean')})`;
  }
  return `${referenceText(reference, parameters)} = ${parameters.bind(value, 'text')}`;
}

function inCondition(reference: QueryFieldReference, values: readonly QueryValue[], parameters: SqlParameters): string {
  if (typeof values[0] === 'number') return `${referenceNumber(reference, parameters)} = ANY(${parameters.bind(values, 'numeric[]')})`;
  return `${referenceText(reference, parameters)} = ANY(${parameters.bind(values.map(String), 'text[]')})`;
}

/** Present and not JSON null (an object or array counts as set). */
function isSetCondition(reference: QueryFieldReference, parameters: SqlParameters): string {
  if (reference.kind === 'field') return `(${eventColumn(reference.name)} IS NOT NULL)`;
  return `(coalesce(jsonb_typeof(${jsonValue(reference, parameters).json}), 'null') <> 'null')`;
}

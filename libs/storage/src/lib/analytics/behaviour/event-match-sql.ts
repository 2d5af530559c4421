import { BEHAVIOUR_PROPERTY_NAME_PATTERN, type EventMatcher, type PropertyFilter } from '@pulse/analytics-core';
import type { SqlParameters } from './sql-parameters';

/**
 * SQL for analytics-core's property filters and event matchers, with the same meaning as
 * `matchesPropertyFilter`. Names and values are only ever bound parameters; the name is checked again
 * here so a caller that skipped validation still cannot reach the JSON operators with anything odd.
 */

/** The person an event counts for (see analytics-core's BehaviourEvent). */
export const PERSON_KEY_SQL = `coalesce(e."user_key", e."user_id", 'anon:' || e."anonymous_id")`;

/** Walking order of a person's events, as analytics-core's `compareEventOrder`. */
export const EVENT_ORDER_SQL = `e."occurred_at", e."event_id" COLLATE "C"`;

export function propertyTextSql(name: string, parameters: SqlParameters): string {
  const placeholder = parameters.add(checkedName(name));
  return `(CASE WHEN jsonb_typeof(e."properties" -> ${placeholder}::text) IN ('string', 'number', 'boolean') THEN e."properties" ->> ${placeholder}::text END)`;
}

export function propertyFilterSql(filter: PropertyFilter, parameters: SqlParameters): string {
  const name = checkedName(filter.property);
  const json = () => `(e."properties" -> ${parameters.add(name)}::text)`;
  const numeric = (comparison: string) => {
    const property = json();
    return `(CASE WHEN jsonb_typeof(${property}) = 'number' THEN (${property} #>> '{}')::numeric END ${comparison} ${parameters.add(filter.value)}::numeric)`;
  };
  switch (filter.operator) {
    case 'is_set':
      return `(coalesce(jsonb_typeof(${json()}), 'null') <> 'null')`;
    case 'is_not_set':
      return `(coalesce(jsonb_typeof(${json()}), 'null') = 'null')`;
    case 'equals':
      return `(${propertyTextSql(name, parameters)} = ${parameters.add(String(filter.value))}::text)`;
    case 'not_equals':
      return `(${propertyTextSql(name, parameters)} IS DISTINCT FROM ${parameters.add(String(filter.value))}::text)`;
    case 'in':
      return `(${propertyTextSql(name, parameters)} = ANY(${parameters.add((filter.value as unknown[]).map(String))}::text[]))`;
    case 'contains':
      return `(strpos(${propertyTextSql(name, parameters)}, ${parameters.add(String(filter.value))}::text) > 0)`;
    case 'gt':
      return numeric('>');
    case 'gte':
      return numeric('>=');
    case 'lt':
      return numeric('<');
    case 'lte':
      return numeric('<=');
    default:
      throw new RangeError(`Unknown property operator: ${String((filter as PropertyFilter).operator)}`);
  }
}

/** True when the event has the matcher's type and passes all its filters (never NULL). */
export function eventMatcherSql(matcher: EventMatcher, parameters: SqlParameters): string {
  const conditions = [`e."type" = ${parameters.add(matcher.eventType)}::text`, ...(matcher.filters ?? []).map((filter) => propertyFilterSql(filter, parameters))];
  return `coalesce(${conditions.join(' AND ')}, false)`;
}

function checkedName(name: string): string {
  if (!BEHAVIOUR_PROPERTY_NAME_PATTERN.test(name)) throw new RangeError(`Invalid property name: ${JSON.stringify(name)}`);
  return name;
}

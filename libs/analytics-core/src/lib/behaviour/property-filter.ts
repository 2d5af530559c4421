/**
 * Filters on an event's JSON properties, with the same meaning here and in SQL (libs/storage's
 * behaviour queries compile them): properties are compared by their text form, as `properties ->> name`
 * gives it, and only scalar values (string, number, boolean) have one.
 */
export const PROPERTY_OPERATORS = ['equals', 'not_equals', 'in', 'contains', 'gt', 'gte', 'lt', 'lte', 'is_set', 'is_not_set'] as const;
export type PropertyOperator = (typeof PROPERTY_OPERATORS)[number];

export type FilterScalar = string | number | boolean;

export interface PropertyFilter {
  /** A top-level property name (a dot is part of the name, not a path). */
  property: string;
  operator: PropertyOperator;
  /** A scalar for equals/not_equals/contains, a number for gt/gte/lt/lte, a list for in, nothing for is_set/is_not_set. */
  value?: FilterScalar | FilterScalar[];
}

/** What a property name may look like: it travels to SQL as a bound parameter, and this keeps it boring. */
export const BEHAVIOUR_PROPERTY_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_.$-]{0,63}$/;

export const NUMERIC_OPERATORS: readonly PropertyOperator[] = ['gt', 'gte', 'lt', 'lte'];
export const VALUELESS_OPERATORS: readonly PropertyOperator[] = ['is_set', 'is_not_set'];

/** Why a filter is unusable, naming the field at `path` and the rule; undefined when it is fine. */
export function propertyFilterProblem(filter: PropertyFilter, path: string): string | undefined {
  if (typeof filter.property !== 'string' || !BEHAVIOUR_PROPERTY_NAME_PATTERN.test(filter.property)) {
    return `${path}.property must match ${BEHAVIOUR_PROPERTY_NAME_PATTERN} (letters, digits, _ . $ -; at most 64 characters)`;
  }
  if (!PROPERTY_OPERATORS.includes(filter.operator)) {
    return `${path}.operator must be one of ${PROPERTY_OPERATORS.join(', ')}`;
  }
  const value = filter.value;
  if (VALUELESS_OPERATORS.includes(filter.operator)) {
    return value === undefined ? undefined : `${path}.value must be absent for ${filter.operator}`;
  }
  if (NUMERIC_OPERATORS.includes(filter.operator)) {
    return typeof value === 'number' && Number.isFinite(value) ? undefined : `${path}.value must be a finite number for ${filter.operator}`;
  }
  if (filter.operator === 'in') {
    return Array.isArray(value) && value.length > 0 && value.length <= 100 && value.every(isScalar)
      ? undefined
      : `${path}.value must be a list of 1 to 100 strings, numbers or booleans for in`;
  }
  return isScalar(value) ? undefined : `${path}.value must be a string, number or boolean for ${filter.operator}`;
}

/** The text form of a property (`properties ->> name` for scalars), or null when absent, null or not a scalar. */
export function propertyText(properties: Readonly<Record<string, unknown>> | undefined, name: string): string | null {
  const value = properties && Object.prototype.hasOwnProperty.call(properties, name) ? properties[name] : undefined;
  return isScalar(value) ? String(value) : null;
}

export function matchesPropertyFilter(properties: Readonly<Record<string, unknown>> | undefined, filter: PropertyFilter): boolean {
  const raw = properties && Object.prototype.hasOwnProperty.call(properties, filter.property) ? properties[filter.property] : undefined;
  const text = propertyText(properties, filter.property);
  const value = filter.value;
  switch (filter.operator) {
    case 'is_set':
      return raw !== undefined && raw !== null;
    case 'is_not_set':
      return raw === undefined || raw === null;
    case 'equals':
      return text !== null && text === String(value);
    case 'not_equals':
      // A missing property is "not equal": SQL's IS DISTINCT FROM.
      return text !== String(value);
    case 'in':
      return text !== null && (value as FilterScalar[]).map(String).includes(text);
    case 'contains':
      return text !== null && text.includes(String(value));
    case 'gt':
      return typeof raw === 'number' && raw > (value as number);
    case 'gte':
      return typeof raw === 'number' && raw >= (value as number);
    case 'lt':
      return typeof raw === 'number' && raw < (value as number);
    case 'lte':
      return typeof raw === 'number' && raw <= (value as number);
  }
}

export function matchesAllPropertyFilters(
  properties: Readonly<Record<string, unknown>> | undefined,
  filters: readonly PropertyFilter[] | undefined,
): boolean {
  return (filters ?? []).every((filter) => matchesPropertyFilter(properties, filter));
}

function isScalar(value: unknown): value is FilterScalar {
  return typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}

/** An event type plus optional property filters: a funnel step, a cohort or return event, a segment rule. */
export interface EventMatcher {
  eventType: string;
  filters?: PropertyFilter[];
}

export function matchesEvent(event: { type: string; properties?: Readonly<Record<string, unknown>> }, matcher: EventMatcher): boolean {
  return event.type === matcher.eventType && matchesAllPropertyFilters(event.properties, matcher.filters);
}

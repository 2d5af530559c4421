import { propertyFilterProblem, type EventMatcher, type PropertyFilter, type PropertyOperator } from '@pulse/analytics-core';

/** A dashboard property filter a funnel or retention widget could not apply, and why: said in the widget's data, never dropped silently. */
export interface FilterNotApplied {
  field: string;
  reason: string;
}

export interface BehaviourFilters {
  applied: PropertyFilter[];
  /** The dashboard's field of each applied filter, in the same order. */
  appliedFields: string[];
  notApplied: FilterNotApplied[];
}

/** `properties.plan` or `properties["utm.source"]`: the top-level property a behaviour filter can name. */
const TOP_LEVEL_PROPERTY = /^properties(?:\.([A-Za-z_][A-Za-z0-9_$-]*)|\["([^"\\]+)"\])$/;

/** Operators with the same meaning in `POST /v1/query` filters and funnel/retention matchers (`in` takes `values`). */
const SHARED_OPERATORS: readonly string[] = ['equals', 'not_equals', 'in', 'contains', 'gt', 'gte', 'lt', 'lte', 'is_set', 'is_not_set'];

/**
 * The dashboard's property filters (in `POST /v1/query`'s shape) as funnel/retention property filters. Funnel
 * and retention matchers filter on the event's top-level properties only, so a filter on an event field
 * (device_type), on context, on a nested path, or with `not_in`/`between` is listed as not applied, with why.
 */
export function behaviourFilters(properties: readonly Record<string, unknown>[]): BehaviourFilters {
  const result: BehaviourFilters = { applied: [], appliedFields: [], notApplied: [] };
  for (const filter of properties) {
    const field = String(filter['field']);
    const name = TOP_LEVEL_PROPERTY.exec(field);
    const operator = String(filter['operator']);
    if (!name) {
      result.notApplied.push({ field, reason: 'funnels and retention filter on top-level event properties only (properties.<name>)' });
      continue;
    }
    if (!SHARED_OPERATORS.includes(operator)) {
      result.notApplied.push({ field, reason: `operator ${operator} is not available to funnels and retention` });
      continue;
    }
    const converted: PropertyFilter = {
      property: name[1] ?? name[2],
      operator: operator as PropertyOperator,
      ...(operator === 'in' ? { value: filter['values'] as PropertyFilter['value'] } : filter['value'] === undefined ? {} : { value: filter['value'] as PropertyFilter['value'] }),
    };
    const problem = propertyFilterProblem(converted, 'filter');
    if (problem) result.notApplied.push({ field, reason: problem });
    else {
      result.applied.push(converted);
      result.appliedFields.push(field);
    }
  }
  return result;
}

/** The matcher narrowed by the applied filters (its own filters kept). */
export function narrowedMatcher(matcher: EventMatcher, filters: readonly PropertyFilter[]): EventMatcher {
  return filters.length === 0 ? matcher : { ...matcher, filters: [...(matcher.filters ?? []), ...filters] };
}

import {
  EVENT_FIELD_TYPES,
  QUERY_CONTEXT_MAX_SEGMENTS,
  QUERY_CONTEXT_PERSONAL_DATA,
  QUERY_CONTEXT_PREFIX,
  QUERY_CONTEXT_SEGMENT_PATTERN,
  QUERY_PROPERTY_PREFIX,
  type EventFieldName,
  type QueryFieldReference,
} from './metric-query';
import { parsePropertyPath } from './property-path';

export type QueryFieldReferenceRule = 'isKnownField' | 'isValidPropertyName' | 'isValidContextPath' | 'isNotPersonalData';

export type QueryFieldReferenceParse =
  | { ok: true; reference: QueryFieldReference }
  | { ok: false; rule: QueryFieldReferenceRule; message: string };

/**
 * `device_type` (an event field), `properties.plan` or `properties.order.items[0].sku` (a property path)
 * or `context.page.path`; anything else is refused.
 */
export function parseQueryFieldReference(key: string): QueryFieldReferenceParse {
  if (key.startsWith(`${QUERY_PROPERTY_PREFIX}.`) || key.startsWith(`${QUERY_PROPERTY_PREFIX}[`)) {
    const parsed = parsePropertyPath(key.slice(QUERY_PROPERTY_PREFIX.length), QUERY_PROPERTY_PREFIX.length);
    if (!parsed.ok) {
      return {
        ok: false,
        // The rule keeps its name from when a property was one top-level name: clients may match on it.
        rule: 'isValidPropertyName',
        message: `must be properties.<name> or a path such as properties.order.items[0].sku or properties["utm.source"]: this one ${parsed.problem}`,
      };
    }
    return { ok: true, reference: { kind: 'property', key, path: parsed.path } };
  }
  if (key.startsWith(QUERY_CONTEXT_PREFIX)) return parseContextReference(key);
  if (Object.prototype.hasOwnProperty.call(EVENT_FIELD_TYPES, key)) {
    const name = key as EventFieldName;
    return { ok: true, reference: { kind: 'field', key, name, valueType: EVENT_FIELD_TYPES[name] } };
  }
  return {
    ok: false,
    rule: 'isKnownField',
    message: `must be one of ${Object.keys(EVENT_FIELD_TYPES).join(', ')}, properties.<path> or context.<path>`,
  };
}

/**
 * `context.campaign.source` → the path `['campaign', 'source']`. Every segment must match the strict
 * pattern, so empty segments (`..`, a trailing dot), quotes and JSON operators are refused, not read.
 */
function parseContextReference(key: string): QueryFieldReferenceParse {
  const path = key.slice(QUERY_CONTEXT_PREFIX.length).split('.');
  if (path.length > QUERY_CONTEXT_MAX_SEGMENTS || !path.every((segment) => QUERY_CONTEXT_SEGMENT_PATTERN.test(segment))) {
    return {
      ok: false,
      rule: 'isValidContextPath',
      message: `must be context.<path> where the path has 1-${QUERY_CONTEXT_MAX_SEGMENTS} dot-separated segments of 1-64 letters, digits or _`,
    };
  }
  if (QUERY_CONTEXT_PERSONAL_DATA.includes(path[0].toLowerCase())) {
    return { ok: false, rule: 'isNotPersonalData', message: `must not be ${QUERY_CONTEXT_PREFIX}${path[0]}: it is personal data and cannot be queried` };
  }
  return { ok: true, reference: { kind: 'context', key, path } };
}

/**
 * What a reference reads, whatever the spelling: `properties.plan` and `properties["plan"]` are the same
 * value. Used to spot a group-by naming one value twice and to match rollup dimensions.
 */
export function queryFieldIdentity(reference: QueryFieldReference): string {
  switch (reference.kind) {
    case 'field':
      return reference.name;
    case 'property':
      return `${QUERY_PROPERTY_PREFIX}${JSON.stringify(reference.path)}`;
    case 'context':
      return `${QUERY_CONTEXT_PREFIX}${JSON.stringify(reference.path)}`;
  }
}

/** The key of a top-level property (`properties.revenue`), the only kind rollups summarise and money rules apply to. */
export function topLevelPropertyName(reference: QueryFieldReference): string | undefined {
  if (reference.kind !== 'property' || reference.path.length !== 1) return undefined;
  const [key] = reference.path;
  return typeof key === 'string' ? key : undefined;
}

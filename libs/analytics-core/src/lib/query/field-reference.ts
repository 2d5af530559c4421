import {
  EVENT_FIELD_TYPES,
  QUERY_CONTEXT_MAX_SEGMENTS,
  QUERY_CONTEXT_PERSONAL_DATA,
  QUERY_CONTEXT_PREFIX,
  QUERY_CONTEXT_SEGMENT_PATTERN,
  QUERY_PROPERTY_NAME_PATTERN,
  QUERY_PROPERTY_PREFIX,
  type EventFieldName,
  type QueryFieldReference,
} from './metric-query';

export type QueryFieldReferenceRule = 'isKnownField' | 'isValidPropertyName' | 'isValidContextPath' | 'isNotPersonalData';

export type QueryFieldReferenceParse =
  | { ok: true; reference: QueryFieldReference }
  | { ok: false; rule: QueryFieldReferenceRule; message: string };

/** `device_type` (an event field), `properties.plan` (a property) or `context.page.path`; anything else is refused. */
export function parseQueryFieldReference(key: string): QueryFieldReferenceParse {
  if (key.startsWith(QUERY_PROPERTY_PREFIX)) {
    const name = key.slice(QUERY_PROPERTY_PREFIX.length);
    if (!QUERY_PROPERTY_NAME_PATTERN.test(name)) {
      return {
        ok: false,
        rule: 'isValidPropertyName',
        message: 'must be properties.<name> where the name has 1-128 letters, digits, spaces or _ $ . : -',
      };
    }
    return { ok: true, reference: { kind: 'property', key, name } };
  }
  if (key.startsWith(QUERY_CONTEXT_PREFIX)) return parseContextReference(key);
  if (Object.prototype.hasOwnProperty.call(EVENT_FIELD_TYPES, key)) {
    const name = key as EventFieldName;
    return { ok: true, reference: { kind: 'field', key, name, valueType: EVENT_FIELD_TYPES[name] } };
  }
  return {
    ok: false,
    rule: 'isKnownField',
    message: `must be one of ${Object.keys(EVENT_FIELD_TYPES).join(', ')}, properties.<name> or context.<path>`,
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

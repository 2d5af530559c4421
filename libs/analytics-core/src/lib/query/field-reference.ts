import { EVENT_FIELD_TYPES, QUERY_PROPERTY_NAME_PATTERN, QUERY_PROPERTY_PREFIX, type EventFieldName, type QueryFieldReference } from './metric-query';

export type QueryFieldReferenceParse =
  | { ok: true; reference: QueryFieldReference }
  | { ok: false; rule: 'isKnownField' | 'isValidPropertyName'; message: string };

/** `device_type` (an event field) or `properties.plan` (a property); anything else is refused. */
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
  if (Object.prototype.hasOwnProperty.call(EVENT_FIELD_TYPES, key)) {
    const name = key as EventFieldName;
    return { ok: true, reference: { kind: 'field', key, name, valueType: EVENT_FIELD_TYPES[name] } };
  }
  return {
    ok: false,
    rule: 'isKnownField',
    message: `must be one of ${Object.keys(EVENT_FIELD_TYPES).join(', ')} or properties.<name>`,
  };
}

import { isRecord } from '../json-record';
import { getMetadataStorage } from 'class-validator';
import { eventTypeDefinition } from './event-types';

/**
 * A tenant's fix for a source that names a property differently from the event type's schema, e.g.
 * `orderId` → `order_id` on `purchase`. `rename` moves the value; `alias` copies it and keeps the
 * source property. A value already under the target name wins: the mapping never overwrites.
 */
export interface PropertyMapping {
  eventType: string;
  from: string;
  to: string;
  mode: 'rename' | 'alias';
}

export const PROPERTY_MAPPING_MODES = ['rename', 'alias'] as const;

/** The canonical event input (before validation) with the mappings of its type applied; the input is not changed. */
export function applyPropertyMappings(
  input: unknown,
  mappings: readonly PropertyMapping[] | undefined,
): unknown {
  if (
    !mappings ||
    mappings.length === 0 ||
    !isRecord(input) ||
    !isRecord(input['properties'])
  )
    return input;
  const ofType = mappings.filter(
    (mapping) => mapping.eventType === input['type'],
  );
  if (ofType.length === 0) return input;
  const properties: Record<string, unknown> = { ...input['properties'] };
  for (const { from, to, mode } of ofType) {
    if (!(from in properties) || properties[to] !== undefined) continue;
    properties[to] = properties[from];
    if (mode === 'rename') delete properties[from];
  }
  return { ...input, properties };
}

/** The property names a registered type's schema declares; undefined for a type with free-form properties. */
export function declaredPropertyNames(eventType: string): string[] | undefined {
  const definition = eventTypeDefinition(eventType);
  if (!definition) return undefined;
  const metadata = getMetadataStorage().getTargetValidationMetadatas(
    definition.propertiesClass,
    '',
    true,
    false,
  );
  return [...new Set(metadata.map((rule) => rule.propertyName))].sort();
}

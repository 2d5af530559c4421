import type { ValidationIssue } from '../validation/validation-issues';
import type { PulseEvent } from './pulse-event';

/** An event stored under the lenient policy: the values that broke a rule, kept as sent but out of the analytics' way. */
export interface EventWithViolationsSetAside<E extends PulseEvent> {
  /** The event without the properties and context entries that broke a rule. */
  event: E;
  /** The set-aside values by top-level path (`properties.revenue`, `context.page`); undefined when none. */
  invalidValues?: Record<string, unknown>;
}

/**
 * Takes every top-level property (or context entry) holding a value that broke a rule out of the
 * event: analytics then treat it as not sent (a non-numeric `revenue` is not summed) instead of
 * failing on it. A missing required property has nothing to set aside; its violation alone records it.
 */
export function setViolatingValuesAside<E extends PulseEvent>(
  event: E,
  violations: readonly ValidationIssue[],
): EventWithViolationsSetAside<E> {
  const invalidValues: Record<string, unknown> = {};
  let properties = event.properties;
  let context = event.context as Record<string, unknown> | undefined;
  for (const { field } of violations) {
    const [section, key] = topLevelPathOf(field);
    if (section === 'properties' && key in properties) {
      if (properties === event.properties) properties = { ...properties };
      invalidValues[`properties.${key}`] = properties[key];
      delete properties[key];
    } else if (section === 'context' && context && key in context) {
      if (context === event.context) context = { ...context };
      invalidValues[`context.${key}`] = context[key];
      delete context[key];
    }
  }
  if (Object.keys(invalidValues).length === 0) return { event };
  return {
    event: { ...event, properties, ...(context ? { context } : {}) },
    invalidValues,
  };
}

/** `properties.items[0].price` → ['properties', 'items']. */
function topLevelPathOf(field: string): [string, string] {
  const [section = '', rest = ''] = splitOnce(field, '.');
  return [section, rest.split(/[.[]/)[0] ?? ''];
}

function splitOnce(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + 1)];
}

import { declaredPropertyNames, isKnownEventType, type PropertyMapping, type ValidationIssue } from '@pulse/contracts';

/**
 * The rules a list of mappings must keep beyond each field's format: a registered type, a target the
 * type declares, a source that is not the target, and one mapping per (type, source property).
 */
export function propertyMappingIssues(mappings: readonly PropertyMapping[]): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const seen = new Set<string>();
  mappings.forEach(({ eventType, from, to }, index) => {
    const at = `mappings[${index}]`;
    const declared = isKnownEventType(eventType) ? declaredPropertyNames(eventType) : undefined;
    if (declared === undefined) {
      issues.push({ field: `${at}.eventType`, rule: 'isRegisteredEventType', message: `${at}.eventType must be a registered event type with a property schema; "${eventType}" is not` });
      return;
    }
    if (!declared.includes(to)) {
      issues.push({
        field: `${at}.to`,
        rule: 'isDeclaredProperty',
        message: `${at}.to must be a property ${eventType} declares (${declared.join(', ')}); "${to}" is not`,
      });
    }
    if (from === to) issues.push({ field: `${at}.from`, rule: 'isNotTarget', message: `${at}.from must differ from ${at}.to` });
    const key = `${eventType}\u0000${from}`;
    if (seen.has(key)) issues.push({ field: `${at}.from`, rule: 'isUnique', message: `${at}.from repeats a mapping of "${from}" on ${eventType}` });
    seen.add(key);
  });
  return issues;
}

import type { ValidationIssue } from './validation-issues';

/**
 * What happens to an event whose properties break its type's rules. `lenient` (the default, as in
 * Segment and PostHog): it is stored, with its violations recorded beside it. `strict`: it is rejected.
 * Either way, envelope problems that make an event meaningless (no type, no user, no usable time)
 * reject it, and every rejected event is kept in the tenant's quarantine.
 */
export const SCHEMA_POLICIES = ['lenient', 'strict'] as const;
export type SchemaPolicy = (typeof SCHEMA_POLICIES)[number];
export const DEFAULT_SCHEMA_POLICY: SchemaPolicy = 'lenient';

/** Problems inside `properties` or `context` leave the event meaningful: lenient stores it with them. */
export function isPropertyViolation(issue: ValidationIssue): boolean {
  return (
    issue.field.startsWith('properties.') || issue.field.startsWith('context.')
  );
}

/** Splits a validation's issues into the ones that reject the event under `policy` and the ones it only records. */
export function applySchemaPolicy(
  issues: readonly ValidationIssue[],
  policy: SchemaPolicy,
): { rejecting: ValidationIssue[]; violations: ValidationIssue[] } {
  if (policy === 'strict' || !issues.every(isPropertyViolation))
    return { rejecting: [...issues], violations: [] };
  return { rejecting: [], violations: [...issues] };
}

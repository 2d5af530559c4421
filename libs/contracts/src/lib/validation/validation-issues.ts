import { ValidationError } from 'class-validator';
import { PRESENCE_RULES, TYPE_RULES } from './property-rules';

/** One broken rule: `field` is a path such as `properties.items[0].price` or `context.page.url`. */
export interface ValidationIssue {
  field: string;
  rule: string;
  message: string;
}

/** An issue read back from JSON (a header, a stored record) is only trusted when it has this shape. */
export function isValidationIssue(value: unknown): value is ValidationIssue {
  if (typeof value !== 'object' || value === null) return false;
  const issue = value as Record<string, unknown>;
  return (
    typeof issue['field'] === 'string' &&
    typeof issue['rule'] === 'string' &&
    typeof issue['message'] === 'string'
  );
}

/** Turns class-validator's error tree into a flat list whose messages name the full path. */
export function toValidationIssues(
  errors: readonly ValidationError[],
  parentPath = '',
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const error of errors) {
    const field = joinPath(parentPath, error.property);
    const failures = mostBasicFailures(Object.entries(error.constraints ?? {}));
    for (const [rule, message] of failures) {
      issues.push({
        field,
        rule,
        message: describe(rule, message, error, parentPath, field),
      });
    }
    // An array where an object belongs would otherwise also report each of its elements.
    const isWrongType = failures.some(
      ([rule]) => PRESENCE_RULES.includes(rule) || TYPE_RULES.includes(rule),
    );
    if (!isWrongType)
      issues.push(...toValidationIssues(error.children ?? [], field));
  }
  return issues;
}

/** One line for logs and dead-letter headers. */
export function summarizeIssues(issues: readonly ValidationIssue[]): string {
  return issues.map((issue) => issue.message).join('; ');
}

function mostBasicFailures(
  constraints: [string, string][],
): [string, string][] {
  for (const tier of [PRESENCE_RULES, TYPE_RULES]) {
    const failures = constraints.filter(([rule]) => tier.includes(rule));
    if (failures.length > 0) return failures;
  }
  return constraints;
}

function describe(
  rule: string,
  message: string,
  error: ValidationError,
  parentPath: string,
  field: string,
): string {
  if (rule === 'nestedValidation') return `${field} must be an object`;
  const otherProperty = error.contexts?.[rule]?.['otherProperty'];
  if (typeof otherProperty === 'string') {
    return `${field} or ${joinPath(parentPath, otherProperty)} is required: send at least one of them`;
  }
  return widenToPath(message, error.property, field);
}

function joinPath(parentPath: string, property: string | undefined): string {
  if (property === undefined || property === '') return parentPath;
  if (/^\d+$/.test(property)) return `${parentPath}[${property}]`;
  return parentPath === '' ? property : `${parentPath}.${property}`;
}

/** class-validator messages name only the last segment (`revenue`); readers need `properties.revenue`. */
function widenToPath(
  message: string,
  property: string | undefined,
  field: string,
): string {
  if (property === undefined || field === '' || property === field)
    return message;
  const firstMention = new RegExp(
    `(^|[^\\w.\\[])${escapeRegExp(property)}(?![\\w\\]])`,
  );
  return firstMention.test(message)
    ? message.replace(
        firstMention,
        (_match, before: string) => `${before}${field}`,
      )
    : `${field}: ${message}`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Renames canonical paths to the names a sender used (`eventId` → `messageId`), so a Segment or
 * domain-topic publisher reads its own field names. `renames` maps a canonical path prefix to the
 * sender's; the first matching prefix wins.
 */
export function renameIssueFields(
  issues: readonly ValidationIssue[],
  renames: ReadonlyArray<readonly [canonical: string, sender: string]>,
): ValidationIssue[] {
  return issues.map((issue) => {
    let { field, message } = issue;
    for (const [canonical, sender] of renames) {
      const mentioned = new RegExp(
        `(^|[^\\w.\\[])${escapeRegExp(canonical)}(?=$|[^\\w])`,
        'g',
      );
      if (
        field === canonical ||
        field.startsWith(`${canonical}.`) ||
        field.startsWith(`${canonical}[`)
      ) {
        field = sender + field.slice(canonical.length);
      }
      message = message.replace(
        mentioned,
        (_match, before: string) => `${before}${sender}`,
      );
    }
    return { ...issue, field, message };
  });
}

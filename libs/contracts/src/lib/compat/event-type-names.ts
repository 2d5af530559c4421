import { SNAKE_CASE_NAME } from '../validation/property-rules';

/**
 * Segment and PostHog event names are free text ("Order Completed", "videoPlayed", "$autocapture");
 * Pulse types are snake_case. Names that still fail the rule (too long, starting with a digit) are
 * left for validation to report.
 */
export function toEventTypeName(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

export function isValidEventTypeName(type: string): boolean {
  return type.length <= 64 && SNAKE_CASE_NAME.test(type);
}

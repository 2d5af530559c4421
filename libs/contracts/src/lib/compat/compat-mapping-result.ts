import type { EventValidationOptions } from '../events/validate-pulse-event';
import { PulseEvent } from '../events/pulse-event';
import { ValidationIssue } from '../validation/validation-issues';

/** A mapped and validated event, with the client's send time for the envelope when it gave one. */
export type CompatMappingResult =
  | {
      ok: true;
      event: PulseEvent;
      sentAt?: string;
      violations?: ValidationIssue[];
    }
  | { ok: false; errors: ValidationIssue[] };

export interface CompatMappingOptions {
  /** When Pulse received the request (server clock): the anchor of clock-skew correction. */
  receivedAt: string;
  /** Batch-level send time, used when a message carries none of its own. */
  sentAt?: string;
  /** The tenant's schema policy and property mappings (strict, none when absent). */
  schema?: EventValidationOptions;
}

export function rejected(
  field: string,
  rule: string,
  message: string,
): CompatMappingResult {
  return { ok: false, errors: [{ field, rule, message }] };
}

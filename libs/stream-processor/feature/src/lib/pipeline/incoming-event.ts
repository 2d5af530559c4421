import type { EventSource, IdentifiedPulseEvent, SchemaPolicy, ValidationIssue } from '@pulse/contracts';
import type { ReceivedMessage } from '@pulse/messaging';

/** What the processor needs to know about a tenant; cached briefly (see `TenantDirectory`). */
export interface TenantProfile {
  id: string;
  /** IANA zone: hour of day, business hours, day buckets and "today" follow it. */
  timeZone: string;
  /** ISO 4217: purchases in this currency add to revenue sums. */
  currency: string;
  /** lenient: events breaking their type's rules are stored with their violations; strict: dead-lettered. */
  schemaPolicy: SchemaPolicy;
  /** Keep message events' `text` after deriving sentiment and intent; false: it is dropped (personal data). */
  storeMessageText: boolean;
  /** Drop events of ids erased while this was on (`suppressed_users`); off: they are stored as a new person. */
  suppressErasedUsers: boolean;
}

/** A message that decoded into a valid event of a known tenant. */
export interface IncomingEvent {
  tenant: TenantProfile;
  event: IdentifiedPulseEvent;
  occurredAt: Date;
  receivedAt: Date;
  source: EventSource;
  /** Rules broken (lenient policy); the values that broke them are already out of `event`, in `invalidValues`. */
  violations?: ValidationIssue[];
  invalidValues?: Record<string, unknown>;
  /** Kept so the event can still be dead-lettered if storage refuses it. */
  message: ReceivedMessage;
}

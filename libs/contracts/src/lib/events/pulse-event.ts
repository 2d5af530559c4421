/** The domain an event belongs to. Registered types fix theirs; unregistered types default to `custom`. */
export const EVENT_CATEGORIES = [
  'commerce',
  'content',
  'conversation',
  'model_usage',
  'system',
  'import',
  'identity',
  'custom',
] as const;

export type EventCategory = (typeof EVENT_CATEGORIES)[number];

/**
 * Domains whose events are emitted by machines, not people: their spec schemas carry no user, so
 * `userId`/`anonymousId` are optional there and required everywhere else.
 */
export const MACHINE_CATEGORIES: readonly EventCategory[] = [
  'system',
  'model_usage',
  'import',
];

/** The canonical Pulse event, after validation. Property names inside `properties` are snake_case. */
export interface PulseEvent {
  /** Client-supplied, or assigned by ingestion before the event reaches Kafka; the de-duplication key. */
  eventId?: string;
  /** snake_case, at most 64 characters. */
  type: string;
  category: EventCategory;
  /** When it happened: ISO-8601 with an offset. */
  timestamp: string;
  userId?: string;
  anonymousId?: string;
  sessionId?: string;
  properties: Record<string, unknown>;
  context?: EventContext;
}

export interface EventContext {
  page?: { url?: string; path?: string; title?: string; referrer?: string };
  referrer?: string;
  userAgent?: string;
  ip?: string;
  locale?: string;
  device?: { type?: string; manufacturer?: string; model?: string };
  campaign?: {
    name?: string;
    source?: string;
    medium?: string;
    term?: string;
    content?: string;
  };
  library?: { name?: string; version?: string };
}

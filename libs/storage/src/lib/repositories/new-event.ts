/** An event to store. Optional identities default to null, properties and context to `{}`. */
export interface NewEvent {
  tenantId: string;
  eventId: string;
  type: string;
  category: string;
  occurredAt: Date;
  receivedAt: Date;
  userId?: string | null;
  anonymousId?: string | null;
  sessionId?: string | null;
  properties?: Record<string, unknown>;
  context?: Record<string, unknown>;
}

import { EntitySchema } from 'typeorm';

/** One raw event as stored: the unit every analytics query starts from. */
export interface StoredEvent {
  tenantId: string;
  /** The sender's id for the event (Segment's messageId); unique per tenant, so retries de-duplicate. */
  eventId: string;
  /** Event name, e.g. 'order_completed'. */
  type: string;
  /** Domain the type belongs to, e.g. 'commerce'. */
  category: string;
  occurredAt: Date;
  receivedAt: Date;
  userId: string | null;
  anonymousId: string | null;
  sessionId: string | null;
  properties: Record<string, unknown>;
  context: Record<string, unknown>;
}

/** Mirrors the `events` table created by the migrations; the drift test keeps the two equal. */
export const EventEntity = new EntitySchema<StoredEvent>({
  name: 'Event',
  tableName: 'events',
  columns: {
    tenantId: {
      name: 'tenant_id',
      type: 'uuid',
      primary: true,
      primaryKeyConstraintName: 'PK_events',
    },
    eventId: {
      name: 'event_id',
      type: 'varchar',
      length: 128,
      primary: true,
      primaryKeyConstraintName: 'PK_events',
    },
    type: { type: 'varchar', length: 200 },
    category: { type: 'varchar', length: 64 },
    occurredAt: { name: 'occurred_at', type: 'timestamptz' },
    receivedAt: { name: 'received_at', type: 'timestamptz' },
    userId: { name: 'user_id', type: 'varchar', length: 255, nullable: true },
    anonymousId: {
      name: 'anonymous_id',
      type: 'varchar',
      length: 255,
      nullable: true,
    },
    sessionId: {
      name: 'session_id',
      type: 'varchar',
      length: 255,
      nullable: true,
    },
    properties: { type: 'jsonb' },
    context: { type: 'jsonb' },
  },
  indices: [
    {
      name: 'IDX_events_tenant_occurred_at',
      columns: ['tenantId', 'occurredAt'],
    },
    {
      name: 'IDX_events_tenant_type_occurred_at',
      columns: ['tenantId', 'type', 'occurredAt'],
    },
  ],
});

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
  // Enrichment by the stream processor (migration AddEventEnrichment1764115200200); null on rows written
  // by other paths. Optional so code that writes plain events need not mention them, and not selected
  // by default (`select: false`): read them with an explicit select.
  /** Canonical user key after identity stitching ("user-42", or "anon:<anonymousId>" before a link). */
  userKey?: string | null;
  /** Tenant-local date, YYYY-MM-DD. */
  localDate?: string | null;
  /** 0–23 in the tenant's time zone. */
  hourOfDay?: number | null;
  /** ISO day of week in the tenant's time zone, 1 = Monday … 7 = Sunday. */
  dayOfWeek?: number | null;
  isBusinessHours?: boolean | null;
  /** desktop, mobile, tablet, bot or Other (from the user agent). */
  deviceType?: string | null;
  browser?: string | null;
  os?: string | null;
  /** Rules the event broke and was stored anyway (lenient schema policy); null when clean. */
  violations?: Array<{ field: string; rule: string; message: string }> | null;
  /** The values that broke a rule, by top-level path (`properties.revenue`), kept as sent but out of the analytics. */
  invalidValues?: Record<string, unknown> | null;
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
    userKey: { name: 'user_key', type: 'varchar', length: 255, nullable: true, select: false },
    localDate: { name: 'local_date', type: 'date', nullable: true, select: false },
    hourOfDay: { name: 'hour_of_day', type: 'smallint', nullable: true, select: false },
    dayOfWeek: { name: 'day_of_week', type: 'smallint', nullable: true, select: false },
    isBusinessHours: { name: 'is_business_hours', type: 'boolean', nullable: true, select: false },
    deviceType: { name: 'device_type', type: 'varchar', length: 16, nullable: true, select: false },
    browser: { type: 'varchar', length: 64, nullable: true, select: false },
    os: { type: 'varchar', length: 64, nullable: true, select: false },
    violations: { type: 'jsonb', nullable: true, select: false },
    invalidValues: { name: 'invalid_values', type: 'jsonb', nullable: true, select: false },
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
    // One person's events (migration IndexEventsByPerson1764115200500).
    { name: 'IDX_events_tenant_user_key_occurred_at', columns: ['tenantId', 'userKey', 'occurredAt'] },
    { name: 'IDX_events_unstitched_user_id', columns: ['tenantId', 'userId', 'occurredAt'], where: '"user_key" IS NULL' },
    {
      name: 'IDX_events_unstitched_anonymous_id',
      columns: ['tenantId', 'anonymousId', 'occurredAt'],
      where: '"user_key" IS NULL AND "user_id" IS NULL',
    },
    { name: 'IDX_events_with_violations', columns: ['tenantId', 'type', 'occurredAt'], where: '"violations" IS NOT NULL' },
  ],
});

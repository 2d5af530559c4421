import { EntitySchema } from 'typeorm';

export type StoredRollupGranularity = 'minute' | 'hour' | 'day' | 'week' | 'month';

/** Events of one type (or all, '*') in one bucket (tenant-local minute, hour, day, week or month), for one set of dimension values. */
export interface EventRollupRow {
  /** Digest of tenant, granularity, bucket start, event type and dimensions: the upsert key. */
  id: string;
  tenantId: string;
  granularity: StoredRollupGranularity;
  bucketStart: Date;
  /** Local label: 2026-03-29T03:15+02:00 (minute), 2026-03-29T03:00+02:00 (hour), 2026-03-29 (day), 2026-03-23 (week, its Monday), 2026-03 (month). */
  bucketLabel: string;
  eventType: string;
  /** Dimension names, sorted and comma-separated; '' for the rollup without dimensions. */
  dimensionSet: string;
  /** Dimension name → value (null when the event had none). `{}` for the rollup without dimensions. */
  dimensions: Record<string, string | null>;
  /** bigint: read back as a decimal string. */
  eventCount: string;
  uniqueUsers: number;
  updatedAt: Date;
}

/** Mirrors the `event_rollups` table created by the migrations; the drift test keeps the two equal. */
export const EventRollupEntity = new EntitySchema<EventRollupRow>({
  name: 'EventRollup',
  tableName: 'event_rollups',
  columns: {
    id: { type: 'uuid', primary: true, primaryKeyConstraintName: 'PK_event_rollups' },
    tenantId: { name: 'tenant_id', type: 'uuid' },
    granularity: { type: 'varchar', length: 6 },
    bucketStart: { name: 'bucket_start', type: 'timestamptz' },
    bucketLabel: { name: 'bucket_label', type: 'varchar', length: 32 },
    eventType: { name: 'event_type', type: 'varchar', length: 200 },
    dimensionSet: { name: 'dimension_set', type: 'varchar', length: 200 },
    dimensions: { type: 'jsonb' },
    eventCount: { name: 'event_count', type: 'bigint' },
    uniqueUsers: { name: 'unique_users', type: 'integer' },
    updatedAt: { name: 'updated_at', type: 'timestamptz' },
  },
  indices: [
    {
      name: 'IDX_event_rollups_query',
      columns: ['tenantId', 'granularity', 'eventType', 'dimensionSet', 'bucketStart'],
    },
  ],
  checks: [
    { name: 'CHK_event_rollups_granularity', expression: `"granularity" IN ('minute', 'hour', 'day', 'week', 'month')` },
  ],
});

import { EntitySchema } from 'typeorm';

/** Summary of one numeric property (revenue, response_time_ms, tokens_used…) within one rollup. */
export interface EventRollupMetricRow {
  rollupId: string;
  metric: string;
  /** bigint and numeric: read back as decimal strings. */
  valueCount: string;
  valueSum: string;
  valueMin: number;
  valueMax: number;
  /** analytics-core's sparse log-bucket histogram: `{ bucketKey: count }`, merged by adding counts. */
  histogram: Record<string, number>;
}

/** Mirrors the `event_rollup_metrics` table created by the migrations; the drift test keeps the two equal. */
export const EventRollupMetricEntity = new EntitySchema<EventRollupMetricRow>({
  name: 'EventRollupMetric',
  tableName: 'event_rollup_metrics',
  columns: {
    rollupId: { name: 'rollup_id', type: 'uuid', primary: true, primaryKeyConstraintName: 'PK_event_rollup_metrics' },
    metric: { type: 'varchar', length: 64, primary: true, primaryKeyConstraintName: 'PK_event_rollup_metrics' },
    valueCount: { name: 'value_count', type: 'bigint' },
    valueSum: { name: 'value_sum', type: 'numeric' },
    valueMin: { name: 'value_min', type: 'double precision' },
    valueMax: { name: 'value_max', type: 'double precision' },
    histogram: { type: 'jsonb' },
  },
});

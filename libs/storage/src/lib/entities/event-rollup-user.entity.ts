import { EntitySchema } from 'typeorm';

/** One distinct user of one rollup: what keeps `event_rollups.unique_users` exact. */
export interface EventRollupUserRow {
  rollupId: string;
  userKey: string;
}

/** Mirrors the `event_rollup_users` table created by the migrations; the drift test keeps the two equal. */
export const EventRollupUserEntity = new EntitySchema<EventRollupUserRow>({
  name: 'EventRollupUser',
  tableName: 'event_rollup_users',
  columns: {
    rollupId: { name: 'rollup_id', type: 'uuid', primary: true, primaryKeyConstraintName: 'PK_event_rollup_users' },
    userKey: { name: 'user_key', type: 'varchar', length: 255, primary: true, primaryKeyConstraintName: 'PK_event_rollup_users' },
  },
});

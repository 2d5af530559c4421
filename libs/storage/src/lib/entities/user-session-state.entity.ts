import { EntitySchema } from 'typeorm';

/** One remembered session window; times are epoch milliseconds (analytics-core's `SessionWindow`). */
export interface StoredSessionWindow {
  sessionId: string;
  startedAt: number;
  lastEventAt: number;
}

/** A user's most recent sessions, oldest first, as the stream processor left them after its last batch. */
export interface UserSessionStateRow {
  tenantId: string;
  /** Canonical user key (see identity stitching). */
  userKey: string;
  sessions: StoredSessionWindow[];
  updatedAt: Date;
}

/** Mirrors the `user_sessions` table created by the migrations; the drift test keeps the two equal. */
export const UserSessionStateEntity = new EntitySchema<UserSessionStateRow>({
  name: 'UserSessionState',
  tableName: 'user_sessions',
  columns: {
    tenantId: { name: 'tenant_id', type: 'uuid', primary: true, primaryKeyConstraintName: 'PK_user_sessions' },
    userKey: { name: 'user_key', type: 'varchar', length: 255, primary: true, primaryKeyConstraintName: 'PK_user_sessions' },
    sessions: { type: 'jsonb' },
    updatedAt: { name: 'updated_at', type: 'timestamptz' },
  },
});

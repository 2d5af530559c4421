import type { StoredSessionWindow } from '../entities/user-session-state.entity';
import type { SqlExecutor } from './sql-executor';

export interface UserSessionState {
  tenantId: string;
  userKey: string;
  sessions: StoredSessionWindow[];
}

/** `user_sessions`: each user's recent session windows, inside the caller's transaction. */
export class UserSessionRepository {
  constructor(private readonly sql: SqlExecutor) {}

  /**
   * Loads the users' states and locks their rows until the transaction ends, in key order (so two
   * transactions never wait on each other in a circle). Users without a row are absent from the result.
   */
  async lockAndLoad(users: ReadonlyArray<{ tenantId: string; userKey: string }>): Promise<UserSessionState[]> {
    if (users.length === 0) return [];
    const rows: Array<{ tenant_id: string; user_key: string; sessions: StoredSessionWindow[] }> = await this.sql.query(
      `SELECT "tenant_id", "user_key", "sessions" FROM "user_sessions"
        WHERE ("tenant_id", "user_key") IN (SELECT * FROM unnest($1::uuid[], $2::varchar[]))
        ORDER BY "tenant_id", "user_key"
        FOR UPDATE`,
      [users.map((user) => user.tenantId), users.map((user) => user.userKey)],
    );
    return rows.map((row) => ({ tenantId: row.tenant_id, userKey: row.user_key, sessions: row.sessions }));
  }

  async saveAll(states: readonly UserSessionState[]): Promise<void> {
    if (states.length === 0) return;
    const sorted = [...states].sort((a, b) => compare(a.tenantId, b.tenantId) || compare(a.userKey, b.userKey));
    await this.sql.query(
      `INSERT INTO "user_sessions" ("tenant_id", "user_key", "sessions", "updated_at")
        SELECT t, k, s::jsonb, now() FROM unnest($1::uuid[], $2::varchar[], $3::text[]) AS input(t, k, s)
        ON CONFLICT ("tenant_id", "user_key") DO UPDATE SET "sessions" = EXCLUDED."sessions", "updated_at" = EXCLUDED."updated_at"`,
      [
        sorted.map((state) => state.tenantId),
        sorted.map((state) => state.userKey),
        sorted.map((state) => JSON.stringify(state.sessions)),
      ],
    );
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

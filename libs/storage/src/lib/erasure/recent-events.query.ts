import type { SqlExecutor } from '../repositories/sql-executor';

/** A stored event as the live state sees it. */
export interface RecentEvent {
  type: string;
  occurredAt: Date;
  localDate: string;
  userKey: string | null;
  sessionId: string | null;
  properties: Record<string, unknown>;
}

/** A tenant's events since an instant (an index range scan of `(tenant_id, occurred_at)`): what rebuilding its live state reads. */
export class RecentEventsQuery {
  constructor(private readonly sql: SqlExecutor) {}

  async since(tenantId: string, since: Date): Promise<RecentEvent[]> {
    const rows: Array<{
      type: string;
      occurred_at: Date;
      local_date: string | null;
      user_key: string | null;
      session_id: string | null;
      properties: Record<string, unknown>;
    }> = await this.sql.query(
      `SELECT "type", "occurred_at", "local_date"::text AS "local_date", "user_key", "session_id", "properties" FROM "events"
          WHERE "tenant_id" = $1 AND "occurred_at" >= $2 AND "local_date" IS NOT NULL ORDER BY "occurred_at"`,
      [tenantId, since.toISOString()],
    );
    return rows.map((row) => ({
      type: row.type,
      occurredAt: row.occurred_at,
      localDate: row.local_date as string,
      userKey: row.user_key,
      sessionId: row.session_id,
      properties: row.properties,
    }));
  }
}

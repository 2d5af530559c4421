import type { FirstSeenInput } from '../rollups/first-seen-planning';
import type { SqlExecutor } from './sql-executor';

/**
 * `person_first_seen`: each person's first event per type and over all types ('*'), what retention's
 * cohorts read instead of every person's whole history. Works in the caller's transaction.
 */
export class PersonFirstSeenRepository {
  constructor(private readonly sql: SqlExecutor) {}

  /**
   * Keeps the earlier of the stored and the given instant (a late event lowers it). Rows must be unique
   * per key (`planFirstSeen` makes them so); they are written in key order, so concurrent writers lock
   * them in the same order.
   */
  async recordFirstSeen(rows: readonly FirstSeenInput[]): Promise<void> {
    if (rows.length === 0) return;
    const sorted = [...rows].sort(
      (a, b) => compare(a.tenantId, b.tenantId) || compare(a.eventType, b.eventType) || compare(a.userKey, b.userKey),
    );
    await this.sql.query(
      `INSERT INTO "person_first_seen" ("tenant_id", "event_type", "user_key", "first_at")
        SELECT t, ty, k, at
          FROM unnest($1::uuid[], $2::varchar[], $3::varchar[], $4::timestamptz[]) WITH ORDINALITY AS i(t, ty, k, at, position)
         ORDER BY position
        ON CONFLICT ("tenant_id", "event_type", "user_key") DO UPDATE SET "first_at" = EXCLUDED."first_at"
          WHERE EXCLUDED."first_at" < "person_first_seen"."first_at"`,
      [
        sorted.map((row) => row.tenantId),
        sorted.map((row) => row.eventType),
        sorted.map((row) => row.userKey),
        sorted.map((row) => row.firstAt.toISOString()),
      ],
    );
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

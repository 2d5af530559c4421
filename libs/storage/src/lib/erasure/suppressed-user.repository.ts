import type { SqlExecutor } from '../repositories/sql-executor';

/** `suppressed_users`: ids erased while their tenant had `suppressErasedUsers` on (written by `PersonErasureRepository`). */
export class SuppressedUserRepository {
  constructor(private readonly sql: SqlExecutor) {}

  /** Of the given (tenant, id) pairs, those suppressed, as `tenantId` + NUL + id. */
  async findSuppressed(ids: ReadonlyArray<{ tenantId: string; id: string }>): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows: Array<{ tenant_id: string; id: string }> = await this.sql.query(
      `SELECT "tenant_id", "id" FROM "suppressed_users" WHERE ("tenant_id", "id") IN (SELECT * FROM unnest($1::uuid[], $2::varchar[]))`,
      [ids.map((entry) => entry.tenantId), ids.map((entry) => entry.id)],
    );
    return new Set(rows.map((row) => `${row.tenant_id}\u0000${row.id}`));
  }
}

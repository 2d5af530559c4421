import type { SqlExecutor } from './sql-executor';

export interface NewIdentityLink {
  tenantId: string;
  fromId: string;
  toId: string;
  sourceEventId: string;
  linkedAt: Date;
}

/** `identity_links`: the persistent identity map, inside the caller's transaction. */
export class IdentityLinkRepository {
  constructor(private readonly sql: SqlExecutor) {}

  /**
   * The links that resolving the given ids can follow: each id's link, its target's link, and so on
   * (one recursive query). Per tenant: tenant id → (from → to).
   */
  /**
   * Waits for, then holds until the transaction ends, a lock per (tenant, id): transactions that touch the
   * same person's ids run one after the other, so the later one resolves identities and sessions against
   * what the earlier committed. Locks are taken in one sorted pass (no deadlock between two such callers);
   * call it before taking any row lock. Hash collisions only serialise more than needed.
   */
  async lockIds(ids: ReadonlyArray<{ tenantId: string; id: string }>): Promise<void> {
    if (ids.length === 0) return;
    await this.sql.query(
      `SELECT pg_advisory_xact_lock("key") FROM (
          SELECT DISTINCT hashtextextended("id", 0) AS "key" FROM unnest($1::text[]) AS "id" ORDER BY 1
        ) AS "sorted"`,
      [ids.map(({ tenantId, id }) => `${tenantId}/${id}`)],
    );
  }

  async findChains(ids: ReadonlyArray<{ tenantId: string; id: string }>): Promise<Map<string, Map<string, string>>> {
    const byTenant = new Map<string, Map<string, string>>();
    if (ids.length === 0) return byTenant;
    const rows: Array<{ tenant_id: string; from_id: string; to_id: string }> = await this.sql.query(
      `WITH RECURSIVE "chain" ("tenant_id", "id") AS (
          SELECT * FROM unnest($1::uuid[], $2::varchar[])
          UNION
          SELECT l."tenant_id", l."to_id" FROM "identity_links" l
            JOIN "chain" c ON l."tenant_id" = c."tenant_id" AND l."from_id" = c."id"
        )
        SELECT l."tenant_id", l."from_id", l."to_id" FROM "identity_links" l
          JOIN "chain" c ON l."tenant_id" = c."tenant_id" AND l."from_id" = c."id"`,
      [ids.map((entry) => entry.tenantId), ids.map((entry) => entry.id)],
    );
    for (const row of rows) {
      let links = byTenant.get(row.tenant_id);
      if (links === undefined) byTenant.set(row.tenant_id, (links = new Map()));
      links.set(row.from_id, row.to_id);
    }
    return byTenant;
  }

  /**
   * Stores links whose `fromId` has none yet (the first link wins) and returns those it stored, as
   * `tenantId` + NUL + `fromId` keys.
   */
  async insertNew(links: readonly NewIdentityLink[]): Promise<Set<string>> {
    if (links.length === 0) return new Set();
    const rows: Array<{ tenant_id: string; from_id: string }> = await this.sql.query(
      `INSERT INTO "identity_links" ("tenant_id", "from_id", "to_id", "source_event_id", "linked_at")
        SELECT * FROM unnest($1::uuid[], $2::varchar[], $3::varchar[], $4::varchar[], $5::timestamptz[])
        ON CONFLICT ("tenant_id", "from_id") DO NOTHING
        RETURNING "tenant_id", "from_id"`,
      [
        links.map((link) => link.tenantId),
        links.map((link) => link.fromId),
        links.map((link) => link.toId),
        links.map((link) => link.sourceEventId),
        links.map((link) => link.linkedAt.toISOString()),
      ],
    );
    return new Set(rows.map((row) => `${row.tenant_id}\u0000${row.from_id}`));
  }
}

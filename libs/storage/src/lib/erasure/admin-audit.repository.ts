import type { SqlExecutor } from '../repositories/sql-executor';

/** One admin action as recorded: who (the admin credential's identity), what, on which tenant and subject, when, figures. */
export interface AdminAuditEntry {
  id: string;
  at: Date;
  actor: string;
  action: string;
  tenantId: string | null;
  subject: string | null;
  details: Record<string, unknown>;
}

export type NewAdminAuditEntry = Omit<AdminAuditEntry, 'id' | 'at'>;

export interface AdminAuditQuery {
  tenantId?: string;
  action?: string;
  /** Entries at or after this instant. */
  since?: Date;
  /** Entries before this instant. */
  until?: Date;
  /** Entries older than this id (the previous page's last). */
  beforeId?: string;
  limit: number;
}

/** `admin_audit_log`, inside the caller's transaction when there is one (an erase writes its entry in its own). */
export class AdminAuditRepository {
  constructor(private readonly sql: SqlExecutor) {}

  async record(entry: NewAdminAuditEntry): Promise<AdminAuditEntry> {
    const rows: AuditRow[] = await this.sql.query(
      `INSERT INTO "admin_audit_log" ("actor", "action", "tenant_id", "subject", "details") VALUES ($1, $2, $3, $4, $5::jsonb)
        RETURNING "id", "at", "actor", "action", "tenant_id", "subject", "details"`,
      [entry.actor, entry.action, entry.tenantId, entry.subject, JSON.stringify(entry.details)],
    );
    return entryOf(rows[0]);
  }

  /** Newest first. */
  async list(query: AdminAuditQuery): Promise<AdminAuditEntry[]> {
    const rows: AuditRow[] = await this.sql.query(
      `SELECT "id", "at", "actor", "action", "tenant_id", "subject", "details" FROM "admin_audit_log"
        WHERE ($1::uuid IS NULL OR "tenant_id" = $1) AND ($2::varchar IS NULL OR "action" = $2) AND ($3::bigint IS NULL OR "id" < $3)
          AND ($5::timestamptz IS NULL OR "at" >= $5) AND ($6::timestamptz IS NULL OR "at" < $6)
        ORDER BY "id" DESC LIMIT $4`,
      [query.tenantId ?? null, query.action ?? null, query.beforeId ?? null, query.limit, query.since ?? null, query.until ?? null],
    );
    return rows.map(entryOf);
  }
}

interface AuditRow {
  id: string;
  at: Date;
  actor: string;
  action: string;
  tenant_id: string | null;
  subject: string | null;
  details: Record<string, unknown>;
}

function entryOf(row: AuditRow): AdminAuditEntry {
  return {
    id: String(row.id),
    at: row.at,
    actor: row.actor,
    action: row.action,
    tenantId: row.tenant_id,
    subject: row.subject,
    details: row.details,
  };
}

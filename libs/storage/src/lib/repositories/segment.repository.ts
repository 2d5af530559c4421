import type { SegmentDefinition } from '@pulse/analytics-core';
import type { SegmentRow } from '../entities/segment.entity';
import type { SqlExecutor } from './sql-executor';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const UNIQUE_VIOLATION = '23505';

export interface NewSegment {
  name: string;
  description?: string | null;
  definition: SegmentDefinition;
}

export type StoredSegment = Omit<SegmentRow, 'tenant'>;

export class SegmentNameTakenError extends Error {
  constructor(readonly segmentName: string) {
    super(`A segment named ${JSON.stringify(segmentName)} already exists.`);
  }
}

/** `segments`, always within one tenant: another tenant's id reads as absent. */
export class SegmentRepository {
  constructor(private readonly sql: SqlExecutor) {}

  async create(tenantId: string, segment: NewSegment): Promise<StoredSegment> {
    try {
      const [row] = await this.sql.query(
        `INSERT INTO "segments" ("tenant_id", "name", "description", "definition") VALUES ($1::uuid, $2, $3, $4::jsonb) RETURNING *`,
        [tenantId, segment.name, segment.description ?? null, JSON.stringify(segment.definition)],
      );
      return toSegment(row);
    } catch (error) {
      if (isUniqueViolation(error)) throw new SegmentNameTakenError(segment.name);
      throw error;
    }
  }

  /** The tenant's segments by name (code-point order). */
  async list(tenantId: string): Promise<StoredSegment[]> {
    const rows = await this.sql.query(`SELECT * FROM "segments" WHERE "tenant_id" = $1::uuid ORDER BY "name" COLLATE "C"`, [tenantId]);
    return rows.map(toSegment);
  }

  async find(tenantId: string, id: string): Promise<StoredSegment | null> {
    if (!UUID.test(id)) return null;
    const [row] = await this.sql.query(`SELECT * FROM "segments" WHERE "tenant_id" = $1::uuid AND "id" = $2::uuid`, [tenantId, id]);
    return row ? toSegment(row) : null;
  }

  /** True when the tenant had the segment. */
  async delete(tenantId: string, id: string): Promise<boolean> {
    if (!UUID.test(id)) return false;
    const rows = await this.sql.query(`DELETE FROM "segments" WHERE "tenant_id" = $1::uuid AND "id" = $2::uuid RETURNING "id"`, [tenantId, id]);
    // TypeORM's postgres driver answers DELETE … RETURNING with [rows, count].
    const deleted = Array.isArray(rows[0]) ? rows[0] : rows;
    return deleted.length > 0;
  }
}

function toSegment(row: { id: string; tenant_id: string; name: string; description: string | null; definition: SegmentDefinition; created_at: Date; updated_at: Date }): StoredSegment {
  return { id: row.id, tenantId: row.tenant_id, name: row.name, description: row.description, definition: row.definition, createdAt: row.created_at, updatedAt: row.updated_at };
}

function isUniqueViolation(error: unknown): boolean {
  const driverError = (error as { driverError?: { code?: string }; code?: string }) ?? {};
  return driverError.driverError?.code === UNIQUE_VIOLATION || driverError.code === UNIQUE_VIOLATION;
}

import type { SnakeCaseRow, SqlExecutor } from '@pulse/storage';
import type { DataSource } from 'typeorm';
import type { ModelVersionRow } from './model-version.entity';
import type { NewModelVersion, StoredModelVersion } from './model-version';

type RawModelVersionRow = SnakeCaseRow<ModelVersionRow, 'tenant'>;

/**
 * `model_versions`, always within one tenant. Saving numbers versions 1, 2, 3… per (tenant, kind) under
 * a transaction-scoped advisory lock on that pair, so two trainings finishing at once (two replicas)
 * get different numbers; at most one version is current (a partial unique index says so too).
 */
export class ModelVersionRepository {
  constructor(private readonly dataSource: DataSource) {}

  async save(tenantId: string, kind: string, version: NewModelVersion): Promise<StoredModelVersion> {
    return this.dataSource.transaction(async (manager) => {
      await lockKind(manager, tenantId, kind);
      const [{ next }] = await manager.query(
        `SELECT COALESCE(max("version"), 0) + 1 AS "next" FROM "model_versions" WHERE "tenant_id" = $1::uuid AND "kind" = $2`,
        [tenantId, kind],
      );
      if (version.makeCurrent) await clearCurrent(manager, tenantId, kind);
      const [row] = await manager.query(
        `INSERT INTO "model_versions" ("tenant_id", "kind", "version", "model", "metrics", "is_current", "trained_at")
         VALUES ($1::uuid, $2, $3, $4::jsonb, $5::jsonb, $6, $7) RETURNING *`,
        [tenantId, kind, next, JSON.stringify(version.model), JSON.stringify(version.metrics), version.makeCurrent, version.trainedAt],
      );
      return toModelVersion(row);
    });
  }

  /** The version served for (tenant, kind), if any. */
  async current(tenantId: string, kind: string): Promise<StoredModelVersion | null> {
    const [row] = await this.dataSource.query(`SELECT * FROM "model_versions" WHERE "tenant_id" = $1::uuid AND "kind" = $2 AND "is_current"`, [
      tenantId,
      kind,
    ]);
    return row ? toModelVersion(row) : null;
  }

  /** The versions of (tenant, kind), newest first. */
  async list(tenantId: string, kind: string, limit = 20): Promise<StoredModelVersion[]> {
    const rows = await this.dataSource.query(
      `SELECT * FROM "model_versions" WHERE "tenant_id" = $1::uuid AND "kind" = $2 ORDER BY "version" DESC LIMIT $3`,
      [tenantId, kind, limit],
    );
    return rows.map(toModelVersion);
  }

  /** Makes `version` the current one; false when the tenant has no such version. */
  async promote(tenantId: string, kind: string, version: number): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      await lockKind(manager, tenantId, kind);
      const [exists] = await manager.query(`SELECT 1 FROM "model_versions" WHERE "tenant_id" = $1::uuid AND "kind" = $2 AND "version" = $3`, [
        tenantId,
        kind,
        version,
      ]);
      if (!exists) return false;
      await clearCurrent(manager, tenantId, kind);
      await manager.query(`UPDATE "model_versions" SET "is_current" = true WHERE "tenant_id" = $1::uuid AND "kind" = $2 AND "version" = $3`, [
        tenantId,
        kind,
        version,
      ]);
      return true;
    });
  }
}

async function lockKind(sql: SqlExecutor, tenantId: string, kind: string): Promise<void> {
  await sql.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`model_versions:${tenantId}:${kind}`]);
}

async function clearCurrent(sql: SqlExecutor, tenantId: string, kind: string): Promise<void> {
  await sql.query(`UPDATE "model_versions" SET "is_current" = false WHERE "tenant_id" = $1::uuid AND "kind" = $2 AND "is_current"`, [tenantId, kind]);
}

function toModelVersion(row: RawModelVersionRow): StoredModelVersion {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    kind: row.kind,
    version: row.version,
    model: row.model,
    metrics: row.metrics,
    isCurrent: row.is_current,
    trainedAt: row.trained_at,
    createdAt: row.created_at,
  };
}

import { isUuid, returnedRows, type SnakeCaseRow, type SqlExecutor } from '@pulse/storage';
import type { ReportRow } from './report.entity';
import type { ReportDefinition, ReportSection, StoredReport } from './report';

type RawReportRow = SnakeCaseRow<ReportRow, 'tenant'>;

/** `reports`, always within one tenant: another tenant's id (or one that is no UUID) reads as absent. */
export class ReportRepository {
  constructor(private readonly sql: SqlExecutor) {}

  async create(tenantId: string, report: ReportDefinition): Promise<StoredReport> {
    const [row] = await this.sql.query(
      `INSERT INTO "reports" ("tenant_id", "name", "description", "type", "format", "period", "range_from", "range_to", "sections")
       VALUES ($1::uuid, $2, $3, $4, $5, $6, $7, $8, $9::jsonb) RETURNING *`,
      [tenantId, ...definitionValues(report)],
    );
    return toReport(row);
  }

  async find(tenantId: string, id: string): Promise<StoredReport | null> {
    if (!isUuid(id)) return null;
    const [row] = await this.sql.query(`SELECT * FROM "reports" WHERE "tenant_id" = $1::uuid AND "id" = $2::uuid`, [tenantId, id]);
    return row ? toReport(row) : null;
  }

  /** The tenant's reports, newest first. */
  async list(tenantId: string): Promise<StoredReport[]> {
    const rows = await this.sql.query(`SELECT * FROM "reports" WHERE "tenant_id" = $1::uuid ORDER BY "created_at" DESC, "id" DESC`, [tenantId]);
    return rows.map(toReport);
  }

  /** Replaces the definition; null when the tenant has no such report. */
  async replace(tenantId: string, id: string, report: ReportDefinition): Promise<StoredReport | null> {
    if (!isUuid(id)) return null;
    const rows = await this.sql.query(
      `UPDATE "reports" SET "name" = $3, "description" = $4, "type" = $5, "format" = $6, "period" = $7, "range_from" = $8, "range_to" = $9,
         "sections" = $10::jsonb, "updated_at" = clock_timestamp()
        WHERE "tenant_id" = $1::uuid AND "id" = $2::uuid RETURNING *`,
      [tenantId, id, ...definitionValues(report)],
    );
    const [row] = returnedRows<RawReportRow>(rows);
    return row ? toReport(row) : null;
  }

  /** Deletes the report and its runs (cascade); false when the tenant has no such report. */
  async delete(tenantId: string, id: string): Promise<boolean> {
    if (!isUuid(id)) return false;
    const rows = await this.sql.query(`DELETE FROM "reports" WHERE "tenant_id" = $1::uuid AND "id" = $2::uuid RETURNING "id"`, [tenantId, id]);
    return returnedRows(rows).length > 0;
  }
}

function definitionValues(report: ReportDefinition): unknown[] {
  return [
    report.name,
    report.description,
    report.type,
    report.format,
    report.period,
    report.rangeFrom,
    report.rangeTo,
    JSON.stringify(report.sections),
  ];
}

function toReport(row: RawReportRow): StoredReport {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    name: row.name,
    description: row.description,
    type: row.type,
    format: row.format,
    period: row.period,
    rangeFrom: row.range_from,
    rangeTo: row.range_to,
    sections: row.sections as ReportSection[],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

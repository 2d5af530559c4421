import { isUuid, returnedRows, type SnakeCaseRow, type SqlExecutor } from '@pulse/storage';
import type { ReportRunRow } from './report-run.entity';
import type { NewReportRun, ReportRunFile, StoredReportRun } from './report-run';

type RawReportRunRow = SnakeCaseRow<ReportRunRow, 'tenant' | 'report' | 'schedule'>;

/**
 * `report_runs`: the runs' history (read within one tenant) and the generation queue (claimed by any
 * worker). A claim bumps `attempts`; a worker writes progress and the outcome only while the row still
 * carries its attempt, so a worker whose lease ran out and whose run was taken over changes nothing.
 */
export class ReportRunRepository {
  constructor(private readonly sql: SqlExecutor) {}

  async enqueue(run: NewReportRun): Promise<StoredReportRun> {
    const [row] = await this.sql.query(
      `INSERT INTO "report_runs" ("tenant_id", "report_id", "format", "range_from", "range_to") VALUES ($1::uuid, $2::uuid, $3, $4, $5) RETURNING *`,
      [run.tenantId, run.reportId, run.format, run.rangeFrom, run.rangeTo],
    );
    return toRun(row);
  }

  async find(tenantId: string, reportId: string, runId: string): Promise<StoredReportRun | null> {
    if (!isUuid(reportId) || !isUuid(runId)) return null;
    const [row] = await this.sql.query(`SELECT * FROM "report_runs" WHERE "tenant_id" = $1::uuid AND "report_id" = $2::uuid AND "id" = $3::uuid`, [
      tenantId,
      reportId,
      runId,
    ]);
    return row ? toRun(row) : null;
  }

  /** A run of the tenant by its id alone (a delivery knows its run, not its report). */
  async findById(tenantId: string, runId: string): Promise<StoredReportRun | null> {
    if (!isUuid(runId)) return null;
    const [row] = await this.sql.query(`SELECT * FROM "report_runs" WHERE "tenant_id" = $1::uuid AND "id" = $2::uuid`, [tenantId, runId]);
    return row ? toRun(row) : null;
  }

  /** A report's runs, newest first. */
  async list(tenantId: string, reportId: string, limit = 50): Promise<StoredReportRun[]> {
    if (!isUuid(reportId)) return [];
    const rows = await this.sql.query(
      `SELECT * FROM "report_runs" WHERE "tenant_id" = $1::uuid AND "report_id" = $2::uuid ORDER BY "created_at" DESC, "id" DESC LIMIT $3`,
      [tenantId, reportId, limit],
    );
    return rows.map(toRun);
  }

  /** Where a report's finished runs keep their files (to remove them with the report). */
  async fileKeys(tenantId: string, reportId: string): Promise<string[]> {
    if (!isUuid(reportId)) return [];
    const rows: Array<{ file_key: string }> = await this.sql.query(
      `SELECT "file_key" FROM "report_runs" WHERE "tenant_id" = $1::uuid AND "report_id" = $2::uuid AND "file_key" IS NOT NULL`,
      [tenantId, reportId],
    );
    return rows.map((row) => row.file_key);
  }

  /**
   * Takes the oldest run waiting (queued, or generating with its lease run out: its worker died) and
   * leases it for `leaseMs`. Rows another worker is claiming are skipped, not waited for, so two
   * replicas never take the same run. Null when nothing waits.
   */
  async claimNext(now: Date, leaseMs: number): Promise<StoredReportRun | null> {
    const rows = await this.sql.query(
      `UPDATE "report_runs" AS "run" SET "status" = 'generating', "attempts" = "run"."attempts" + 1, "progress" = 0, "error" = NULL,
         "started_at" = $1, "lease_expires_at" = $1::timestamptz + make_interval(secs => $2::float8 / 1000)
         FROM (SELECT "id" FROM "report_runs"
                WHERE "status" = 'queued' OR ("status" = 'generating' AND "lease_expires_at" <= $1)
                ORDER BY "created_at" LIMIT 1 FOR UPDATE SKIP LOCKED) AS "next"
        WHERE "run"."id" = "next"."id" RETURNING "run".*`,
      [now, leaseMs],
    );
    const [row] = returnedRows<RawReportRunRow>(rows);
    return row ? toRun(row) : null;
  }

  /** Records progress and extends the lease; false when the run is no longer this attempt's. */
  async reportProgress(run: Pick<StoredReportRun, 'id' | 'attempts'>, progress: number, leaseExpiresAt: Date): Promise<boolean> {
    const rows = await this.sql.query(
      `UPDATE "report_runs" SET "progress" = $3, "lease_expires_at" = $4 WHERE "id" = $1::uuid AND "attempts" = $2 AND "status" = 'generating' RETURNING "id"`,
      [run.id, run.attempts, progress, leaseExpiresAt],
    );
    return returnedRows(rows).length > 0;
  }

  async complete(run: Pick<StoredReportRun, 'id' | 'attempts'>, file: ReportRunFile, at: Date): Promise<boolean> {
    const rows = await this.sql.query(
      `UPDATE "report_runs" SET "status" = 'completed', "progress" = 100, "lease_expires_at" = NULL, "completed_at" = $7,
         "file_key" = $3, "file_name" = $4, "content_type" = $5, "file_size" = $6
        WHERE "id" = $1::uuid AND "attempts" = $2 AND "status" = 'generating' RETURNING "id"`,
      [run.id, run.attempts, file.fileKey, file.fileName, file.contentType, file.fileSize, at],
    );
    return returnedRows(rows).length > 0;
  }

  /**
   * Deletes up to `limit` settled runs (with their deliveries) finished before `cutoff` and answers their
   * count and file keys for the caller to remove. Rows another replica is deleting are skipped, so each goes once.
   */
  async removeSettledBefore(cutoff: Date, limit: number): Promise<{ removed: number; fileKeys: string[] }> {
    const rows = await this.sql.query(
      `DELETE FROM "report_runs" WHERE "id" IN (
         SELECT "id" FROM "report_runs" WHERE "status" IN ('completed', 'failed') AND "completed_at" < $1
          ORDER BY "completed_at" LIMIT $2 FOR UPDATE SKIP LOCKED)
       RETURNING "file_key"`,
      [cutoff, limit],
    );
    const removed = returnedRows<{ file_key: string | null }>(rows);
    return { removed: removed.length, fileKeys: removed.flatMap((row) => (row.file_key ? [row.file_key] : [])) };
  }

  /** Ends the attempt failed; a run a GDPR erase queued again forgets its old file here, which the caller removes. */
  async fail(run: Pick<StoredReportRun, 'id' | 'attempts'>, error: string, at: Date): Promise<boolean> {
    const rows = await this.sql.query(
      `UPDATE "report_runs" SET "status" = 'failed', "error" = $3, "lease_expires_at" = NULL, "completed_at" = $4,
         "file_key" = NULL, "file_name" = NULL, "content_type" = NULL, "file_size" = NULL
        WHERE "id" = $1::uuid AND "attempts" = $2 AND "status" = 'generating' RETURNING "id"`,
      [run.id, run.attempts, error, at],
    );
    return returnedRows(rows).length > 0;
  }
}

export function toRun(row: RawReportRunRow): StoredReportRun {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    reportId: row.report_id,
    status: row.status,
    progress: row.progress,
    error: row.error,
    format: row.format,
    rangeFrom: row.range_from,
    rangeTo: row.range_to,
    attempts: row.attempts,
    leaseExpiresAt: row.lease_expires_at,
    fileKey: row.file_key,
    fileName: row.file_name,
    contentType: row.content_type,
    fileSize: row.file_size,
    createdAt: row.created_at,
    startedAt: row.started_at,
    completedAt: row.completed_at,
    scheduleId: row.schedule_id,
    occurrenceAt: row.occurrence_at,
  };
}

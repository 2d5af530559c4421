import { isUuid, returnedRows, type SnakeCaseRow } from '@pulse/storage';
import type { DataSource, EntityManager } from 'typeorm';
import { toRun } from '../runs/report-run.repository';
import type { StoredReportRun } from '../runs/report-run';
import type { ReportScheduleRow } from './report-schedule.entity';
import type { DueReportSchedule, ReportScheduleDefinition, ScheduleFiring, StoredReportSchedule } from './report-schedule';

type RawReportScheduleRow = SnakeCaseRow<ReportScheduleRow, 'tenant' | 'report'>;

/**
 * `report_schedules`: a tenant's schedules of its reports, and the firing of due occurrences. Firing
 * locks the due rows (`FOR UPDATE SKIP LOCKED`), inserts each occurrence's run and its deliveries and
 * advances `next_run_at` in one transaction; the run's unique `(schedule_id, occurrence_at)` makes a
 * second firing of the same occurrence insert nothing.
 */
export class ReportScheduleRepository {
  constructor(private readonly dataSource: DataSource) {}

  async create(
    tenantId: string,
    reportId: string,
    definition: ReportScheduleDefinition,
    webhookSecret: string | null,
  ): Promise<StoredReportSchedule> {
    const [row] = await this.dataSource.query(
      `INSERT INTO "report_schedules" ("tenant_id", "report_id", "cron", "enabled", "period", "recipients", "webhook_url", "webhook_secret", "next_run_at")
       VALUES ($1::uuid, $2::uuid, $3, $4, $5, $6::jsonb, $7, $8, $9) RETURNING *`,
      [tenantId, reportId, ...definitionValues(definition), webhookSecret, definition.nextRunAt],
    );
    return toSchedule(row);
  }

  async find(tenantId: string, reportId: string, id: string): Promise<StoredReportSchedule | null> {
    if (!isUuid(reportId) || !isUuid(id)) return null;
    const [row] = await this.dataSource.query(
      `SELECT * FROM "report_schedules" WHERE "tenant_id" = $1::uuid AND "report_id" = $2::uuid AND "id" = $3::uuid`,
      [tenantId, reportId, id],
    );
    return row ? toSchedule(row) : null;
  }

  /** The schedule a run was made by (its webhook secret signs the run's webhook). */
  async findById(tenantId: string, id: string): Promise<StoredReportSchedule | null> {
    const [row] = await this.dataSource.query(`SELECT * FROM "report_schedules" WHERE "tenant_id" = $1::uuid AND "id" = $2::uuid`, [tenantId, id]);
    return row ? toSchedule(row) : null;
  }

  /** A report's schedules, oldest first. */
  async list(tenantId: string, reportId: string): Promise<StoredReportSchedule[]> {
    if (!isUuid(reportId)) return [];
    const rows = await this.dataSource.query(
      `SELECT * FROM "report_schedules" WHERE "tenant_id" = $1::uuid AND "report_id" = $2::uuid ORDER BY "created_at", "id"`,
      [tenantId, reportId],
    );
    return rows.map(toSchedule);
  }

  /** Replaces what the client sets; the webhook secret is the caller's (kept, or new for a first webhook). */
  async replace(
    tenantId: string,
    reportId: string,
    id: string,
    definition: ReportScheduleDefinition,
    webhookSecret: string | null,
  ): Promise<StoredReportSchedule | null> {
    if (!isUuid(reportId) || !isUuid(id)) return null;
    const rows = await this.dataSource.query(
      `UPDATE "report_schedules" SET "cron" = $4, "enabled" = $5, "period" = $6, "recipients" = $7::jsonb, "webhook_url" = $8,
         "webhook_secret" = $9, "next_run_at" = $10, "updated_at" = now()
        WHERE "tenant_id" = $1::uuid AND "report_id" = $2::uuid AND "id" = $3::uuid RETURNING *`,
      [tenantId, reportId, id, ...definitionValues(definition), webhookSecret, definition.nextRunAt],
    );
    const [row] = returnedRows<RawReportScheduleRow>(rows);
    return row ? toSchedule(row) : null;
  }

  async delete(tenantId: string, reportId: string, id: string): Promise<boolean> {
    if (!isUuid(reportId) || !isUuid(id)) return false;
    const rows = await this.dataSource.query(
      `DELETE FROM "report_schedules" WHERE "tenant_id" = $1::uuid AND "report_id" = $2::uuid AND "id" = $3::uuid RETURNING "id"`,
      [tenantId, reportId, id],
    );
    return returnedRows(rows).length > 0;
  }

  /**
   * Fires up to `limit` enabled schedules due at `now`: `plan` says which occurrence runs and when the
   * next one is; its run (queued) and one pending delivery per channel are inserted and `next_run_at`
   * advanced, all in one transaction. Schedules another replica is firing are skipped. Answers the runs made.
   */
  async fireDue(now: Date, limit: number, plan: (due: DueReportSchedule) => ScheduleFiring): Promise<StoredReportRun[]> {
    return this.dataSource.transaction(async (manager) => {
      const rows: Array<
        RawReportScheduleRow & {
          report_name: string;
          format: string;
          report_period: string | null;
          range_from: string | null;
          range_to: string | null;
          time_zone: string;
        }
      > = await manager.query(
        `SELECT "schedule".*, "report"."name" AS "report_name", "report"."format", "report"."period" AS "report_period",
                  "report"."range_from", "report"."range_to", "tenant"."time_zone"
             FROM "report_schedules" AS "schedule"
             JOIN "reports" AS "report" ON "report"."id" = "schedule"."report_id"
             JOIN "tenants" AS "tenant" ON "tenant"."id" = "schedule"."tenant_id"
            WHERE "schedule"."enabled" AND "schedule"."next_run_at" <= $1
            ORDER BY "schedule"."next_run_at" LIMIT $2
              FOR UPDATE OF "schedule" SKIP LOCKED`,
        [now, limit],
      );
      const made: StoredReportRun[] = [];
      for (const row of rows) {
        const schedule = toSchedule(row);
        const firing = plan({
          schedule,
          report: {
            name: row.report_name,
            format: row.format,
            period: row.report_period,
            rangeFrom: row.range_from,
            rangeTo: row.range_to,
          },
          timeZone: row.time_zone,
        });
        if (firing.run) {
          const run = await insertOccurrenceRun(manager, schedule, row.format, firing.occurrenceAt, firing.run);
          if (run) {
            await insertDeliveries(manager, schedule, run.id, now);
            made.push(run);
          }
        }
        await manager.query(`UPDATE "report_schedules" SET "next_run_at" = $2, "last_run_at" = $3 WHERE "id" = $1::uuid`, [
          schedule.id,
          firing.nextRunAt,
          firing.occurrenceAt,
        ]);
      }
      return made;
    });
  }
}

/** The occurrence's run, or null when it was made already (the unique occurrence key). */
async function insertOccurrenceRun(
  manager: EntityManager,
  schedule: StoredReportSchedule,
  format: string,
  occurrenceAt: Date,
  range: ScheduleFiring['run'] & object,
): Promise<StoredReportRun | null> {
  const [row] = await manager.query(
    `INSERT INTO "report_runs" ("tenant_id", "report_id", "format", "range_from", "range_to", "schedule_id", "occurrence_at")
     VALUES ($1::uuid, $2::uuid, $3, $4, $5, $6::uuid, $7)
     ON CONFLICT ("schedule_id", "occurrence_at") DO NOTHING RETURNING *`,
    [schedule.tenantId, schedule.reportId, format, range.rangeFrom, range.rangeTo, schedule.id, occurrenceAt],
  );
  return row ? toRun(row) : null;
}

/** One pending delivery per channel the schedule has; each is sent once its run has settled. */
async function insertDeliveries(manager: EntityManager, schedule: StoredReportSchedule, runId: string, now: Date): Promise<void> {
  const targets: Array<[string, string]> = [];
  if (schedule.recipients.length > 0) targets.push(['email', schedule.recipients.join(', ')]);
  if (schedule.webhookUrl) targets.push(['webhook', schedule.webhookUrl]);
  for (const [channel, target] of targets) {
    await manager.query(
      `INSERT INTO "report_deliveries" ("tenant_id", "run_id", "channel", "target", "next_attempt_at") VALUES ($1::uuid, $2::uuid, $3, $4, $5)`,
      [schedule.tenantId, runId, channel, target, now],
    );
  }
}

function definitionValues(definition: ReportScheduleDefinition): unknown[] {
  return [definition.cron, definition.enabled, definition.period, JSON.stringify(definition.recipients), definition.webhookUrl];
}

function toSchedule(row: RawReportScheduleRow): StoredReportSchedule {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    reportId: row.report_id,
    cron: row.cron,
    enabled: row.enabled,
    period: row.period,
    recipients: row.recipients,
    webhookUrl: row.webhook_url,
    webhookSecret: row.webhook_secret,
    nextRunAt: row.next_run_at,
    lastRunAt: row.last_run_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

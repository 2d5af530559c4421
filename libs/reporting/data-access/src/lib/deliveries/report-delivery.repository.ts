import { isUuid, returnedRows, type SnakeCaseRow, type SqlExecutor } from '@pulse/storage';
import type { ReportDeliveryAttempt, ReportDeliveryRow } from './report-delivery.entity';
import type { ReportDeliveryOutcome, StoredReportDelivery } from './report-delivery';

type RawReportDeliveryRow = SnakeCaseRow<ReportDeliveryRow, 'tenant' | 'run'>;

/**
 * `report_deliveries`: the deliveries of scheduled runs, their attempts (read within one tenant) and the
 * delivery queue. A claim takes due pending deliveries whose run has settled, leases them and bumps
 * `attempts`; an attempt is recorded only while the row still carries that claim, so a deliverer whose
 * lease ran out (and whose delivery was taken over) records nothing.
 */
export class ReportDeliveryRepository {
  constructor(private readonly sql: SqlExecutor) {}

  /** A run's deliveries, email first. */
  async listForRun(tenantId: string, runId: string): Promise<StoredReportDelivery[]> {
    if (!isUuid(runId)) return [];
    const rows = await this.sql.query(`SELECT * FROM "report_deliveries" WHERE "tenant_id" = $1::uuid AND "run_id" = $2::uuid ORDER BY "channel"`, [
      tenantId,
      runId,
    ]);
    return rows.map(toDelivery);
  }

  /** Up to `limit` pending deliveries due at `now` whose run is completed or failed, each leased for `leaseMs`. */
  async claimDue(now: Date, leaseMs: number, limit: number): Promise<StoredReportDelivery[]> {
    const rows = await this.sql.query(
      `UPDATE "report_deliveries" AS "delivery"
          SET "attempts" = "delivery"."attempts" + 1, "lease_expires_at" = $1::timestamptz + make_interval(secs => $2::float8 / 1000)
         FROM (SELECT "due"."id" FROM "report_deliveries" AS "due" JOIN "report_runs" AS "run" ON "run"."id" = "due"."run_id"
                WHERE "due"."status" = 'pending' AND "due"."next_attempt_at" <= $1
                  AND ("due"."lease_expires_at" IS NULL OR "due"."lease_expires_at" <= $1)
                  AND "run"."status" IN ('completed', 'failed')
                ORDER BY "due"."next_attempt_at" LIMIT $3 FOR UPDATE OF "due" SKIP LOCKED) AS "next"
        WHERE "delivery"."id" = "next"."id" RETURNING "delivery".*`,
      [now, leaseMs, limit],
    );
    return returnedRows<RawReportDeliveryRow>(rows).map(toDelivery);
  }

  /** Appends the attempt and sets the outcome; false when the delivery is no longer this claim's. */
  async recordAttempt(
    delivery: Pick<StoredReportDelivery, 'id' | 'attempts'>,
    attempt: ReportDeliveryAttempt,
    outcome: ReportDeliveryOutcome,
  ): Promise<boolean> {
    const rows = await this.sql.query(
      `UPDATE "report_deliveries" SET "attempt_log" = "attempt_log" || $3::jsonb, "status" = $4::varchar, "lease_expires_at" = NULL,
         "next_attempt_at" = COALESCE($5::timestamptz, "next_attempt_at"), "delivered_at" = CASE WHEN $4::varchar = 'delivered' THEN $6::timestamptz END
        WHERE "id" = $1::uuid AND "attempts" = $2 AND "status" = 'pending' RETURNING "id"`,
      [
        delivery.id,
        delivery.attempts,
        JSON.stringify([attempt]),
        outcome.status,
        outcome.status === 'pending' ? outcome.nextAttemptAt : null,
        new Date(Date.parse(attempt.at) + attempt.durationMs),
      ],
    );
    return returnedRows(rows).length > 0;
  }
}

function toDelivery(row: RawReportDeliveryRow): StoredReportDelivery {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    runId: row.run_id,
    channel: row.channel,
    target: row.target,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    leaseExpiresAt: row.lease_expires_at,
    attemptLog: row.attempt_log,
    createdAt: row.created_at,
    deliveredAt: row.delivered_at,
  };
}

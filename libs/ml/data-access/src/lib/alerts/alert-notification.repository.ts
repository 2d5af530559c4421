import { isUuid, returnedRows, type SnakeCaseRow, type SqlExecutor } from '@pulse/storage';
import type { AlertNotificationKind, AlertNotificationRow, DeliveryAttempt } from './alert-notification.entity';
import type { ClaimedDelivery, DeliveryOutcome, NewAlertNotification, StoredAlertNotification } from './alert-notification';

type RawNotificationRow = SnakeCaseRow<AlertNotificationRow, 'rule'>;

/** `alert_notifications`: one row per (rule, incident, kind), the delivery queue and the rules' history. */
export class AlertNotificationRepository {
  constructor(private readonly sql: SqlExecutor) {}

  /**
   * Inserts the notification unless the rule already has one of this kind for the incident (another
   * replica, another bucket of the same incident): then null, and nothing changes.
   */
  async insertIfAbsent(notification: NewAlertNotification): Promise<StoredAlertNotification | null> {
    const rows = await this.sql.query(
      `INSERT INTO "alert_notifications" ("rule_id", "tenant_id", "incident_id", "kind", "incident_started_at", "bucket_start",
         "payload", "status", "next_attempt_at")
       VALUES ($1::uuid, $2::uuid, $3, $4, $5, $6, $7::jsonb, $8, $9)
       ON CONFLICT ("rule_id", "incident_id", "kind") DO NOTHING RETURNING *`,
      [
        notification.ruleId,
        notification.tenantId,
        notification.incidentId,
        notification.kind,
        notification.incidentStartedAt,
        notification.bucketStart,
        JSON.stringify(notification.payload),
        notification.status,
        notification.nextAttemptAt,
      ],
    );
    const [row] = returnedRows<RawNotificationRow>(rows);
    return row ? toNotification(row) : null;
  }

  async findForIncident(ruleId: string, incidentId: string, kind: AlertNotificationKind): Promise<StoredAlertNotification | null> {
    const [row] = await this.sql.query(`SELECT * FROM "alert_notifications" WHERE "rule_id" = $1::uuid AND "incident_id" = $2 AND "kind" = $3`, [
      ruleId,
      incidentId,
      kind,
    ]);
    return row ? toNotification(row) : null;
  }

  /** Start of the rule's latest incident whose `fired` was sent (or is being sent), other than `exceptIncidentId`: the cooldown's reference. */
  async lastNotifiedIncidentStart(ruleId: string, exceptIncidentId: string): Promise<Date | null> {
    const [row] = await this.sql.query(
      `SELECT max("incident_started_at") AS "started_at" FROM "alert_notifications"
        WHERE "rule_id" = $1::uuid AND "kind" = 'fired' AND "status" <> 'suppressed' AND "incident_id" <> $2`,
      [ruleId, exceptIncidentId],
    );
    return row?.started_at ?? null;
  }

  /**
   * Takes up to `limit` pending notifications due at `now` for one attempt each: their next attempt is
   * pushed `leaseMs` ahead, so no other replica takes them meanwhile (and one whose deliverer died is
   * tried again after the lease). Rows another transaction holds are skipped, not waited for. A rule's
   * notifications go out in the order they were decided: one waits while an earlier one of its rule is
   * still pending (a recovery never overtakes its incident's retried `fired`).
   */
  async claimDue(now: Date, leaseMs: number, limit: number): Promise<ClaimedDelivery[]> {
    const rows = await this.sql.query(
      `UPDATE "alert_notifications" AS "n" SET "next_attempt_at" = $1::timestamptz + make_interval(secs => $2::float8 / 1000)
         FROM (SELECT "id" FROM "alert_notifications" AS "candidate"
                WHERE "status" = 'pending' AND "next_attempt_at" <= $1
                  AND NOT EXISTS (SELECT 1 FROM "alert_notifications" AS "earlier"
                                   WHERE "earlier"."rule_id" = "candidate"."rule_id" AND "earlier"."status" = 'pending'
                                     AND ("earlier"."created_at", "earlier"."id") < ("candidate"."created_at", "candidate"."id"))
                ORDER BY "next_attempt_at" LIMIT $3 FOR UPDATE SKIP LOCKED) AS "due", "alert_rules" AS "r"
        WHERE "n"."id" = "due"."id" AND "r"."id" = "n"."rule_id"
        RETURNING "n".*, "r"."webhook_url" AS "rule_webhook_url", "r"."webhook_secret" AS "rule_webhook_secret"`,
      [now, leaseMs, limit],
    );
    return returnedRows<RawNotificationRow & { rule_webhook_url: string; rule_webhook_secret: string }>(rows).map((row) => ({
      notification: toNotification(row),
      webhookUrl: row.rule_webhook_url,
      webhookSecret: row.rule_webhook_secret,
    }));
  }

  /** Appends the attempt to the notification's log and moves it on (delivered, retried later, or failed). */
  async recordAttempt(id: string, attempt: DeliveryAttempt, outcome: DeliveryOutcome): Promise<StoredAlertNotification | null> {
    const rows = await this.sql.query(
      `UPDATE "alert_notifications" SET "attempts" = "attempts" + 1, "attempt_log" = "attempt_log" || jsonb_build_array($2::jsonb),
         "last_error" = COALESCE($3, "last_error"), "status" = $4::varchar, "next_attempt_at" = $5,
         "delivered_at" = CASE WHEN $4::varchar = 'delivered' THEN $6::timestamptz ELSE "delivered_at" END, "updated_at" = clock_timestamp()
        WHERE "id" = $1::uuid AND "status" = 'pending' RETURNING *`,
      [
        id,
        JSON.stringify(attempt),
        attempt.error ?? null,
        outcome.status,
        outcome.status === 'pending' ? outcome.nextAttemptAt : null,
        new Date(Date.parse(attempt.at) + attempt.durationMs),
      ],
    );
    const [row] = returnedRows<RawNotificationRow>(rows);
    return row ? toNotification(row) : null;
  }

  /** A rule's notifications, newest first, only within its tenant; `before` pages on `createdAt`. */
  async history(tenantId: string, ruleId: string, options: { limit: number; before?: Date }): Promise<StoredAlertNotification[]> {
    if (!isUuid(ruleId)) return [];
    const rows = await this.sql.query(
      `SELECT * FROM "alert_notifications" WHERE "tenant_id" = $1::uuid AND "rule_id" = $2::uuid
          AND ($3::timestamptz IS NULL OR "created_at" < $3)
        ORDER BY "created_at" DESC, "id" DESC LIMIT $4`,
      [tenantId, ruleId, options.before ?? null, options.limit],
    );
    return rows.map(toNotification);
  }
}

function toNotification(row: RawNotificationRow): StoredAlertNotification {
  return {
    id: row.id,
    ruleId: row.rule_id,
    tenantId: row.tenant_id,
    incidentId: row.incident_id,
    kind: row.kind,
    incidentStartedAt: row.incident_started_at,
    bucketStart: row.bucket_start,
    payload: row.payload,
    status: row.status,
    attempts: row.attempts,
    lastError: row.last_error,
    attemptLog: row.attempt_log,
    nextAttemptAt: row.next_attempt_at,
    deliveredAt: row.delivered_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

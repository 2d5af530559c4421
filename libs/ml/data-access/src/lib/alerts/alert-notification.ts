import type { AlertNotificationKind, AlertNotificationStatus, DeliveryAttempt } from './alert-notification.entity';

/** A notification the alerting service decided on (before any delivery). */
export interface NewAlertNotification {
  ruleId: string;
  tenantId: string;
  incidentId: string;
  kind: AlertNotificationKind;
  incidentStartedAt: Date;
  bucketStart: Date;
  /** The webhook body (sent as its JSON text, signed). */
  payload: Record<string, unknown>;
  /** `pending` to deliver from `nextAttemptAt`, or `suppressed` (cooldown: kept in the history, never sent). */
  status: Extract<AlertNotificationStatus, 'pending' | 'suppressed'>;
  nextAttemptAt: Date | null;
}

export interface StoredAlertNotification extends Omit<NewAlertNotification, 'status'> {
  id: string;
  status: AlertNotificationStatus;
  attempts: number;
  lastError: string | null;
  attemptLog: DeliveryAttempt[];
  deliveredAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A pending notification claimed for one delivery attempt, with where to send it. */
export interface ClaimedDelivery {
  notification: StoredAlertNotification;
  webhookUrl: string;
  webhookSecret: string;
}

/** What one attempt led to: delivered, another attempt later, or given up. */
export type DeliveryOutcome = { status: 'delivered' } | { status: 'pending'; nextAttemptAt: Date } | { status: 'failed' };

import { Inject, Injectable } from '@nestjs/common';
import { decideFiredNotification, decideRecoveredNotification, queryBucketContaining, type FiredNotificationOutcome } from '@pulse/analytics-core';
import type { AnomalySignal } from '@pulse/contracts';
import { AlertNotificationRepository, AlertRuleRepository, type StoredAlertNotification, type StoredAlertRule } from '@pulse/ml-data-access';
import { AlertMetrics } from './alert-metrics';
import { ALERTS_CLOCK, type AlertsClock } from './alerts-clock';
import { webhookPayloadOf, type WebhookPayload } from './webhook-payload';
import { WebhookDeliverer } from './webhook-deliverer';

/**
 * The alerting service: turns signals from `pulse.anomalies.v1` into notifications. An incident's first
 * `fired` signal is notified unless it starts within the rule's cooldown of the last notified incident
 * (then it is recorded as suppressed); later buckets of the incident add nothing. A `recovered` is
 * notified only when the incident's `fired` was. Each notification is one row per (rule, incident,
 * kind) inserted with ON CONFLICT DO NOTHING, so replicas and redelivered signals add nothing either.
 */
@Injectable()
export class AlertNotifier {
  constructor(
    private readonly rules: AlertRuleRepository,
    private readonly notifications: AlertNotificationRepository,
    private readonly deliverer: WebhookDeliverer,
    private readonly metrics: AlertMetrics,
    @Inject(ALERTS_CLOCK) private readonly clock: AlertsClock,
  ) {}

  async onSignal(signal: AnomalySignal): Promise<void> {
    const rule = await this.rules.find(signal.tenantId, signal.ruleId);
    // A rule deleted since: nobody to tell.
    if (rule === null) return;
    const fired = await this.notifications.findForIncident(rule.id, signal.incidentId, 'fired');
    if (signal.kind === 'fired') {
      if (fired !== null) {
        this.metrics.notifications.inc({ kind: 'fired', decision: 'duplicate' });
        return;
      }
      const last = await this.notifications.lastNotifiedIncidentStart(rule.id, signal.incidentId);
      const decision = decideFiredNotification({
        incidentStartedAt: Date.parse(signal.incidentStartedAt),
        lastNotifiedIncidentStartedAt: last?.getTime() ?? null,
        cooldownMs: rule.cooldownSeconds * 1000,
      });
      await this.record(rule, signal, decision);
      return;
    }
    await this.recordRecovery(rule, signal, fired, this.notifications);
  }

  /**
   * Ends the open incident of a rule whose edit changed what it watches (`watchesTheSame`): an
   * `alert.recovered` with `reason: 'rule_changed'`, decided like any recovery and at most once per incident
   * (the row is unique per rule, incident and kind, so a recovery the detector published meanwhile adds
   * nothing). `notifications` runs in the edit's transaction; call `wakeDeliveries` after its commit.
   */
  async closeIncidentOfEdit(previous: StoredAlertRule, timeZone: string, notifications: AlertNotificationRepository): Promise<void> {
    const incident = previous.openIncident;
    if (incident === null) return;
    const lastJudged = queryBucketContaining(previous.lastEvaluatedBucket?.getTime() ?? incident.startedAt, previous.granularity, timeZone);
    const signal: AnomalySignal = {
      schemaVersion: 1,
      kind: 'recovered',
      tenantId: previous.tenantId,
      ruleId: previous.id,
      ruleName: previous.name,
      incidentId: incident.id,
      incidentStartedAt: new Date(incident.startedAt).toISOString(),
      granularity: previous.granularity,
      bucketStart: lastJudged.start.toISOString(),
      bucketEnd: lastJudged.end.toISOString(),
      observed: null,
      expected: null,
      lower: null,
      upper: null,
      score: null,
      severity: null,
      condition: previous.condition,
      detectedAt: new Date(this.clock()).toISOString(),
    };
    const fired = await notifications.findForIncident(previous.id, incident.id, 'fired');
    await this.recordRecovery(previous, signal, fired, notifications, 'rule_changed');
  }

  /** Looks at the delivery queue now (for a notification committed outside `onSignal`). */
  wakeDeliveries(): void {
    this.deliverer.wake();
  }

  private async recordRecovery(
    rule: StoredAlertRule,
    signal: AnomalySignal,
    fired: StoredAlertNotification | null,
    notifications: AlertNotificationRepository,
    reason?: WebhookPayload['reason'],
  ): Promise<void> {
    const outcome: FiredNotificationOutcome = fired === null ? 'absent' : fired.status === 'suppressed' ? 'suppressed' : 'notified';
    const decision = decideRecoveredNotification(outcome);
    if (decision === 'skip') {
      this.metrics.notifications.inc({ kind: 'recovered', decision: 'skip' });
      return;
    }
    await this.record(rule, signal, decision, notifications, reason);
  }

  private async record(
    rule: StoredAlertRule,
    signal: AnomalySignal,
    decision: 'notify' | 'suppress',
    notifications: AlertNotificationRepository = this.notifications,
    reason?: WebhookPayload['reason'],
  ): Promise<void> {
    const inserted = await notifications.insertIfAbsent({
      ruleId: rule.id,
      tenantId: rule.tenantId,
      incidentId: signal.incidentId,
      kind: signal.kind,
      incidentStartedAt: new Date(signal.incidentStartedAt),
      bucketStart: new Date(signal.bucketStart),
      payload: { ...webhookPayloadOf(signal), ...(reason === undefined ? {} : { reason }) },
      status: decision === 'notify' ? 'pending' : 'suppressed',
      nextAttemptAt: decision === 'notify' ? new Date(this.clock()) : null,
    });
    this.metrics.notifications.inc({ kind: signal.kind, decision: inserted === null ? 'duplicate' : decision });
    // Inside an edit's transaction the row is not visible to the deliverer yet: the edit wakes it after its commit.
    if (inserted !== null && decision === 'notify' && notifications === this.notifications) this.deliverer.wake();
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { decideFiredNotification, decideRecoveredNotification, type FiredNotificationOutcome } from '@pulse/analytics-core';
import type { AnomalySignal } from '@pulse/contracts';
import { AlertNotificationRepository, AlertRuleRepository, type StoredAlertRule } from '@pulse/ml-data-access';
import { AlertMetrics } from './alert-metrics';
import { ALERTS_CLOCK, type AlertsClock } from './alerts-clock';
import { webhookPayloadOf } from './webhook-payload';
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
    const outcome: FiredNotificationOutcome = fired === null ? 'absent' : fired.status === 'suppressed' ? 'suppressed' : 'notified';
    const decision = decideRecoveredNotification(outcome);
    if (decision === 'skip') {
      this.metrics.notifications.inc({ kind: 'recovered', decision: 'skip' });
      return;
    }
    await this.record(rule, signal, decision);
  }

  private async record(rule: StoredAlertRule, signal: AnomalySignal, decision: 'notify' | 'suppress'): Promise<void> {
    const inserted = await this.notifications.insertIfAbsent({
      ruleId: rule.id,
      tenantId: rule.tenantId,
      incidentId: signal.incidentId,
      kind: signal.kind,
      incidentStartedAt: new Date(signal.incidentStartedAt),
      bucketStart: new Date(signal.bucketStart),
      payload: { ...webhookPayloadOf(signal) },
      status: decision === 'notify' ? 'pending' : 'suppressed',
      nextAttemptAt: decision === 'notify' ? new Date(this.clock()) : null,
    });
    this.metrics.notifications.inc({ kind: signal.kind, decision: inserted === null ? 'duplicate' : decision });
    if (inserted !== null && decision === 'notify') this.deliverer.wake();
  }
}

import type { AnomalySignal } from '@pulse/contracts';

/** The JSON a rule's webhook receives (signed as sent; `X-Pulse-Delivery` carries the notification id). */
export interface WebhookPayload {
  type: 'alert.fired' | 'alert.recovered';
  tenantId: string;
  rule: { id: string; name: string; granularity: AnomalySignal['granularity']; condition: AnomalySignal['condition'] };
  incident: { id: string; startedAt: string };
  /** The bucket that raised it: for `alert.fired` the incident's first notified bucket, for `alert.recovered` the first clear one. */
  bucket: { start: string; end: string };
  observed: number | null;
  expected: number | null;
  lower: number | null;
  upper: number | null;
  score: number | null;
  severity: AnomalySignal['severity'];
  method?: string;
  detectedAt: string;
  /**
   * Only on an `alert.recovered` that an edit of the rule sent (it changed what the rule watches, or disabled
   * it): the incident ended without a clear bucket, so `bucket` is its last judged one and the figures are null.
   */
  reason?: 'rule_changed';
}

export function webhookPayloadOf(signal: AnomalySignal): WebhookPayload {
  return {
    type: signal.kind === 'fired' ? 'alert.fired' : 'alert.recovered',
    tenantId: signal.tenantId,
    rule: { id: signal.ruleId, name: signal.ruleName, granularity: signal.granularity, condition: signal.condition },
    incident: { id: signal.incidentId, startedAt: signal.incidentStartedAt },
    bucket: { start: signal.bucketStart, end: signal.bucketEnd },
    observed: signal.observed,
    expected: signal.expected,
    lower: signal.lower,
    upper: signal.upper,
    score: signal.score,
    severity: signal.severity,
    ...(signal.method === undefined ? {} : { method: signal.method }),
    detectedAt: signal.detectedAt,
  };
}

import { Injectable } from '@nestjs/common';
import { ServiceMetrics } from '@pulse/observability';
import { Counter, Histogram } from 'prom-client';

/** The detector's and the alerting service's Prometheus series, on the insights service's registry. */
@Injectable()
export class AlertMetrics {
  readonly evaluations: Counter<'outcome'>;
  readonly signals: Counter<'kind'>;
  readonly notifications: Counter<'kind' | 'decision'>;
  readonly deliveries: Counter<'outcome'>;
  readonly deliveryDelay: Histogram;

  constructor(metrics: ServiceMetrics) {
    const registers = [metrics.registry];
    this.evaluations = new Counter({
      name: 'pulse_alert_evaluations_total',
      help: 'Alert rules judged for a closed bucket: breaching, clear, or failed (query error; judged again with the next bucket)',
      labelNames: ['outcome'],
      registers,
    });
    this.signals = new Counter({
      name: 'pulse_alert_signals_published_total',
      help: 'Signals published to pulse.anomalies.v1: fired (every breaching bucket) and recovered',
      labelNames: ['kind'],
      registers,
    });
    this.notifications = new Counter({
      name: 'pulse_alert_notifications_total',
      help: 'What the alerting service made of a signal: notify, suppress (cooldown), skip (nothing to tell), duplicate (already recorded)',
      labelNames: ['kind', 'decision'],
      registers,
    });
    this.deliveries = new Counter({
      name: 'pulse_alert_webhook_attempts_total',
      help: 'Webhook delivery attempts: delivered, retry (failed, tried again later) or failed (attempts used up)',
      labelNames: ['outcome'],
      registers,
    });
    this.deliveryDelay = new Histogram({
      name: 'pulse_alert_delivery_delay_seconds',
      help: 'From the end of the bucket that raised a notification to its webhook answering 2xx',
      buckets: [1, 2, 5, 10, 15, 20, 30, 45, 60, 90, 120, 300, 900],
      registers,
    });
    // Every known series from the start: a failure ratio needs the zeros before the first failure.
    for (const outcome of ['breaching', 'clear', 'failed']) this.evaluations.inc({ outcome }, 0);
    for (const kind of ['fired', 'recovered']) {
      this.signals.inc({ kind }, 0);
      for (const decision of ['notify', 'suppress', 'skip', 'duplicate']) this.notifications.inc({ kind, decision }, 0);
    }
    for (const outcome of ['delivered', 'retry', 'failed']) this.deliveries.inc({ outcome }, 0);
  }
}

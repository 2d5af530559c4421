import { Injectable } from '@nestjs/common';
import { ServiceMetrics } from '@pulse/observability';
import { REPORT_DELIVERY_CHANNELS, type ReportDeliveryChannel } from '@pulse/reporting-data-access';
import { Counter, Histogram } from 'prom-client';
import { REPORT_FORMATS } from './formats/report-formats';

export type ReportRunOutcome = 'completed' | 'failed';
export type ReportDeliveryAttemptOutcome = 'delivered' | 'retry' | 'failed';

/** The reporting service's Prometheus series, on its own registry (`/metrics`). */
@Injectable()
export class ReportingMetrics {
  private readonly runs: Counter<'outcome' | 'format'>;
  private readonly generationDuration: Histogram<'format'>;
  private readonly deliveryAttempts: Counter<'channel' | 'outcome'>;

  constructor(metrics: ServiceMetrics) {
    const registers = [metrics.registry];
    this.runs = new Counter({
      name: 'pulse_report_runs_total',
      help: 'Report runs finished by this replica, by outcome (completed, failed) and format',
      labelNames: ['outcome', 'format'],
      registers,
    });
    this.generationDuration = new Histogram({
      name: 'pulse_report_generation_duration_seconds',
      help: 'Time to generate one report run (read its sections, write its file), whatever the outcome, by format',
      labelNames: ['format'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
      registers,
    });
    this.deliveryAttempts = new Counter({
      name: 'pulse_report_delivery_attempts_total',
      help: 'Scheduled report delivery attempts by channel (email, webhook) and outcome: delivered, retry (tried again later), failed (given up)',
      labelNames: ['channel', 'outcome'],
      registers,
    });
    // Every known series from the start, so rates and failure ratios exist before the first failure.
    for (const format of REPORT_FORMATS) {
      for (const outcome of ['completed', 'failed'] as const) this.runs.inc({ outcome, format }, 0);
      this.generationDuration.zero({ format });
    }
    for (const channel of REPORT_DELIVERY_CHANNELS) {
      for (const outcome of ['delivered', 'retry', 'failed'] as const) this.deliveryAttempts.inc({ channel, outcome }, 0);
    }
  }

  runFinished(format: string, outcome: ReportRunOutcome, seconds: number): void {
    // A format from an older release is still one series, not one per stray value.
    const label = (REPORT_FORMATS as readonly string[]).includes(format) ? format : 'other';
    this.runs.inc({ outcome, format: label });
    this.generationDuration.observe({ format: label }, seconds);
  }

  deliveryAttempted(channel: ReportDeliveryChannel, outcome: ReportDeliveryAttemptOutcome): void {
    this.deliveryAttempts.inc({ channel, outcome });
  }
}

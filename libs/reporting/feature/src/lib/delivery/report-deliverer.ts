import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { localDayRange, nextDeliveryDelayMs } from '@pulse/analytics-core';
import { SIGNATURE_HEADER, webhookSignature } from '@pulse/platform';
import {
  ReportDeliveryRepository,
  ReportRepository,
  ReportRunRepository,
  ReportScheduleRepository,
  type ReportDeliveryAttempt,
  type ReportDeliveryOutcome,
  type StoredReport,
  type StoredReportDelivery,
  type StoredReportRun,
} from '@pulse/reporting-data-access';
import { TenantRepository } from '@pulse/storage';
import { performance } from 'node:perf_hooks';
import { formatCell, formatChange, headlineFigures } from '../formats/report-presentation';
import { REPORT_FILE_STORE, type ReportFileStore } from '../files/report-file-store';
import { REPORT_GENERATION_OPTIONS, type ReportGenerationOptions } from '../generation/report-generation-options';
import { ReportSectionReader, type ReportTenant } from '../generation/report-section-reader';
import { REPORT_SCHEDULING_OPTIONS, type ReportSchedulingOptions } from '../schedules/report-scheduling-options';
import { emailHtml, emailSubject, emailText, webhookPayload, type DeliveredRun, type ReportHeadline } from './report-delivery-content';
import { REPORT_MAILER, type ReportMailer } from './report-mailer';
import { ReportingMetrics } from '../reporting-metrics';

/** A delivery that cannot succeed however often it is tried (its run failed, its schedule is gone). */
class UndeliverableError extends Error {}

/**
 * Sends the deliveries of settled scheduled runs: the email (the file attached, an HTML summary) and the
 * signed webhook (`X-Pulse-Signature: sha256=<hex HMAC-SHA256 of the body>`, `X-Pulse-Delivery` = the
 * delivery id, the same on every retry). A failed attempt is tried again after an exponential backoff
 * until the attempts are used up; every attempt is kept in the delivery's log. Each attempt is claimed
 * (leased) by one replica, so with several replicas a delivery is still made once per attempt.
 */
@Injectable()
export class ReportDeliverer implements OnModuleDestroy {
  private readonly logger = new Logger(ReportDeliverer.name);
  private draining: Promise<void> | undefined;

  constructor(
    private readonly deliveries: ReportDeliveryRepository,
    private readonly runs: ReportRunRepository,
    private readonly reports: ReportRepository,
    private readonly schedules: ReportScheduleRepository,
    private readonly tenants: TenantRepository,
    private readonly sections: ReportSectionReader,
    @Inject(REPORT_FILE_STORE) private readonly files: ReportFileStore,
    @Inject(REPORT_MAILER) private readonly mailer: ReportMailer,
    @Inject(REPORT_SCHEDULING_OPTIONS)
    private readonly options: ReportSchedulingOptions,
    @Inject(REPORT_GENERATION_OPTIONS)
    private readonly clock: Pick<ReportGenerationOptions, 'now'>,
    private readonly metrics: ReportingMetrics,
  ) {}

  onModuleDestroy(): Promise<void> | undefined {
    this.mailer.close();
    return this.draining;
  }

  /** Makes the attempts due now (one pass at a time in this process; a call during a pass waits for it). */
  deliverDue(): Promise<void> {
    this.draining ??= this.drain().finally(() => {
      this.draining = undefined;
    });
    return this.draining;
  }

  private async drain(): Promise<void> {
    try {
      const claimed = await this.deliveries.claimDue(this.clock.now(), this.options.delivery.leaseMs, this.options.batchSize);
      await Promise.all(claimed.map((delivery) => this.attempt(delivery)));
    } catch (error) {
      this.logger.warn(`report deliveries paused until the next look: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async attempt(delivery: StoredReportDelivery): Promise<void> {
    const at = this.clock.now();
    const started = performance.now();
    let response: string | undefined;
    let error: string | undefined;
    let retry = true;
    try {
      response = await this.send(delivery);
    } catch (failure) {
      error = describeFailure(failure);
      retry = !(failure instanceof UndeliverableError);
    }
    const attempt: ReportDeliveryAttempt = {
      at: at.toISOString(),
      durationMs: Math.round(performance.now() - started),
      ...(response === undefined ? {} : { response }),
      ...(error === undefined ? {} : { error }),
    };
    const outcome = this.outcomeOf(error, retry, delivery.attempts);
    await this.deliveries.recordAttempt(delivery, attempt, outcome);
    this.metrics.deliveryAttempted(delivery.channel, outcome.status === 'pending' ? 'retry' : outcome.status);
    if (error !== undefined) this.logger.warn(`report delivery ${delivery.id} (${delivery.channel}, attempt ${delivery.attempts}): ${error}`);
  }

  private outcomeOf(error: string | undefined, retry: boolean, attemptsMade: number): ReportDeliveryOutcome {
    if (error === undefined) return { status: 'delivered' };
    const delay = retry ? nextDeliveryDelayMs(attemptsMade, this.options.delivery.retry) : null;
    return delay === null
      ? { status: 'failed' }
      : {
          status: 'pending',
          nextAttemptAt: new Date(this.clock.now().getTime() + delay),
        };
  }

  /** Sends one delivery; answers what the receiver said. */
  private async send(delivery: StoredReportDelivery): Promise<string> {
    const run = await this.runs.findById(delivery.tenantId, delivery.runId);
    if (!run) throw new UndeliverableError('the run no longer exists');
    if (run.status !== 'completed' || !run.fileKey || !run.fileName || !run.contentType) {
      throw new UndeliverableError(`the run failed: ${run.error ?? run.status}`);
    }
    const report = await this.reports.find(delivery.tenantId, run.reportId);
    const tenant = await this.tenants.findById(delivery.tenantId);
    if (!report || !tenant) throw new UndeliverableError('the report no longer exists');
    const delivered: DeliveredRun = { report, run, timeZone: tenant.timeZone };
    if (delivery.channel === 'email') {
      const headlines = await this.headlines(report, run, tenant);
      return this.mailer.send({
        to: delivery.target.split(/,\s*/),
        subject: emailSubject(delivered),
        html: emailHtml(delivered, headlines),
        text: emailText(delivered, headlines),
        attachment: {
          fileName: run.fileName,
          contentType: run.contentType,
          content: await this.files.read(run.fileKey),
        },
      });
    }
    const schedule = run.scheduleId ? await this.schedules.findById(delivery.tenantId, run.scheduleId) : null;
    if (!schedule?.webhookSecret) throw new UndeliverableError('the schedule (and its webhook secret) no longer exists');
    return this.post(delivery, JSON.stringify(webhookPayload(delivered, delivery.tenantId)), schedule.webhookSecret);
  }

  private async post(delivery: StoredReportDelivery, body: string, secret: string): Promise<string> {
    const response = await fetch(delivery.target, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Pulse-Reports/1',
        [SIGNATURE_HEADER]: webhookSignature(secret, body),
        'x-pulse-delivery': delivery.id,
        'x-pulse-event': 'report.completed',
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(this.options.delivery.timeoutMs),
    });
    await response.arrayBuffer().catch(() => undefined);
    if (response.status < 200 || response.status >= 300) throw new Error(`HTTP ${response.status}`);
    return `HTTP ${response.status}`;
  }

  /**
   * The metric sections' figures for the email body, read again through the query engine over the run's
   * days (so a figure may include events that arrived after the file was written). A section that fails
   * shows "unavailable" rather than holding back the email.
   */
  private async headlines(report: StoredReport, run: StoredReportRun, tenant: ReportTenant): Promise<ReportHeadline[]> {
    const range = localDayRange(run.rangeFrom, run.rangeTo, tenant.timeZone);
    const headlines: ReportHeadline[] = [];
    for (const section of report.sections) {
      if (section.kind !== 'metric') continue;
      try {
        const figures = headlineFigures([await this.sections.read(tenant, section, range)]);
        if (figures.length === 0) headlines.push({ title: section.title, value: '–', change: '' });
        // A grouped metric has a figure per group; the email shows the first five as the report does.
        for (const figure of figures.slice(0, 5)) {
          headlines.push({ title: figure.label, value: formatCell(figure.value), change: formatChange(figure) });
        }
      } catch {
        headlines.push({ title: section.title, value: 'unavailable', change: '' });
      }
    }
    return headlines;
  }
}

function describeFailure(failure: unknown): string {
  const error = failure as Error & {
    cause?: { code?: string; message?: string };
  };
  if (error.name === 'TimeoutError') return 'no answer within the timeout';
  return error.cause?.code ?? error.cause?.message ?? error.message ?? String(failure);
}

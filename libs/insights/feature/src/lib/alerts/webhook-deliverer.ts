import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { nextDeliveryDelayMs } from '@pulse/analytics-core';
import { AlertNotificationRepository, type ClaimedDelivery, type DeliveryAttempt, type DeliveryOutcome } from '@pulse/ml-data-access';
import { AlertMetrics } from './alert-metrics';
import { ALERTS_CLOCK, type AlertsClock } from './alerts-clock';
import { ALERTS_OPTIONS, type AlertsOptions } from './alerts-options';
import { SIGNATURE_HEADER, webhookSignature } from '@pulse/platform';

/**
 * Sends pending notifications to their rule's webhook: a JSON POST signed with the rule's secret
 * (`X-Pulse-Signature: sha256=<hex HMAC-SHA256 of the body>`), `X-Pulse-Delivery` = the notification id
 * (the same on every retry, for receivers to de-duplicate). 2xx is delivered; anything else (or no
 * answer within the timeout) is retried with exponential backoff until the attempts are used up, each
 * attempt kept in the notification's log. The queue is the table: each replica claims due rows for one
 * attempt, so every attempt is made by one replica, and a deliverer that dies leaves it to the next
 * after the lease. Redirects are not followed (a receiver must answer itself).
 */
@Injectable()
export class WebhookDeliverer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(WebhookDeliverer.name);
  private timer: NodeJS.Timeout | undefined;
  private draining: Promise<void> | undefined;
  private wokenWhileDraining = false;
  private stopped = false;

  constructor(
    private readonly notifications: AlertNotificationRepository,
    @Inject(ALERTS_OPTIONS) private readonly options: AlertsOptions,
    private readonly metrics: AlertMetrics,
    @Inject(ALERTS_CLOCK) private readonly clock: AlertsClock,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.wake(), this.options.delivery.pollMs);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.draining;
  }

  /** Looks at the queue now (or right after the look in progress). */
  wake(): void {
    if (this.stopped) return;
    if (this.draining) {
      this.wokenWhileDraining = true;
      return;
    }
    this.draining = this.drain().finally(() => {
      this.draining = undefined;
    });
  }

  /** Resolves once the queue holds nothing due (for tests and shutdown). */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  private async drain(): Promise<void> {
    const { leaseMs, batchSize } = this.options.delivery;
    try {
      do {
        this.wokenWhileDraining = false;
        const claimed = await this.notifications.claimDue(new Date(this.clock()), leaseMs, batchSize);
        await Promise.all(claimed.map((claim) => this.deliver(claim)));
        if (claimed.length === batchSize) this.wokenWhileDraining = true;
      } while (this.wokenWhileDraining && !this.stopped);
    } catch (error) {
      this.logger.warn(`webhook deliveries paused until the next look: ${(error as Error).message}`);
    }
  }

  private async deliver({ notification, webhookUrl, webhookSecret }: ClaimedDelivery): Promise<void> {
    const body = JSON.stringify(notification.payload);
    const started = this.clock();
    let httpStatus: number | undefined;
    let error: string | undefined;
    try {
      const response = await fetch(webhookUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Pulse-Alerts/1',
          [SIGNATURE_HEADER]: webhookSignature(webhookSecret, body),
          'x-pulse-delivery': notification.id,
          'x-pulse-event': String(notification.payload['type']),
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.options.delivery.timeoutMs),
      });
      httpStatus = response.status;
      await response.arrayBuffer().catch(() => undefined);
      if (httpStatus < 200 || httpStatus >= 300) error = `HTTP ${httpStatus}`;
    } catch (failure) {
      error = describeFailure(failure);
    }
    const finished = this.clock();
    const attempt: DeliveryAttempt = {
      at: new Date(started).toISOString(),
      durationMs: finished - started,
      ...(httpStatus === undefined ? {} : { httpStatus }),
      ...(error === undefined ? {} : { error }),
    };
    const outcome = this.outcomeOf(error, notification.attempts + 1, finished);
    await this.notifications.recordAttempt(notification.id, attempt, outcome);
    this.metrics.deliveries.inc({ outcome: outcome.status === 'pending' ? 'retry' : outcome.status });
    if (outcome.status === 'delivered') {
      const bucketEnd = Date.parse(String((notification.payload['bucket'] as { end?: string } | undefined)?.end));
      if (Number.isFinite(bucketEnd)) this.metrics.deliveryDelay.observe((finished - bucketEnd) / 1000);
    } else {
      this.logger.warn(`webhook of alert rule ${notification.ruleId} failed (attempt ${notification.attempts + 1}): ${error}`);
    }
  }

  private outcomeOf(error: string | undefined, attemptsMade: number, now: number): DeliveryOutcome {
    if (error === undefined) return { status: 'delivered' };
    const delay = nextDeliveryDelayMs(attemptsMade, this.options.delivery.retry);
    return delay === null ? { status: 'failed' } : { status: 'pending', nextAttemptAt: new Date(now + delay) };
  }
}

function describeFailure(failure: unknown): string {
  const error = failure as Error & { cause?: { code?: string; message?: string } };
  if (error.name === 'TimeoutError') return 'no answer within the timeout';
  return error.cause?.code ?? error.cause?.message ?? error.message ?? String(failure);
}

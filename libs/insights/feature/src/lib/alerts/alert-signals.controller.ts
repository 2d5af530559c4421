import { Controller, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { decodeAnomalySignal, decodeMinuteAggregate, TOPICS } from '@pulse/contracts';
import type { ReceivedMessage } from '@pulse/messaging';
import { AlertDetector } from './alert-detector';
import { AlertNotifier } from './alert-notifier';

/**
 * The bus side of alerting, served by the `MessageBusTransport` (Kafka or the in-process bus): closed
 * minutes feed the detector, signals feed the notifier. A message that is not what its topic promises
 * is logged and skipped; an error of the handler (database down) fails the batch, delivered again.
 */
@Controller()
export class AlertSignalsController {
  private readonly logger = new Logger(AlertSignalsController.name);

  constructor(
    private readonly detector: AlertDetector,
    private readonly notifier: AlertNotifier,
  ) {}

  @EventPattern(TOPICS.aggregates)
  async onMinuteAggregate(@Payload() message: ReceivedMessage): Promise<void> {
    const decoded = decodeMinuteAggregate(message.value);
    if (!decoded.ok) return this.skip(message, decoded.reason);
    await this.detector.onMinuteClosed(decoded.aggregate);
  }

  @EventPattern(TOPICS.anomalies)
  async onAnomalySignal(@Payload() message: ReceivedMessage): Promise<void> {
    const decoded = decodeAnomalySignal(message.value);
    if (!decoded.ok) return this.skip(message, decoded.reason);
    await this.notifier.onSignal(decoded.signal);
  }

  private skip(message: ReceivedMessage, reason: string): void {
    this.logger.warn(`skipped ${message.topic} ${message.partition}@${message.offset}: ${reason}`);
  }
}

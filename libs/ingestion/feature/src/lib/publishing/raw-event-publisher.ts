import { Inject, Injectable, Logger } from '@nestjs/common';
import { encodeEnvelope, encodeQuarantineRecord, QUARANTINE_RECORD_HEADER, TOPICS, type QuarantineRecord, type RawEventEnvelope } from '@pulse/contracts';
import { MESSAGE_BUS, type MessageBus } from '@pulse/messaging';
import { currentRequestId, REQUEST_ID_HEADER } from '@pulse/observability';
import { INGESTION_LIMITS, type IngestionLimits } from '../limits/ingestion-limits';
import { IngestionMetrics } from '../metrics/ingestion-metrics';
import { EventsNotStoredError } from './events-not-stored.error';
import { partitionKeyOf } from './partition-key';

/** At most one "broker unavailable" log line per this many milliseconds: an outage must not flood the logs. */
const FAILURE_LOG_INTERVAL_MS = 10_000;

/**
 * Publishes envelopes to the raw topic and resolves only once the bus acknowledged them (Kafka:
 * acks=all from the idempotent producer), or throws `EventsNotStoredError` so the request gets 503.
 *
 * The wait is bounded by `publishTimeoutMs`: kafkajs retries an unreachable broker for much longer
 * than a client should hang. A publish that timed out keeps running and may still land later; the
 * client, told 503, sends again, and the stream processor drops the second copy by (tenant, event id).
 * That is at-least-once delivery, exact for clients that send their own event ids (Segment's
 * messageId, PostHog's uuid); an id Pulse generated is new on every attempt.
 */
@Injectable()
export class RawEventPublisher {
  private readonly logger = new Logger(RawEventPublisher.name);
  private pendingEvents = 0;
  private lastFailureLoggedAt = Number.NEGATIVE_INFINITY;

  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(INGESTION_LIMITS) private readonly limits: IngestionLimits,
    private readonly metrics: IngestionMetrics,
  ) {}

  /**
   * `refused`: the request's rejected events, for the tenant's quarantine (via the dead-letter topic).
   * They travel with the accepted ones: the answer waits for both, so no refused event is only counted.
   */
  async publish(envelopes: readonly RawEventEnvelope[], refused: readonly QuarantineRecord[] = []): Promise<void> {
    if (envelopes.length === 0 && refused.length === 0) return;
    const { publishTimeoutMs, retryAfterSeconds, maxPendingEvents } = this.limits;
    if (this.pendingEvents + envelopes.length > maxPendingEvents) {
      this.metrics.published('overloaded', 0);
      throw new EventsNotStoredError(
        'overloaded',
        `Events were not stored: ${this.pendingEvents} events are still waiting for the message broker. Nothing was accepted; retry after ${retryAfterSeconds} s.`,
        retryAfterSeconds,
      );
    }
    // The request's id travels with its events, so the processor's log lines for their batch name it.
    const requestId = currentRequestId();
    const traced: Record<string, string> = requestId ? { [REQUEST_ID_HEADER]: requestId } : {};
    const messages = envelopes.map((envelope) => ({ key: partitionKeyOf(envelope), value: encodeEnvelope(envelope), headers: traced }));
    const started = process.hrtime.bigint();
    this.pendingEvents += envelopes.length;
    const quarantined = refused.map((record) => ({
      key: `${record.tenantId}:${record.eventId ?? ''}`,
      value: encodeQuarantineRecord(record),
      headers: { [QUARANTINE_RECORD_HEADER]: '1', ...traced },
    }));
    const publishing = Promise.all([
      messages.length > 0 ? this.bus.publish(TOPICS.rawEvents, messages) : undefined,
      quarantined.length > 0 ? this.bus.publish(TOPICS.deadLetter, quarantined) : undefined,
    ]);
    // Counted until the bus settles, not until the request gives up: that is what holds memory.
    void publishing.then(
      () => (this.pendingEvents -= envelopes.length),
      () => (this.pendingEvents -= envelopes.length),
    );
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timed_out'>((resolve) => (timer = setTimeout(() => resolve('timed_out'), publishTimeoutMs)));
    try {
      const outcome = await Promise.race([publishing.then(() => 'acknowledged' as const), timedOut]);
      this.metrics.published(outcome, secondsSince(started));
      if (outcome === 'timed_out') {
        throw this.notStored(
          'timed_out',
          `the message broker did not acknowledge them within ${publishTimeoutMs} ms`,
        );
      }
    } catch (error) {
      if (error instanceof EventsNotStoredError) throw error;
      this.metrics.published('failed', secondsSince(started));
      throw this.notStored('failed', `the message broker refused them (${(error as Error).message})`);
    } finally {
      clearTimeout(timer);
    }
  }

  private notStored(reason: 'timed_out' | 'failed', why: string): EventsNotStoredError {
    const now = Date.now();
    if (now - this.lastFailureLoggedAt >= FAILURE_LOG_INTERVAL_MS) {
      this.lastFailureLoggedAt = now;
      this.logger.warn(`Answering 503: ${why}`);
    }
    const retryAfterSeconds = this.limits.retryAfterSeconds;
    return new EventsNotStoredError(
      reason,
      `Events were not stored: ${why}. Nothing was accepted; retry after ${retryAfterSeconds} s with the same event ids.`,
      retryAfterSeconds,
    );
  }
}

function secondsSince(started: bigint): number {
  return Number(process.hrtime.bigint() - started) / 1e9;
}

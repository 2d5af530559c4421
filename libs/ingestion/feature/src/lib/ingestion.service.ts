import { Inject, Injectable } from '@nestjs/common';
import type { EventSource, QuarantineRecord, RawEventEnvelope, ValidationIssue } from '@pulse/contracts';
import { clientEventTypeOf, type EventMapper } from './acceptance/event-mappers';
import { screenEvents, type RejectedEvent } from './acceptance/screen-events';
import { INGESTION_CLOCK, type IngestionClock } from './ingestion-clock';
import { INGESTION_LIMITS, type IngestionLimits } from './limits/ingestion-limits';
import { TENANT_RATE_LIMITER, type RateLimiter } from './limits/rate-limiter';
import { TenantRateLimitedError } from './limits/tenant-rate-limiter';
import { IngestionMetrics, type EventRejectionReason } from './metrics/ingestion-metrics';
import { EventsNotStoredError } from './publishing/events-not-stored.error';
import { RawEventPublisher } from './publishing/raw-event-publisher';
import { TenantSchemaSettingsService } from './schema/tenant-schema-settings.service';

export interface IngestionRequest {
  tenantId: string;
  source: EventSource;
  events: readonly unknown[];
  map: EventMapper;
  /** The batch's send time, if the API has one; mappers reject the events when it is malformed. */
  sentAt?: string;
}

export interface IngestionResult {
  /** Ids of the events on the raw topic, in request order. */
  eventIds: string[];
  rejected: { index: number; reason: EventRejectionReason; errors: ValidationIssue[] }[];
}

/**
 * One request's events: stamp `receivedAt`, screen each event, publish the good ones and return once
 * the bus acknowledged them. @throws EventsNotStoredError (→ 503) when the bus did not, and
 * TenantRateLimitedError (→ 429) when the tenant is over its rate limit (nothing is published then).
 */
@Injectable()
export class IngestionService {
  constructor(
    @Inject(INGESTION_LIMITS) private readonly limits: IngestionLimits,
    @Inject(INGESTION_CLOCK) private readonly clock: IngestionClock,
    private readonly publisher: RawEventPublisher,
    private readonly metrics: IngestionMetrics,
    private readonly schemaSettings: TenantSchemaSettingsService,
    @Inject(TENANT_RATE_LIMITER) private readonly rateLimiter: RateLimiter,
  ) {}

  async ingest(request: IngestionRequest): Promise<IngestionResult> {
    // One reading per request: the rate limit and the events' receivedAt see the same instant.
    const now = this.clock.now();
    const decision = await this.rateLimiter.take(request.tenantId, request.events.length, now.getTime());
    if (!decision.allowed) {
      this.metrics.rejected(request.source, 'rate_limited', request.events.map(clientEventTypeOf));
      throw new TenantRateLimitedError(this.limits.rateLimit, decision.retryAfterSeconds);
    }
    const receivedAt = now.toISOString();
    const screened = screenEvents(request.events, request.map, {
      tenantId: request.tenantId,
      source: request.source,
      receivedAt,
      ...(request.sentAt === undefined ? {} : { sentAt: request.sentAt }),
      limits: this.limits,
      newEventId: this.clock.newEventId,
      schema: await this.schemaSettings.of(request.tenantId),
    });
    for (const rejected of screened.rejected) this.metrics.rejected(request.source, rejected.reason, [rejected.eventType]);
    const refused = screened.rejected.map((rejected) => quarantineRecordOf(rejected, request, receivedAt));
    try {
      await this.publisher.publish(screened.accepted, refused);
    } catch (error) {
      if (error instanceof EventsNotStoredError) this.metrics.rejected(request.source, 'not_stored', typesOf(screened.accepted));
      throw error;
    }
    this.metrics.accepted(request.source, typesOf(screened.accepted));
    return { eventIds: screened.accepted.map((envelope) => envelope.event.eventId), rejected: screened.rejected };
  }
}

function quarantineRecordOf(rejected: RejectedEvent, request: IngestionRequest, receivedAt: string): QuarantineRecord {
  return {
    tenantId: request.tenantId,
    receivedAt,
    source: request.source,
    eventId: rejected.eventId,
    ...(rejected.eventType ? { eventType: rejected.eventType } : {}),
    reason: rejected.reason,
    errors: rejected.errors,
    payload: rejected.payload,
  };
}

function typesOf(envelopes: readonly RawEventEnvelope[]): string[] {
  return envelopes.map((envelope) => envelope.event.type);
}

import { Injectable } from '@nestjs/common';
import { ServiceMetrics } from '@pulse/observability';
import { eventTypeLabel, type EventSource } from '@pulse/contracts';
import { Counter, Gauge, Histogram } from 'prom-client';
import type { RequestBodyProblem } from '../body/request-body-error';

/** Why an event was not accepted; a short fixed list, so Prometheus series stay few. */
export type EventRejectionReason = 'invalid' | 'too_large' | 'timestamp_out_of_window' | 'not_stored' | 'rate_limited';

const PUBLISH_OUTCOMES = ['acknowledged', 'failed', 'timed_out', 'overloaded'] as const;
export type PublishOutcome = (typeof PUBLISH_OUTCOMES)[number];

/** Ingestion's own series on the service's registry (`/metrics`). */
@Injectable()
export class IngestionMetrics {
  private readonly eventsAccepted: Counter<'source' | 'type'>;
  private readonly eventsRejected: Counter<'source' | 'reason' | 'type'>;
  private readonly requestsRefused: Counter<'reason'>;
  private readonly publishDuration: Histogram<'outcome'>;
  private readonly rateLimitShared: Gauge;
  private readonly rateLimitFallbackDecisions: Counter<'decision'>;

  constructor(metrics: ServiceMetrics) {
    const registers = [metrics.registry];
    this.eventsAccepted = new Counter({
      name: 'ingestion_events_accepted_total',
      help: 'Events acknowledged by the message bus and answered 202, by source (http, segment, posthog) and event type (registered types; custom for the others)',
      labelNames: ['source', 'type'],
      registers,
    });
    this.eventsRejected = new Counter({
      name: 'ingestion_events_rejected_total',
      help: 'Events not accepted, by source, reason (invalid, too_large, timestamp_out_of_window, not_stored, rate_limited) and event type (registered types; custom, unknown)',
      labelNames: ['source', 'reason', 'type'],
      registers,
    });
    this.requestsRefused = new Counter({
      name: 'ingestion_requests_refused_total',
      help: 'Requests refused before their events were read: payload_too_large, malformed_json, empty_body, unsupported_encoding',
      labelNames: ['reason'],
      registers,
    });
    this.publishDuration = new Histogram({
      name: 'ingestion_publish_duration_seconds',
      help: 'Time from publishing to the raw topic until acknowledged (or failed, timed out), by outcome',
      labelNames: ['outcome'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    // Every outcome from the start: a rate (and the 503 alert over it) needs the zero before the first failure.
    for (const outcome of PUBLISH_OUTCOMES) this.publishDuration.zero({ outcome });
    this.rateLimitShared = new Gauge({
      name: 'pulse_ingestion_rate_limit_shared',
      help: "1 while tenants' rate limits are shared by the replicas through Redis; 0 while this replica limits on its own (Redis unreachable, or none configured)",
      registers,
    });
    this.rateLimitShared.set(0);
    this.rateLimitFallbackDecisions = new Counter({
      name: 'pulse_ingestion_rate_limit_fallback_decisions_total',
      help: "Requests this replica's own limiter decided because the shared one in Redis was unreachable, by decision (allowed, refused)",
      labelNames: ['decision'],
      registers,
    });
    for (const decision of ['allowed', 'refused']) this.rateLimitFallbackDecisions.inc({ decision }, 0);
  }

  /** Whether the tenants' rate limits are shared through Redis right now. */
  rateLimitSharing(shared: boolean): void {
    this.rateLimitShared.set(shared ? 1 : 0);
  }

  rateLimitFallbackDecision(allowed: boolean): void {
    this.rateLimitFallbackDecisions.inc({ decision: allowed ? 'allowed' : 'refused' });
  }

  /** `types`: each accepted event's type (one label value per event). */
  accepted(source: EventSource, types: readonly unknown[]): void {
    for (const [type, count] of countByTypeLabel(types)) this.eventsAccepted.inc({ source, type }, count);
  }

  rejected(source: EventSource, reason: EventRejectionReason, types: readonly unknown[]): void {
    for (const [type, count] of countByTypeLabel(types)) this.eventsRejected.inc({ source, reason, type }, count);
  }

  requestRefused(reason: RequestBodyProblem): void {
    this.requestsRefused.inc({ reason });
  }

  published(outcome: PublishOutcome, seconds: number): void {
    this.publishDuration.observe({ outcome }, seconds);
  }
}

function countByTypeLabel(types: readonly unknown[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const type of types) {
    const label = eventTypeLabel(type);
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  return counts;
}

import { Injectable } from '@nestjs/common';
import { ServiceMetrics } from '@pulse/observability';
import { Counter, Histogram } from 'prom-client';

export type RejectionKind = 'invalid' | 'schema_violation' | 'unknown_tenant' | 'unstorable';

/** The stream processor's Prometheus series, on the service's own registry (served at /metrics). */
@Injectable()
export class ProcessorMetrics {
  readonly eventsStored: Counter<'topic'>;
  readonly eventsRejected: Counter<'kind'>;
  readonly duplicates: Counter;
  readonly eventsSuppressed: Counter;
  readonly batchDuration: Histogram;
  readonly liveStateFailures: Counter;
  readonly storedWithViolations: Counter<'rule'>;
  readonly quarantined: Counter<'reason'>;
  readonly quarantineDropped: Counter;
  readonly deadLettersWithoutTenant: Counter;
  readonly aggregatesPublished: Counter;
  readonly minutesClosed: Counter;
  readonly minuteCloseDelay: Histogram;
  readonly minuteCloseFailures: Counter;

  constructor(metrics: ServiceMetrics) {
    const registers = [metrics.registry];
    this.eventsStored = new Counter({
      name: 'pulse_processor_events_stored_total',
      help: 'Events stored for the first time, by source topic',
      labelNames: ['topic'],
      registers,
    });
    this.eventsRejected = new Counter({
      name: 'pulse_processor_events_rejected_total',
      help: 'Messages sent to the dead-letter topic: invalid, unknown tenant, or refused by storage',
      labelNames: ['kind'],
      registers,
    });
    this.duplicates = new Counter({
      name: 'pulse_processor_events_duplicate_total',
      help: 'Events skipped because the same tenant and event id was already stored or repeated in the batch',
      registers,
    });
    this.eventsSuppressed = new Counter({
      name: 'pulse_processor_events_suppressed_total',
      help: 'Events dropped because their user or anonymous id was erased while the tenant suppresses erased users',
      registers,
    });
    this.batchDuration = new Histogram({
      name: 'pulse_processor_batch_duration_seconds',
      help: 'Time to process one batch, from decoding to the live-state update',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.liveStateFailures = new Counter({
      name: 'pulse_processor_live_state_failures_total',
      help: 'Batches whose live-state update failed after their database commit (the live state is best effort)',
      registers,
    });
    this.storedWithViolations = new Counter({
      name: 'pulse_processor_events_stored_with_violations_total',
      help: 'Events stored under the lenient schema policy although they broke a rule of their type, by rule (once per event and rule)',
      labelNames: ['rule'],
      registers,
    });
    this.quarantined = new Counter({
      name: 'pulse_events_quarantined_total',
      help: 'Rejected events kept in their tenant\'s quarantine, by reason (ingestion and processor rejections alike)',
      labelNames: ['reason'],
      registers,
    });
    this.quarantineDropped = new Counter({
      name: 'pulse_quarantine_dropped_total',
      help: 'Quarantined events dropped by the size and age bounds, oldest first (also counted in the tenant\'s overview)',
      registers,
    });
    this.deadLettersWithoutTenant = new Counter({
      name: 'pulse_dead_letters_without_tenant_total',
      help: 'Dead letters naming no known tenant (unknown write key or tenant id): counted and logged, not quarantined',
      registers,
    });
    this.aggregatesPublished = new Counter({
      name: 'pulse_processor_minute_aggregates_published_total',
      help: 'Closed minute aggregates published to pulse.aggregates.v1 (one per active tenant and minute)',
      registers,
    });
    this.minutesClosed = new Counter({
      name: 'pulse_processor_minutes_closed_total',
      help: 'Minutes this replica closed (claimed in the cache first, so across replicas each minute once)',
      registers,
    });
    this.minuteCloseDelay = new Histogram({
      name: 'pulse_processor_minute_close_delay_seconds',
      help: "From a minute's end to its aggregates being published (the lateness allowance included)",
      buckets: [1, 2, 5, 10, 15, 20, 30, 60, 120, 300],
      registers,
    });
    this.minuteCloseFailures = new Counter({
      name: 'pulse_processor_minute_close_failures_total',
      help: 'Attempts to close a minute that failed (database or bus); the minute is tried again on the next tick',
      registers,
    });
  }
}

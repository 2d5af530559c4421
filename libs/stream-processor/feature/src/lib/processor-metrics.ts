import { Injectable } from '@nestjs/common';
import { ServiceMetrics } from '@pulse/observability';
import { Counter, Gauge, Histogram } from 'prom-client';

export type RejectionKind = 'invalid' | 'schema_violation' | 'unknown_tenant' | 'unstorable';

/** How far the processor group is behind per partition, read from the bus at each scrape (`ProcessorLag`). */
export type ConsumerLagSource = () => Promise<ReadonlyArray<{ topic: string; partition: number; lag: number }>>;

/** The stream processor's Prometheus series, on the service's own registry (served at /metrics). */
@Injectable()
export class ProcessorMetrics {
  readonly eventsStored: Counter<'topic'>;
  readonly deadLettered: Counter<'reason' | 'type'>;
  readonly batchSize: Histogram;
  readonly storeDuration: Histogram;
  readonly rollupRows: Counter<'granularity'>;
  readonly lateEvents: Counter;
  readonly consumerLag: Gauge<'topic' | 'partition'>;
  #lagSource: ConsumerLagSource | undefined;
  readonly duplicates: Counter;
  readonly eventsSuppressed: Counter;
  readonly batchDuration: Histogram;
  readonly liveStateFailures: Counter;
  readonly liveStateRebuilds: Counter;
  readonly storedWithViolations: Counter<'rule'>;
  readonly quarantined: Counter<'reason' | 'type'>;
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
    this.deadLettered = new Counter({
      name: 'pulse_processor_events_dead_lettered_total',
      help: 'Messages the processor sent to the dead-letter topic, by reason (invalid, schema_violation, unknown_tenant, unstorable) and event type (registered types; custom, unknown)',
      labelNames: ['reason', 'type'],
      registers,
    });
    this.batchSize = new Histogram({
      name: 'pulse_processor_batch_messages',
      help: 'Messages in one batch handed to the processor by the bus (one partition)',
      buckets: [1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000],
      registers,
    });
    this.storeDuration = new Histogram({
      name: 'pulse_processor_store_duration_seconds',
      help: "Time to store one batch's events: the database transaction(s), retries and splits included",
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.rollupRows = new Counter({
      name: 'pulse_processor_rollup_rows_updated_total',
      help: 'Rollup rows created or added to by stored events (one per tenant, bucket, event type and dimension values per batch), by granularity',
      labelNames: ['granularity'],
      registers,
    });
    this.lateEvents = new Counter({
      name: 'pulse_processor_late_events_total',
      help: "Events stored although received after their minute's aggregates were due (minute end + PROCESSOR_AGGREGATE_LATENESS_MS): in the rollups, not in that minute's published aggregate",
      registers,
    });
    // Read at scrape time: an exporter that polls would be one more loop to stop at shutdown.
    const lagSource = () => this.#lagSource;
    this.consumerLag = new Gauge({
      name: 'pulse_processor_consumer_lag',
      help: "Messages of each inbound partition the processor group has not committed yet (the bus's view at scrape time)",
      labelNames: ['topic', 'partition'],
      registers,
      async collect() {
        const source = lagSource();
        if (!source) {
          this.reset();
          return;
        }
        try {
          const lags = await source();
          this.reset();
          for (const { topic, partition, lag } of lags) this.set({ topic, partition: String(partition) }, lag);
        } catch {
          // The bus did not answer: no lag series this scrape rather than stale ones (the readiness series says why).
          this.reset();
        }
      },
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
    this.liveStateRebuilds = new Counter({
      name: 'pulse_processor_live_state_rebuilds_total',
      help: 'Times this replica rebuilt every tenant\'s live state from the stored events after a cache outage',
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
      help: 'Rejected events kept in their tenant\'s quarantine (every dead letter naming a known tenant), by reason (ingestion and processor rejections alike) and event type (registered types; custom, unknown)',
      labelNames: ['reason', 'type'],
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

  /** Where the consumer lag gauge reads from (the consumer sets it once it subscribed). */
  readLagFrom(source: ConsumerLagSource | undefined): void {
    this.#lagSource = source;
  }
}

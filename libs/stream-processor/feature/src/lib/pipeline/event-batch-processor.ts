import { Inject, Injectable, Logger } from '@nestjs/common';
import { eventTypeLabel, setViolatingValuesAside, type ValidationIssue } from '@pulse/contracts';
import type { BatchOutcome, ReceivedMessage, RejectedMessage } from '@pulse/messaging';
import { requestIdsOf, runWithRequestContext } from '@pulse/observability';
import { LiveStateWriter, liveStateEventOf, type LiveStateEvent } from '@pulse/realtime';
import { DATA_SOURCE, eventKey } from '@pulse/storage';
import { QueryFailedError, type DataSource } from 'typeorm';
import { LiveStateRecovery } from '../live-state/live-state-recovery';
import { ProcessorMetrics } from '../processor-metrics';
import { STREAM_PROCESSOR_OPTIONS, type StreamProcessorOptions } from '../stream-processor-options';
import { decodeMessages } from './decode-messages';
import { storeEventBatch, type StoredEvent } from './event-batch-store';
import type { IncomingEvent } from './incoming-event';
import { MessageDeriver } from './message-deriver';
import { LiveStateNotifier } from './live-state-notifier';
import { TenantDirectory } from './tenant-directory';

/** Deadlock and serialization failure: another processor's transaction got in the way; try again. */
const RETRYABLE_SQL_STATES = new Set(['40P01', '40001']);
const MAX_TRANSACTION_ATTEMPTS = 3;

/**
 * One batch from the bus, end to end: decode and validate → known tenant → de-duplicate → message sentiment and
 * intent (see `MessageDeriver`) → one transaction (see `storeEventBatch`) → live state. Resolves only after the
 * commit, so the bus commits offsets only for durable events; throws on infrastructure errors, so the bus delivers
 * the batch again.
 */
@Injectable()
export class EventBatchProcessor {
  private readonly logger = new Logger(EventBatchProcessor.name);
  private readonly contractTopics: ReadonlyMap<string, string>;
  private readonly latenessMs: number;

  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly tenants: TenantDirectory,
    private readonly messages: MessageDeriver,
    private readonly liveState: LiveStateWriter,
    private readonly liveStateNotifier: LiveStateNotifier,
    private readonly liveStateRecovery: LiveStateRecovery,
    private readonly metrics: ProcessorMetrics,
    @Inject(STREAM_PROCESSOR_OPTIONS) options: StreamProcessorOptions,
  ) {
    this.contractTopics = new Map([...options.topics].map(([contract, consumed]) => [consumed, contract]));
    this.latenessMs = options.aggregates.latenessMs;
  }

  /** Runs under the batch's request ids (`x-request-id` headers), so every log line about it names the requests it came from. */
  handleBatch(messages: readonly ReceivedMessage[]): Promise<BatchOutcome> {
    return runWithRequestContext({ requestIds: requestIdsOf(messages) }, () => this.processBatch(messages));
  }

  private async processBatch(messages: readonly ReceivedMessage[]): Promise<BatchOutcome> {
    const endTimer = this.metrics.batchDuration.startTimer();
    this.metrics.batchSize.observe(messages.length);
    const { decoded, rejected } = decodeMessages(messages, (topic) => this.contractTopics.get(topic) ?? topic);
    if (rejected.length > 0) this.metrics.deadLettered.inc({ reason: 'invalid', type: 'unknown' }, rejected.length);

    const tenants = await this.tenants.lookUp(decoded.map(({ envelope }) => envelope.tenantId));
    const seen = new Set<string>();
    const events: IncomingEvent[] = [];
    let repeated = 0;
    for (const { message, envelope, violations } of decoded) {
      const tenant = tenants.get(envelope.tenantId);
      if (tenant === undefined) {
        rejected.push({ message, reason: `unknown tenant ${envelope.tenantId}`, category: 'unknown_tenant' });
        this.metrics.deadLettered.inc({ reason: 'unknown_tenant', type: eventTypeLabel(envelope.event.type) });
        continue;
      }
      if (violations?.length && tenant.schemaPolicy === 'strict') {
        rejected.push({ message, reason: describeViolations(violations), category: 'schema_violation', errors: violations });
        this.metrics.deadLettered.inc({ reason: 'schema_violation', type: eventTypeLabel(envelope.event.type) });
        continue;
      }
      const key = eventKey(tenant.id, envelope.event.eventId);
      if (seen.has(key)) {
        repeated += 1;
        continue;
      }
      seen.add(key);
      const { event, invalidValues } = violations?.length
        ? setViolatingValuesAside(envelope.event, violations)
        : { event: envelope.event, invalidValues: undefined };
      events.push({
        tenant,
        event,
        occurredAt: new Date(envelope.event.timestamp),
        receivedAt: new Date(envelope.receivedAt),
        source: envelope.source,
        ...(violations?.length ? { violations } : {}),
        ...(invalidValues ? { invalidValues } : {}),
        message,
      });
    }

    const derived = await this.messages.derive(events);
    // The commit and the live-state write of a batch happen together or not at all while the live state is rebuilt.
    const { stored, duplicates, suppressed, refused, rollupRows } = await this.liveStateRecovery.duringBatch(async () => {
      const endStore = this.metrics.storeDuration.startTimer();
      const result = await this.store(derived);
      endStore();
      await this.updateLiveState(result.stored);
      return result;
    });
    this.metrics.eventsSuppressed.inc(suppressed);
    rejected.push(...refused);
    for (const { event } of refused) this.metrics.deadLettered.inc({ reason: 'unstorable', type: eventTypeLabel(event?.type) });
    this.metrics.duplicates.inc(repeated + duplicates);
    const lateAfterMs = this.latenessMs;
    for (const { message, violations, occurredAt, receivedAt } of stored) {
      this.metrics.eventsStored.inc({ topic: message.topic });
      for (const rule of new Set((violations ?? []).map((issue) => issue.rule))) this.metrics.storedWithViolations.inc({ rule });
      if (receivedAt.getTime() > minuteEndOf(occurredAt) + lateAfterMs) this.metrics.lateEvents.inc();
    }
    for (const [granularity, rows] of rollupRows) this.metrics.rollupRows.inc({ granularity }, rows);
    endTimer();
    this.logger.debug({ message: 'batch handled', messages: messages.length, stored: stored.length, duplicates: repeated + duplicates, deadLettered: rejected.length });
    return { rejected };
  }

  /**
   * Stores the events in one transaction. When PostgreSQL refuses the data itself (a value it cannot
   * hold), the batch is split in halves until the culprit is alone; it is dead-lettered with
   * PostgreSQL's message and the rest is stored. Anything else (connection lost…) is thrown.
   */
  private async store(
    events: readonly IncomingEvent[],
  ): Promise<{ stored: StoredEvent[]; duplicates: number; suppressed: number; refused: RefusedEvent[]; rollupRows: ReadonlyMap<string, number> }> {
    if (events.length === 0) return { stored: [], duplicates: 0, suppressed: 0, refused: [], rollupRows: new Map() };
    try {
      const result = await this.inTransaction(events);
      return { ...result, refused: [] };
    } catch (error) {
      if (!isDataError(error)) throw error;
      if (events.length === 1) {
        this.logger.warn(`event ${events[0].event.eventId} refused by storage: ${(error as Error).message}`);
        const reason = `storage refused the event: ${(error as Error).message}`;
        return {
          stored: [],
          duplicates: 0,
          suppressed: 0,
          refused: [{ message: events[0].message, reason, category: 'unstorable', event: events[0].event }],
          rollupRows: new Map(),
        };
      }
      const middle = Math.ceil(events.length / 2);
      const first = await this.store(events.slice(0, middle));
      const second = await this.store(events.slice(middle));
      return {
        stored: [...first.stored, ...second.stored],
        duplicates: first.duplicates + second.duplicates,
        suppressed: first.suppressed + second.suppressed,
        refused: [...first.refused, ...second.refused],
        rollupRows: sumCounts(first.rollupRows, second.rollupRows),
      };
    }
  }

  private async inTransaction(events: readonly IncomingEvent[]) {
    for (let attempt = 1; ; attempt++) {
      try {
        // Every statement goes through the transaction's manager: on the embedded store a query through
        // the DataSource would wait forever for the connection this transaction holds.
        return await this.dataSource.transaction((manager) => storeEventBatch(manager, events));
      } catch (error) {
        if (attempt >= MAX_TRANSACTION_ATTEMPTS || !RETRYABLE_SQL_STATES.has(sqlStateOf(error) ?? '')) throw error;
        this.logger.warn(`batch transaction conflicted (${sqlStateOf(error)}), attempt ${attempt + 1}`);
      }
    }
  }

  /** After the commit, best effort: a failure is logged and counted, never redelivers the batch. */
  private async updateLiveState(stored: readonly StoredEvent[]): Promise<void> {
    const byTenant = new Map<string, LiveStateEvent[]>();
    for (const { tenant, event, row } of stored) {
      const liveEvent = liveStateEventOf({ ...row, sessionId: row.sessionId ?? null, properties: event.properties }, tenant.currency);
      const list = byTenant.get(tenant.id);
      if (list) list.push(liveEvent);
      else byTenant.set(tenant.id, [liveEvent]);
    }
    const updated = new Map<string, number>();
    for (const [tenantId, events] of byTenant) {
      try {
        await this.liveState.record(tenantId, events);
        updated.set(tenantId, events.length);
      } catch (error) {
        this.metrics.liveStateFailures.inc();
        this.liveStateRecovery.markStale();
        this.logger.warn(`live state of tenant ${tenantId} not updated (${events.length} events): ${(error as Error).message}`);
      }
    }
    this.liveStateNotifier.notify(updated, new Date());
  }
}

/** A dead letter storage refused, with the event's type for the metrics. */
type RefusedEvent = RejectedMessage & { event?: { type: string } };

function minuteEndOf(time: Date): number {
  return Math.floor(time.getTime() / 60_000) * 60_000 + 60_000;
}

function sumCounts(first: ReadonlyMap<string, number>, second: ReadonlyMap<string, number>): Map<string, number> {
  const sum = new Map(first);
  for (const [key, count] of second) sum.set(key, (sum.get(key) ?? 0) + count);
  return sum;
}

/** One readable line for the dead letter: the first rules broken, with how many more. */
function describeViolations(violations: readonly ValidationIssue[]): string {
  const shown = violations.slice(0, 3).map((issue) => `${issue.field}: ${issue.message}`);
  const more = violations.length > 3 ? ` (and ${violations.length - 3} more)` : '';
  return `breaks its type's rules under the strict schema policy: ${shown.join('; ')}${more}`;
}

function sqlStateOf(error: unknown): string | undefined {
  if (!(error instanceof QueryFailedError)) return undefined;
  const code = (error.driverError as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Class 22 (data exception: bad value, encoding…) and 54 (a value too large for an index): the data, not the database. */
function isDataError(error: unknown): boolean {
  const state = sqlStateOf(error);
  return state !== undefined && (state.startsWith('22') || state.startsWith('54'));
}

import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { minutesToClose } from '@pulse/analytics-core';
import { CACHE_STORE, type CacheStore } from '@pulse/cache';
import { encodeMinuteAggregate } from '@pulse/contracts';
import { MESSAGE_BUS, type MessageBus } from '@pulse/messaging';
import { DATA_SOURCE, MinuteFiguresQueries } from '@pulse/storage';
import type { DataSource } from 'typeorm';
import { ProcessorMetrics } from '../processor-metrics';
import { STREAM_PROCESSOR_OPTIONS, type MinuteAggregateOptions, type StreamProcessorOptions } from '../stream-processor-options';
import { InputProgress } from './input-progress';
import { PROCESSOR_CLOCK, type ProcessorClock } from './processor-clock';

/** A claim outlives any retry of its minute, then expires. */
const CLAIM_TTL_SECONDS = 3_600;

/**
 * Publishes each closed minute's aggregates per tenant to `pulse.aggregates.v1`.
 *
 * When a minute is closed: the processor group's input watermark is `latenessMs` past the minute's end
 * (see `minutesToClose`), on both buses alike. The watermark is the wall clock while the group is caught
 * up on its topics, and how far it stored them while it lags (`InputProgress`, `inputWatermark`): a
 * processor behind its input (a backlog, a restart) closes a minute only once its events are stored, so
 * its figures are complete, and a replica that cannot tell holds off. The figures are read from the stored events, so they hold
 * every replica's writes and agree with what queries answer. Across the replicas of one processor group a
 * minute is closed once: the first to increment its claim key in the shared cache (Redis; memory in the
 * embedded start) closes it. A closer that fails releases its claim and tries again on the next tick; one that dies after
 * claiming loses that minute (its rules are judged again at the next one).
 */
@Injectable()
export class MinuteAggregatePublisher implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(MinuteAggregatePublisher.name);
  private readonly options: MinuteAggregateOptions;
  private readonly groupId: string;
  private readonly figures: MinuteFiguresQueries;
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;
  private lastClosed: number | null = null;
  private topicReady = false;

  constructor(
    @Inject(DATA_SOURCE) dataSource: DataSource,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(CACHE_STORE) private readonly cache: CacheStore,
    @Inject(STREAM_PROCESSOR_OPTIONS) options: StreamProcessorOptions,
    @Inject(PROCESSOR_CLOCK) private readonly clock: ProcessorClock,
    private readonly metrics: ProcessorMetrics,
    private readonly input: InputProgress,
  ) {
    this.options = options.aggregates;
    this.groupId = options.groupId;
    this.figures = new MinuteFiguresQueries(dataSource);
  }

  onApplicationBootstrap(): void {
    // A tick still running when the next is due (a slow database) makes that one a no-op.
    this.timer = setInterval(() => void (this.ticking ?? this.tick()), this.options.tickMs);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.ticking;
  }

  /** Closes whatever minutes are due at the clock's time (after the tick in progress, if any). */
  tick(): Promise<void> {
    const current = (this.ticking ?? Promise.resolve()).then(() => this.closeDueMinutes());
    const tracked: Promise<void> = current.finally(() => {
      if (this.ticking === tracked) this.ticking = undefined;
    });
    this.ticking = tracked;
    return current;
  }

  private async closeDueMinutes(): Promise<void> {
    const { latenessMs, maxCatchUpMinutes } = this.options;
    const now = this.clock();
    // Nothing due even by the wall clock: no need to ask the bus how far the input is stored.
    if (minutesToClose(now, latenessMs, this.lastClosed, maxCatchUpMinutes).length === 0) return;
    let watermark: number | null;
    try {
      watermark = await this.input.watermark(now);
    } catch (error) {
      this.metrics.minuteCloseFailures.inc();
      this.logger.warn(`no minute closed: the input's progress is unknown (${(error as Error).message}), will retry`);
      return;
    }
    if (watermark === null) return;
    for (const minute of minutesToClose(watermark, latenessMs, this.lastClosed, maxCatchUpMinutes)) {
      try {
        await this.close(minute);
      } catch (error) {
        this.metrics.minuteCloseFailures.inc();
        this.logger.warn(`minute ${new Date(minute).toISOString()} not closed, will retry: ${(error as Error).message}`);
        return;
      }
      this.lastClosed = minute;
    }
  }

  private async close(minute: number): Promise<void> {
    // Per processor group: an independent processor (another group over another database) closes its own minutes.
    const claim = `pulse:aggregates:{${this.groupId}}:${this.options.topic}:closed:${minute}`;
    if ((await this.cache.incrBy(claim, 1)) !== 1) return;
    try {
      await this.cache.expire(claim, CLAIM_TTL_SECONDS);
      const figures = await this.figures.forMinute(new Date(minute), this.options.activeWithinMs);
      const closedAt = new Date(this.clock()).toISOString();
      if (figures.length > 0) {
        // Created on first use rather than at start, where the consumers' topic creations run at the
        // same time (kafkajs then sometimes reports a just-created topic as unknown).
        if (!this.topicReady) await this.bus.ensureTopics([this.options.topic]);
        this.topicReady = true;
        await this.bus.publish(
          this.options.topic,
          figures.map((tenant) => ({ key: tenant.tenantId, value: encodeMinuteAggregate({ schemaVersion: 1, ...tenant, closedAt }) })),
        );
      }
      this.metrics.minutesClosed.inc();
      this.metrics.aggregatesPublished.inc(figures.length);
      this.metrics.minuteCloseDelay.observe((this.clock() - minute - 60_000) / 1000);
    } catch (error) {
      // Free the minute for the next tick (here or on another replica).
      await this.cache.del(claim).catch(() => undefined);
      throw error;
    }
  }
}

import { Inject, Injectable, Logger } from '@nestjs/common';
import { CACHE_STORE, type CacheStore } from '@pulse/cache';
import { MESSAGE_BUS, type MessageBus, type ReceivedMessage } from '@pulse/messaging';
import { STREAM_PROCESSOR_OPTIONS, type StreamProcessorOptions } from '../stream-processor-options';
import { inputPartitionKey, inputWatermark } from './input-watermark';

/** A partition nobody stored from for a day is read again before its time counts. */
const STORED_UP_TO_TTL_SECONDS = 86_400;

/**
 * How far the processor group stored its input: per partition, the time of the last message stored
 * (recorded by the consumer after each batch, here and in the shared cache, so a replica can tell how far
 * another replica's partitions are), and from the bus, which partitions the group still lags on.
 */
@Injectable()
export class InputProgress {
  private readonly logger = new Logger(InputProgress.name);
  private readonly storedUpTo = new Map<string, number>();

  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(CACHE_STORE) private readonly cache: CacheStore,
    @Inject(STREAM_PROCESSOR_OPTIONS) private readonly options: StreamProcessorOptions,
  ) {}

  /** A batch of one partition was stored. The cache is best effort: without it, only this replica knows. */
  async recordStored(messages: readonly ReceivedMessage[]): Promise<void> {
    const advanced = new Map<string, number>();
    for (const message of messages) {
      const key = inputPartitionKey(message.topic, message.partition);
      const time = Number(message.timestamp);
      if (Number.isFinite(time) && time > (this.storedUpTo.get(key) ?? -Infinity)) {
        this.storedUpTo.set(key, time);
        advanced.set(key, time);
      }
    }
    try {
      for (const [key, time] of advanced) await this.cache.set(this.cacheKey(key), String(time), { ttlSeconds: STORED_UP_TO_TTL_SECONDS });
    } catch (error) {
      this.logger.warn(`input progress not shared: ${(error as Error).message}`);
    }
  }

  /** See `inputWatermark`; asks the bus for the group's lag on the inbound topics, the cache for the lagging partitions' progress. */
  async watermark(now: number): Promise<number | null> {
    const lags = await this.bus.consumerLag(this.options.groupId, [...this.options.topics.values()]);
    const lagging = lags.filter(({ lag }) => lag > 0).map(({ topic, partition }) => inputPartitionKey(topic, partition));
    const known = new Map<string, number>();
    for (const key of lagging) {
      const shared = Number((await this.cache.get(this.cacheKey(key))) ?? Number.NaN);
      const stored = Math.max(this.storedUpTo.get(key) ?? -Infinity, Number.isFinite(shared) ? shared : -Infinity);
      if (stored > -Infinity) known.set(key, stored);
    }
    return inputWatermark(now, lagging, known);
  }

  private cacheKey(partition: string): string {
    return `pulse:aggregates:{${this.options.groupId}}:stored-up-to:${partition}`;
  }
}

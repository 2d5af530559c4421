import { Inject, Injectable } from '@nestjs/common';
import { MESSAGE_BUS, type MessageBus, type ReceivedMessage } from '@pulse/messaging';
import { STREAM_PROCESSOR_OPTIONS, type StreamProcessorOptions } from '../stream-processor-options';
import { inputPartitionKey, inputWatermark } from './input-watermark';

/**
 * How far this replica stored its input: per partition, the time of the last message stored (recorded
 * by the consumer after each batch), and from the bus, which partitions the group still lags on.
 */
@Injectable()
export class InputProgress {
  private readonly storedUpTo = new Map<string, number>();

  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(STREAM_PROCESSOR_OPTIONS) private readonly options: StreamProcessorOptions,
  ) {}

  /** A batch of one partition was stored. */
  recordStored(messages: readonly ReceivedMessage[]): void {
    for (const message of messages) {
      const key = inputPartitionKey(message.topic, message.partition);
      const time = Number(message.timestamp);
      if (Number.isFinite(time) && time > (this.storedUpTo.get(key) ?? -Infinity)) this.storedUpTo.set(key, time);
    }
  }

  /** See `inputWatermark`; asks the bus for the group's lag on the inbound topics. */
  async watermark(now: number): Promise<number | null> {
    const lags = await this.bus.consumerLag(this.options.groupId, [...this.options.topics.values()]);
    const lagging = lags.filter(({ lag }) => lag > 0).map(({ topic, partition }) => inputPartitionKey(topic, partition));
    return inputWatermark(now, lagging, this.storedUpTo);
  }
}

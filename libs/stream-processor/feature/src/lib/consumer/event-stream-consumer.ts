import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { MESSAGE_BUS, type MessageBus, type Subscription } from '@pulse/messaging';
import { InputProgress } from '../aggregates/input-progress';
import { EventBatchProcessor } from '../pipeline/event-batch-processor';
import { ProcessorMetrics } from '../processor-metrics';
import { STREAM_PROCESSOR_OPTIONS, type StreamProcessorOptions } from '../stream-processor-options';

/** Consumes the inbound event topics from application start until shutdown. */
@Injectable()
export class EventStreamConsumer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(EventStreamConsumer.name);
  private subscription: Subscription | undefined;

  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    private readonly processor: EventBatchProcessor,
    private readonly progress: InputProgress,
    private readonly metrics: ProcessorMetrics,
    @Inject(STREAM_PROCESSOR_OPTIONS) private readonly options: StreamProcessorOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { groupId, deadLetterTopic } = this.options;
    const topics = [...this.options.topics.values()];
    await this.bus.ensureTopics([...topics, deadLetterTopic]);
    this.subscription = await this.bus.subscribe({
      groupId,
      topics,
      deadLetterTopic,
      // Transactions lock rows in sorted order and retry deadlocks, so partitions may be stored side by side.
      partitionsConcurrently: this.options.partitionsConcurrently,
      fetch: this.options.fetch,
      handleBatch: async (messages) => {
        const outcome = await this.processor.handleBatch(messages);
        // Stored (or dead-lettered): minute closing may count on them.
        await this.progress.recordStored(messages);
        return outcome;
      },
    });
    this.metrics.readLagFrom(() => this.bus.consumerLag(groupId, topics));
    this.logger.log(`consuming ${topics.join(', ')} as group ${groupId}`);
  }

  /** First thing on shutdown: finish the batch in flight and commit it, then stop consuming. */
  async onModuleDestroy(): Promise<void> {
    this.metrics.readLagFrom(undefined);
    await this.subscription?.close();
    this.subscription = undefined;
  }
}

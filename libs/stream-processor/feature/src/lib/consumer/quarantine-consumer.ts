import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { MESSAGE_BUS, type MessageBus, type Subscription } from '@pulse/messaging';
import { QuarantineWriter } from '../quarantine/quarantine-writer';
import { STREAM_PROCESSOR_OPTIONS, type StreamProcessorOptions } from '../stream-processor-options';

/**
 * Reads the dead-letter topic into the tenants' quarantines, as its own consumer group: whoever else
 * reads the topic (an operator's tool) keeps its own offsets.
 */
@Injectable()
export class QuarantineConsumer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(QuarantineConsumer.name);
  private subscription: Subscription | undefined;

  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    private readonly writer: QuarantineWriter,
    @Inject(STREAM_PROCESSOR_OPTIONS) private readonly options: StreamProcessorOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { groupId, deadLetterTopic } = this.options;
    await this.bus.ensureTopics([deadLetterTopic]);
    this.subscription = await this.bus.subscribe({
      groupId: `${groupId}-quarantine`,
      topics: [deadLetterTopic],
      handleBatch: async (messages) => {
        await this.writer.handleBatch(messages);
      },
    });
    this.logger.log(`keeping dead letters of ${deadLetterTopic} in the tenants' quarantines`);
  }

  async onModuleDestroy(): Promise<void> {
    await this.subscription?.close();
    this.subscription = undefined;
  }
}

import { Logger } from '@nestjs/common';
import type { HealthIndicator } from '@pulse/observability';
import { DEFAULT_DEAD_LETTER_TOPIC, toDeadLetterMessage } from '../dead-letter';
import type { MessagingLogger } from '../messaging-logger';
import type {
  MessageBus,
  OutgoingMessage,
  PartitionLag,
  SubscribeOptions,
  Subscription,
} from '../message-bus';
import type { BusStorage } from './bus-storage';
import { ConsumerGroup } from './consumer-group';
import { DiskBusStorage } from './disk/disk-bus-storage';
import { InProcessSubscription } from './in-process-subscription';
import { InProcessTopic } from './in-process-topic';
import { MemoryBusStorage } from './memory-bus-storage';

export interface InProcessMessageBusOptions {
  /** Partitions of a topic created implicitly or without a count (default 3, like the dev broker). */
  defaultPartitions?: number;
  /** Most messages handed to one handler call (default 500). */
  maxBatchSize?: number;
  /** Backoff before a failed batch is delivered again; doubles per consecutive failure (default 100 ms). */
  retryInitialBackoffMs?: number;
  /** Upper bound of that backoff (default 5000 ms). */
  retryMaxBackoffMs?: number;
  /** In memory only: per partition, older messages beyond this count are dropped, like broker retention (default 100,000). */
  retainedMessagesPerPartition?: number;
  logger?: MessagingLogger;
}

export interface DurableInProcessMessageBusOptions
  extends InProcessMessageBusOptions {
  /**
   * Keep partition logs and committed offsets in this directory: `publish` resolves once the messages are
   * fsynced there, and a bus opened on it again continues where the last one stopped. In memory when omitted.
   */
  directory?: string;
  /** On disk: a partition starts a new segment file beyond this size; whole segments are compacted (default 16 MiB). */
  segmentBytes?: number;
}

/**
 * The embedded mode's bus, with Kafka's semantics in one process: partitioned append-only topics
 * (a key keeps its partition, hence its order), consumer groups whose committed offsets outlive their
 * subscriptions, at-least-once batches per partition, dead-lettering, graceful close. The logs and
 * offsets live in memory (`new`) or in a directory (`InProcessMessageBus.open({ directory })`).
 */
export class InProcessMessageBus implements MessageBus {
  readonly health: HealthIndicator = {
    name: 'in-process-bus',
    check: async () => {
      if (this.state === 'closed')
        throw new Error('the in-process message bus is closed');
    },
  };

  private readonly topics = new Map<string, Promise<InProcessTopic>>();
  private readonly groups = new Map<string, ConsumerGroup>();
  private readonly subscriptions = new Set<InProcessSubscription>();
  private state: 'open' | 'closing' | 'closed' = 'open';
  private closing: Promise<void> | undefined;
  private readonly storage: BusStorage;
  private readonly defaultPartitions: number;
  private readonly maxBatchSize: number;
  private readonly retryInitialBackoffMs: number;
  private readonly retryMaxBackoffMs: number;
  private readonly retainedMessagesPerPartition: number;
  private readonly logger: MessagingLogger;

  /**
   * In memory when `directory` is omitted; otherwise opens the directory (created when missing), checks
   * its logs (cutting off a write a crash tore) and restores every topic and group's committed offsets.
   */
  static async open(
    options: DurableInProcessMessageBusOptions = {},
  ): Promise<InProcessMessageBus> {
    if (options.directory === undefined)
      return new InProcessMessageBus(options);
    const storage = await DiskBusStorage.open(options.directory, {
      segmentBytes: positive(
        options.segmentBytes ?? 16 * 1024 * 1024,
        'segmentBytes',
      ),
      maxReadBytes: 4 * 1024 * 1024,
      logger: options.logger ?? new Logger(InProcessMessageBus.name),
    });
    return new InProcessMessageBus(options, storage);
  }

  /** In memory; see `open` for a bus kept on disk. */
  constructor(options: InProcessMessageBusOptions = {}, storage?: BusStorage) {
    this.defaultPartitions = positive(
      options.defaultPartitions ?? 3,
      'defaultPartitions',
    );
    this.maxBatchSize = positive(options.maxBatchSize ?? 500, 'maxBatchSize');
    this.retryInitialBackoffMs = options.retryInitialBackoffMs ?? 100;
    this.retryMaxBackoffMs = options.retryMaxBackoffMs ?? 5000;
    this.retainedMessagesPerPartition = positive(
      options.retainedMessagesPerPartition ?? 100_000,
      'retainedMessagesPerPartition',
    );
    this.logger = options.logger ?? new Logger(InProcessMessageBus.name);
    this.storage =
      storage ?? new MemoryBusStorage(this.retainedMessagesPerPartition);
    for (const [name, partitions] of this.storage.restoredTopics) {
      this.topics.set(
        name,
        Promise.resolve(new InProcessTopic(name, partitions)),
      );
    }
    for (const [groupId, offsets] of this.storage.restoredGroups) {
      this.groups.set(groupId, this.newGroup(groupId, offsets));
    }
  }

  /** Where accepted messages are kept: `memory` or the directory. */
  get location(): string {
    return this.storage.location;
  }

  async publish(topicName: string, messages: OutgoingMessage[]): Promise<void> {
    // Still open while closing: in-flight batches may dead-letter before their commit.
    if (this.state === 'closed')
      throw new Error(
        `cannot publish to ${topicName}: the in-process message bus is closed`,
      );
    if (messages.length === 0) return;
    const topic = await this.topic(topicName);
    await topic.append(messages, String(Date.now()));
    for (const subscription of this.subscriptions) {
      if (subscription.topicNames.includes(topicName)) subscription.notify();
    }
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    if (this.state !== 'open')
      throw new Error('cannot subscribe: the in-process message bus is closed');
    if (!options.groupId) throw new Error('subscribe needs a groupId');
    if (options.topics.length === 0)
      throw new Error('subscribe needs at least one topic');

    const topics = await Promise.all(
      options.topics.map((name) => this.topic(name)),
    );
    if (this.state !== 'open')
      throw new Error('cannot subscribe: the in-process message bus is closed');
    let group = this.groups.get(options.groupId);
    if (!group) {
      group = this.newGroup(options.groupId, []);
      this.groups.set(options.groupId, group);
    }
    const deadLetterTopic =
      options.deadLetterTopic ?? DEFAULT_DEAD_LETTER_TOPIC;
    const subscription = new InProcessSubscription({
      topics,
      group,
      handleBatch: options.handleBatch,
      fromBeginning: options.fromBeginning ?? true,
      maxBatchSize: this.maxBatchSize,
      retryInitialBackoffMs: this.retryInitialBackoffMs,
      retryMaxBackoffMs: this.retryMaxBackoffMs,
      logger: this.logger,
      deadLetter: (rejected) =>
        this.publish(deadLetterTopic, rejected.map(toDeadLetterMessage)),
      onPartitionReleased: () => this.notifyGroup(options.groupId),
      onClosed: (closed) => this.subscriptions.delete(closed),
    });
    this.subscriptions.add(subscription);
    subscription.start();
    return subscription;
  }

  async consumerLag(
    groupId: string,
    topics: string[],
  ): Promise<PartitionLag[]> {
    const group = this.groups.get(groupId);
    const lags: PartitionLag[] = [];
    for (const name of topics) {
      // Asking creates nothing: a topic not created yet has no partitions.
      const topic = await this.topics.get(name)?.catch(() => undefined);
      topic?.partitions.forEach((log, partition) => {
        const committed = group?.committedOffset(name, partition);
        const from = Math.max(committed ?? log.startOffset, log.startOffset);
        lags.push({
          topic: name,
          partition,
          lag: Math.max(0, log.endOffset - from),
        });
      });
    }
    return lags;
  }

  async ensureTopics(topics: string[], partitions?: number): Promise<void> {
    await Promise.all(topics.map((name) => this.topic(name, partitions)));
  }

  /** A second close waits for the first one to finish. */
  close(): Promise<void> {
    this.closing ??= this.closeOnce();
    return this.closing;
  }

  private async closeOnce(): Promise<void> {
    this.state = 'closing';
    await Promise.all(
      [...this.subscriptions].map((subscription) => subscription.close()),
    );
    this.state = 'closed';
    // After the last commits: they reach the disk before its files close.
    await this.storage.close();
  }

  /** The topic, created with `partitions` (or the default) when it does not exist, like broker auto-creation. */
  private topic(name: string, partitions?: number): Promise<InProcessTopic> {
    if (!name) return Promise.reject(new Error('a topic needs a name'));
    let topic = this.topics.get(name);
    if (!topic) {
      let count: number;
      try {
        count = positive(partitions ?? this.defaultPartitions, 'partitions');
      } catch (error) {
        return Promise.reject(error);
      }
      topic = this.storage
        .createTopic(name, count)
        .then((logs) => new InProcessTopic(name, logs));
      this.topics.set(name, topic);
      // A failed creation (a name the disk cannot hold, a full disk) may be tried again.
      const created = topic;
      created.catch(() => {
        if (this.topics.get(name) === created) this.topics.delete(name);
      });
    }
    return topic;
  }

  private newGroup(
    groupId: string,
    offsets: Parameters<BusStorage['saveOffsets']>[1],
  ): ConsumerGroup {
    return new ConsumerGroup(groupId, offsets, (group) =>
      this.storage.saveOffsets(group.groupId, group.offsets()),
    );
  }

  private notifyGroup(groupId: string): void {
    for (const subscription of this.subscriptions) {
      if (subscription.groupId === groupId) subscription.notify();
    }
  }
}

function positive(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} must be a positive integer, got ${value}`);
  return value;
}

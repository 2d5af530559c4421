import { Logger } from '@nestjs/common';
import type { HealthIndicator } from '@pulse/observability';
import { DEFAULT_DEAD_LETTER_TOPIC, toDeadLetterMessage } from '../dead-letter';
import type { MessagingLogger } from '../messaging-logger';
import type {
  MessageBus,
  OutgoingMessage,
  SubscribeOptions,
  Subscription,
} from '../message-bus';
import { ConsumerGroup } from './consumer-group';
import { InProcessSubscription } from './in-process-subscription';
import { InProcessTopic } from './in-process-topic';

export interface InProcessMessageBusOptions {
  /** Partitions of a topic created implicitly or without a count (default 3, like the dev broker). */
  defaultPartitions?: number;
  /** Most messages handed to one handler call (default 500). */
  maxBatchSize?: number;
  /** Backoff before a failed batch is delivered again; doubles per consecutive failure (default 100 ms). */
  retryInitialBackoffMs?: number;
  /** Upper bound of that backoff (default 5000 ms). */
  retryMaxBackoffMs?: number;
  /** Per partition, older messages beyond this count are dropped, like broker retention (default 100,000). */
  retainedMessagesPerPartition?: number;
  logger?: MessagingLogger;
}

/**
 * The embedded mode's bus, with Kafka's semantics in one process: partitioned append-only topics
 * (a key keeps its partition, hence its order), consumer groups whose committed offsets outlive their
 * subscriptions, at-least-once batches per partition, dead-lettering, graceful close.
 */
export class InProcessMessageBus implements MessageBus {
  readonly health: HealthIndicator = {
    name: 'in-process-bus',
    check: async () => {
      if (this.state === 'closed')
        throw new Error('the in-process message bus is closed');
    },
  };

  private readonly topics = new Map<string, InProcessTopic>();
  private readonly groups = new Map<string, ConsumerGroup>();
  private readonly subscriptions = new Set<InProcessSubscription>();
  private state: 'open' | 'closing' | 'closed' = 'open';
  private readonly defaultPartitions: number;
  private readonly maxBatchSize: number;
  private readonly retryInitialBackoffMs: number;
  private readonly retryMaxBackoffMs: number;
  private readonly retainedMessagesPerPartition: number;
  private readonly logger: MessagingLogger;

  constructor(options: InProcessMessageBusOptions = {}) {
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
  }

  async publish(topicName: string, messages: OutgoingMessage[]): Promise<void> {
    // Still open while closing: in-flight batches may dead-letter before their commit.
    if (this.state === 'closed')
      throw new Error(
        `cannot publish to ${topicName}: the in-process message bus is closed`,
      );
    if (messages.length === 0) return;
    const topic = this.topic(topicName);
    const timestamp = String(Date.now());
    for (const message of messages) topic.append(message, timestamp);
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

    let group = this.groups.get(options.groupId);
    if (!group) {
      group = new ConsumerGroup(options.groupId);
      this.groups.set(options.groupId, group);
    }
    const deadLetterTopic =
      options.deadLetterTopic ?? DEFAULT_DEAD_LETTER_TOPIC;
    const subscription = new InProcessSubscription({
      topics: options.topics.map((name) => this.topic(name)),
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

  async ensureTopics(topics: string[], partitions?: number): Promise<void> {
    for (const name of topics) this.topic(name, partitions);
  }

  async close(): Promise<void> {
    if (this.state !== 'open') {
      // A second close waits for the first one to finish.
      await Promise.all(
        [...this.subscriptions].map((subscription) => subscription.close()),
      );
      return;
    }
    this.state = 'closing';
    await Promise.all(
      [...this.subscriptions].map((subscription) => subscription.close()),
    );
    this.state = 'closed';
  }

  /** The topic, created with `partitions` (or the default) when it does not exist, like broker auto-creation. */
  private topic(name: string, partitions?: number): InProcessTopic {
    if (!name) throw new Error('a topic needs a name');
    let topic = this.topics.get(name);
    if (!topic) {
      topic = new InProcessTopic(
        name,
        positive(partitions ?? this.defaultPartitions, 'partitions'),
        this.retainedMessagesPerPartition,
      );
      this.topics.set(name, topic);
    }
    return topic;
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

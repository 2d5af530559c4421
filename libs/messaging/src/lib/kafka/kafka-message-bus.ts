import { Logger } from '@nestjs/common';
import type { HealthIndicator } from '@pulse/observability';
import {
  Kafka,
  logLevel,
  Partitioners,
  type Admin,
  type Producer,
} from 'kafkajs';
import { DEFAULT_DEAD_LETTER_TOPIC, toDeadLetterMessage } from '../dead-letter';
import type {
  MessageBus,
  OutgoingMessage,
  PartitionLag,
  SubscribeOptions,
  Subscription,
} from '../message-bus';
import {
  errorMessage,
  logError,
  type MessagingLogger,
} from '../messaging-logger';
import { withDeadline } from './deadline';
import { createKafkaLogCreator } from './kafka-log-creator';
import type { KafkaMessageBusOptions } from './kafka-message-bus-options';
import { toKafkaMessage } from './kafka-message-mapping';
import { KafkaSubscription } from './kafka-subscription';
import { chunkForPublishing } from './publish-chunks';
import { PublishCoalescer } from './publish-coalescer';

const LOG_CONTEXT = 'KafkaMessageBus';

/**
 * The distributed mode's bus, on kafkajs directly (not Nest's Kafka transport, which handles one
 * message at a time): an idempotent producer acknowledged by all in-sync replicas, and batch consumers
 * that commit only after the handler succeeded and its rejects reached the dead-letter topic.
 */
export class KafkaMessageBus implements MessageBus {
  readonly health: HealthIndicator;

  private readonly kafka: Kafka;
  /** Used by health checks only: without retries, so a readiness probe fails fast instead of queueing behind backoffs. */
  private readonly probeKafka: Kafka;
  private readonly logger: MessagingLogger;
  private readonly brokers: string[];
  private readonly subscriptions = new Set<KafkaSubscription>();
  private producerConnection: Promise<Producer> | undefined;
  private adminConnection: Promise<Admin> | undefined;
  private healthAdminConnection: Promise<Admin> | undefined;
  private closing: Promise<void> | undefined;
  private closed = false;

  constructor(options: KafkaMessageBusOptions) {
    if (options.brokers.length === 0)
      throw new Error('KafkaMessageBus needs at least one broker');
    if (!options.clientId) throw new Error('KafkaMessageBus needs a clientId');
    this.brokers = [...options.brokers];
    this.logger = options.logger ?? new Logger(LOG_CONTEXT);
    const clientConfig = {
      clientId: options.clientId,
      brokers: this.brokers,
      logLevel: options.logLevel ?? logLevel.INFO,
      logCreator: createKafkaLogCreator(this.logger),
    };
    this.kafka = new Kafka(clientConfig);
    // The connection retries are the client's: `kafka.admin({ retry })` does not reach them.
    this.probeKafka = new Kafka({ ...clientConfig, retry: { retries: 0 } });
    const healthTimeoutMs = options.healthTimeoutMs ?? 3000;
    this.health = {
      name: 'kafka',
      check: async () => {
        await withDeadline(
          this.healthAdmin().then((admin) => admin.describeCluster()),
          healthTimeoutMs,
          `kafka at ${this.brokers.join(',')} did not answer within ${healthTimeoutMs} ms`,
        );
      },
    };
  }

  async publish(topic: string, messages: OutgoingMessage[]): Promise<void> {
    // Still allowed while closing: batches in flight may dead-letter before they commit.
    if (this.closed)
      throw new Error(
        `cannot publish to ${topic}: the Kafka message bus is closed`,
      );
    if (messages.length === 0) return;
    return this.coalescer.publish(topic, messages);
  }

  private readonly coalescer = new PublishCoalescer(async (topic, messages) => {
    const connection = this.producer();
    const producer = await connection;
    try {
      // In order, one chunk after the other: a key's messages keep their order across chunks.
      for (const chunk of chunkForPublishing(messages)) {
        await producer.send({
          topic,
          acks: -1,
          messages: chunk.map(toKafkaMessage),
        });
      }
    } catch (error) {
      this.discardProducer(connection, producer);
      throw error;
    }
  });

  /**
   * After a send failed, the idempotent producer is not used again. kafkajs gives a failed request's sequence
   * numbers back, but the broker may have written that request (it went down before answering): the next,
   * different messages would then carry the same sequence numbers, and the broker acknowledges them as
   * duplicates of what it wrote — a success for messages it never stored (seen when a broker restarts under
   * load). A new producer gets a new producer id, so nothing it sends is mistaken for the old one's.
   */
  private discardProducer(connection: Promise<Producer>, producer: Producer): void {
    if (this.producerConnection === connection) this.producerConnection = undefined;
    producer.disconnect().catch((error: unknown) => logError(this.logger, `disconnecting a failed producer failed: ${errorMessage(error)}`, LOG_CONTEXT));
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    if (this.closing)
      throw new Error('cannot subscribe: the Kafka message bus is closed');
    if (options.topics.length === 0)
      throw new Error('subscribe needs at least one topic');
    const deadLetterTopic =
      options.deadLetterTopic ?? DEFAULT_DEAD_LETTER_TOPIC;
    const subscription = await KafkaSubscription.start(this.kafka, {
      groupId: options.groupId,
      topics: options.topics,
      fromBeginning: options.fromBeginning ?? true,
      partitionsConcurrently: options.partitionsConcurrently ?? 1,
      fetch: options.fetch ?? {},
      handleBatch: options.handleBatch,
      deadLetter: (rejected) =>
        this.publish(deadLetterTopic, rejected.map(toDeadLetterMessage)),
      logger: this.logger,
      onClosed: (closed) => this.subscriptions.delete(closed),
    });
    if (this.closing) {
      // close() began while the consumer was joining: it would not have waited for this one.
      await subscription.close();
      throw new Error('cannot subscribe: the Kafka message bus is closed');
    }
    this.subscriptions.add(subscription);
    return subscription;
  }

  async consumerLag(
    groupId: string,
    topics: string[],
  ): Promise<PartitionLag[]> {
    if (topics.length === 0) return [];
    const admin = await this.admin();
    const existing = new Set(await admin.listTopics());
    const present = topics.filter((topic) => existing.has(topic));
    if (present.length === 0) return [];
    const committed = await admin.fetchOffsets({ groupId, topics: present });
    const lags: PartitionLag[] = [];
    for (const topic of present) {
      const commits = new Map(
        (
          committed.find((entry) => entry.topic === topic)?.partitions ?? []
        ).map(({ partition, offset }) => [partition, Number(offset)]),
      );
      for (const { partition, high, low } of await admin.fetchTopicOffsets(
        topic,
      )) {
        // -1: the group never committed here; it starts from the oldest held message.
        const from = commits.get(partition) ?? -1;
        const start = from < 0 ? Number(low) : Math.max(from, Number(low));
        lags.push({ topic, partition, lag: Math.max(0, Number(high) - start) });
      }
    }
    return lags;
  }

  /** Creates the missing topics (broker default partition count unless given); existing ones are left alone. */
  async ensureTopics(topics: string[], partitions?: number): Promise<void> {
    if (topics.length === 0) return;
    const admin = await this.admin();
    // kafkajs answers false (no error) when every failure was TOPIC_ALREADY_EXISTS.
    await admin.createTopics({
      waitForLeaders: true,
      topics: topics.map((topic) =>
        partitions === undefined
          ? { topic }
          : { topic, numPartitions: partitions },
      ),
    });
  }

  close(): Promise<void> {
    this.closing ??= this.shutDown();
    return this.closing;
  }

  private async shutDown(): Promise<void> {
    // Consumers first: their in-flight batches may still publish to the dead-letter topic.
    await this.settle(
      'closing a consumer',
      [...this.subscriptions].map((subscription) => subscription.close()),
    );
    this.closed = true;
    await this.settle(
      'disconnecting',
      [
        this.producerConnection,
        this.adminConnection,
        this.healthAdminConnection,
      ].map((connection) =>
        // A client that never connected has nothing to disconnect (connectOnce already cleaned it up).
        connection?.then(
          (client) => client.disconnect(),
          () => undefined,
        ),
      ),
    );
  }

  /** Waits for every step; logs failures instead of throwing, so one failure does not skip the others. */
  private async settle(
    what: string,
    steps: (Promise<void> | undefined)[],
  ): Promise<void> {
    for (const result of await Promise.allSettled(steps)) {
      if (result.status === 'rejected') {
        logError(
          this.logger,
          `${what} failed: ${errorMessage(result.reason)}`,
          LOG_CONTEXT,
        );
      }
    }
  }

  private producer(): Promise<Producer> {
    if (!this.producerConnection) {
      const producer = this.kafka.producer({
        // Retries cannot duplicate or reorder: the broker de-duplicates by producer id and sequence.
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: true,
        // Java's murmur2 partitioner: keys land where Java clients (and the in-process bus) put them.
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      this.producerConnection = connectOnce(
        producer,
        () => (this.producerConnection = undefined),
      );
    }
    return this.producerConnection;
  }

  private admin(): Promise<Admin> {
    if (!this.adminConnection) {
      this.adminConnection = connectOnce(
        this.kafka.admin(),
        () => (this.adminConnection = undefined),
      );
    }
    return this.adminConnection;
  }

  private healthAdmin(): Promise<Admin> {
    if (!this.healthAdminConnection) {
      this.healthAdminConnection = connectOnce(
        this.probeKafka.admin(),
        () => (this.healthAdminConnection = undefined),
      );
    }
    return this.healthAdminConnection;
  }
}

/** Connects a kafkajs client; on failure forgets it (`onFailure`) so the next call tries again. */
async function connectOnce<
  T extends { connect(): Promise<void>; disconnect(): Promise<void> },
>(client: T, onFailure: () => void): Promise<T> {
  try {
    await client.connect();
    return client;
  } catch (error) {
    onFailure();
    await client.disconnect().catch(() => undefined);
    throw error;
  }
}

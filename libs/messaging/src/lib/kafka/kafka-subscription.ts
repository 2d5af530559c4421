import type { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import type {
  BatchHandler,
  FetchShape,
  RejectedMessage,
  Subscription,
} from '../message-bus';
import {
  errorMessage,
  logError,
  type MessagingLogger,
} from '../messaging-logger';
import { BatchHandlerError } from './batch-handler-error';
import { toReceivedMessage } from './kafka-message-mapping';

export interface KafkaSubscriptionOptions {
  groupId: string;
  topics: string[];
  fromBeginning: boolean;
  partitionsConcurrently: number;
  fetch: FetchShape;
  handleBatch: BatchHandler;
  /** Publishes rejected messages to the dead-letter topic; resolves after the broker's ack. */
  deadLetter(rejected: RejectedMessage[]): Promise<void>;
  logger: MessagingLogger;
  onClosed(subscription: KafkaSubscription): void;
}

const LOG_CONTEXT = 'KafkaMessageBus';

/**
 * kafkajs retries a failed batch (re-fetching it from the last resolved offset) with this backoff;
 * after the last retry the consumer restarts (rejoins the group) and goes on from the committed offset.
 */
const CONSUMER_RETRY = {
  initialRetryTime: 300,
  maxRetryTime: 30_000,
  factor: 0.2,
  multiplier: 2,
  retries: 8,
};

/** kafkajs throttles heartbeats to its heartbeatInterval; this only makes sure a slow handler keeps sending them. */
const HEARTBEAT_WHILE_HANDLING_MS = 1000;

/**
 * A member that stops heartbeating is dropped from its group after this long. A consumer that lost its broker
 * (restarted, or SIGKILLed with its process) rejoins as a new member, and the group's rebalance waits for the old
 * one until its session expires: kafkajs's 30 s default kept a restarted broker's partitions unread for half a
 * minute. Heartbeats go every 3 s (kafkajs's default) and every second while a batch is handled.
 */
const SESSION_TIMEOUT_MS = 10_000;

/** One kafkajs consumer in a group: batches per partition, committed only after the handler succeeded. */
export class KafkaSubscription implements Subscription {
  private closing: Promise<void> | undefined;

  private constructor(
    private readonly consumer: Consumer,
    private readonly options: KafkaSubscriptionOptions,
  ) {}

  /** Resolves once the consumer joined its group and consumes. */
  static async start(
    kafka: Kafka,
    options: KafkaSubscriptionOptions,
  ): Promise<KafkaSubscription> {
    const { groupId, logger } = options;
    const consumer = kafka.consumer({
      groupId,
      allowAutoTopicCreation: true,
      sessionTimeout: SESSION_TIMEOUT_MS,
      // An idle fetch waits this long on the broker, and stopping waits for that fetch: kafkajs's
      // default (5 s) made every close() take 5 s. Java's fetch.max.wait.ms default is 500 ms too.
      maxWaitTimeInMs: options.fetch.maxWaitMs ?? 500,
      ...(options.fetch.minBytes === undefined ? {} : { minBytes: options.fetch.minBytes }),
      ...(options.fetch.maxBytesPerPartition === undefined
        ? {}
        : { maxBytesPerPartition: options.fetch.maxBytesPerPartition }),
      retry: {
        ...CONSUMER_RETRY,
        restartOnFailure: async (error) => {
          logError(
            logger,
            `consumer of group ${groupId} failed, restarting: ${errorMessage(error)}`,
            LOG_CONTEXT,
          );
          return true;
        },
      },
    });
    const subscription = new KafkaSubscription(consumer, options);
    try {
      await consumer.connect();
      await consumer.subscribe({
        topics: options.topics,
        fromBeginning: options.fromBeginning,
      });
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: options.partitionsConcurrently,
        eachBatch: (payload) => subscription.handleBatch(payload),
      });
    } catch (error) {
      await consumer.disconnect().catch(() => undefined);
      throw error;
    }
    return subscription;
  }

  /** kafkajs's disconnect waits for the batch in flight (and so for its commit), then leaves the group. */
  close(): Promise<void> {
    this.closing ??= this.consumer
      .disconnect()
      .finally(() => this.options.onClosed(this));
    return this.closing;
  }

  private async handleBatch({
    batch,
    resolveOffset,
    commitOffsetsIfNecessary,
    uncommittedOffsets,
    heartbeat,
  }: EachBatchPayload): Promise<void> {
    if (batch.messages.length === 0) return;
    const messages = batch.messages.map((message) =>
      toReceivedMessage(batch.topic, batch.partition, message),
    );
    const firstOffset = messages[0].offset;
    const lastOffset = messages[messages.length - 1].offset;

    const keepAlive = setInterval(
      () => heartbeat().catch(() => undefined),
      HEARTBEAT_WHILE_HANDLING_MS,
    );
    try {
      const outcome = await this.options.handleBatch(messages);
      const rejected = outcome?.rejected ?? [];
      if (rejected.length > 0) await this.options.deadLetter(rejected);
    } catch (error) {
      // Nothing resolved, nothing committed: kafkajs fetches the same offsets again after its backoff.
      logError(
        this.options.logger,
        `group ${this.options.groupId}: batch ${batch.topic}[${batch.partition}] offsets ${firstOffset}..${lastOffset} ` +
          `failed, it will be delivered again: ${errorMessage(error)}`,
        LOG_CONTEXT,
        error instanceof Error ? error.stack : undefined,
      );
      throw new BatchHandlerError(error);
    } finally {
      clearInterval(keepAlive);
    }

    resolveOffset(lastOffset);
    // With autoCommit off, commitOffsetsIfNecessary() without offsets never commits: pass them.
    await commitOffsetsIfNecessary(uncommittedOffsets());
  }
}

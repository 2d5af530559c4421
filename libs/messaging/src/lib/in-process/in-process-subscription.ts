import {
  errorMessage,
  logError,
  type MessagingLogger,
} from '../messaging-logger';
import type {
  BatchHandler,
  ReceivedMessage,
  RejectedMessage,
  Subscription,
} from '../message-bus';
import type { ConsumerGroup } from './consumer-group';
import type { InProcessTopic } from './in-process-topic';
import type { StoredMessage } from './partition-log';
import { backoffDelay, sleep } from './retry-backoff';

/** What a subscription needs from the bus that owns it. */
export interface InProcessSubscriptionContext {
  topics: readonly InProcessTopic[];
  group: ConsumerGroup;
  handleBatch: BatchHandler;
  fromBeginning: boolean;
  maxBatchSize: number;
  retryInitialBackoffMs: number;
  retryMaxBackoffMs: number;
  logger: MessagingLogger;
  /** Publishes rejected messages to the subscription's dead-letter topic. */
  deadLetter(rejected: RejectedMessage[]): Promise<void>;
  /** A partition is free again: other members of the group may take it. */
  onPartitionReleased(): void;
  onClosed(subscription: InProcessSubscription): void;
}

interface PartitionRef {
  topic: InProcessTopic;
  partition: number;
}

interface ClaimedPartition extends PartitionRef {
  /** The offset the batch starts at. */
  position: number;
}

/**
 * One member of a consumer group on the in-process bus: delivers batches of one partition at a time,
 * in offset order, commits after the handler resolved, and redelivers (after a backoff) when it threw.
 */
export class InProcessSubscription implements Subscription {
  private readonly stopping = new AbortController();
  private readonly partitions: PartitionRef[];
  /** Round-robin cursor over `partitions`, so one busy partition cannot starve the others. */
  private cursor = 0;
  private consecutiveFailures = 0;
  /** Set when messages arrived or a partition was released while this member was busy. */
  private changed = false;
  private wakeUp: (() => void) | undefined;
  private consuming: Promise<void> | undefined;

  constructor(private readonly context: InProcessSubscriptionContext) {
    this.partitions = context.topics.flatMap((topic) =>
      topic.partitions.map((_, partition) => ({ topic, partition })),
    );
    // A new group starts at the log start or the log end, like Kafka's auto.offset.reset.
    for (const { topic, partition } of this.partitions) {
      if (context.group.committedOffset(topic.name, partition) === undefined) {
        const log = topic.partitions[partition];
        context.group.commit(
          topic.name,
          partition,
          context.fromBeginning ? log.startOffset : log.endOffset,
        );
      }
    }
  }

  get topicNames(): readonly string[] {
    return this.context.topics.map((topic) => topic.name);
  }

  get groupId(): string {
    return this.context.group.groupId;
  }

  start(): void {
    this.consuming ??= this.consume();
  }

  /** New messages or a released partition: look again. */
  notify(): void {
    this.changed = true;
    const wakeUp = this.wakeUp;
    this.wakeUp = undefined;
    wakeUp?.();
  }

  async close(): Promise<void> {
    this.stopping.abort();
    this.notify();
    await this.consuming;
    this.context.onClosed(this);
  }

  private async consume(): Promise<void> {
    while (!this.stopping.signal.aborted) {
      this.changed = false;
      const claimed = this.claimNextPartition();
      if (!claimed) {
        await this.waitForChange();
        continue;
      }
      try {
        await this.deliver(claimed);
      } finally {
        this.context.group.release(claimed.topic.name, claimed.partition);
        this.context.onPartitionReleased();
      }
      // Let timers and I/O run between batches even when handlers resolve synchronously.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  /** The next partition (round-robin) with messages the group has not committed and no member holds. */
  private claimNextPartition(): ClaimedPartition | undefined {
    const { group } = this.context;
    for (let step = 0; step < this.partitions.length; step++) {
      const index = (this.cursor + step) % this.partitions.length;
      const { topic, partition } = this.partitions[index];
      const log = topic.partitions[partition];
      const position = Math.max(
        group.committedOffset(topic.name, partition) ?? log.startOffset,
        log.startOffset,
      );
      if (position >= log.endOffset || !group.claim(topic.name, partition))
        continue;
      this.cursor = index + 1;
      return { topic, partition, position };
    }
    return undefined;
  }

  private waitForChange(): Promise<void> {
    if (this.changed || this.stopping.signal.aborted) return Promise.resolve();
    return new Promise((resolve) => (this.wakeUp = resolve));
  }

  private async deliver({
    topic,
    partition,
    position,
  }: ClaimedPartition): Promise<void> {
    let firstOffset = position;
    let lastOffset = position;
    try {
      // Inside the try: a failed read (on disk) is retried after the backoff like a failed handler.
      const entries = await topic.partitions[partition].read(
        position,
        this.context.maxBatchSize,
      );
      if (entries.length === 0) return;
      firstOffset = entries[0].offset;
      lastOffset = entries[entries.length - 1].offset;
      const messages = entries.map((entry) =>
        toReceivedMessage(topic.name, partition, entry),
      );
      const outcome = await this.context.handleBatch(messages);
      const rejected = outcome?.rejected ?? [];
      if (rejected.length > 0) await this.context.deadLetter(rejected);
      this.context.group.commit(topic.name, partition, lastOffset + 1);
      this.consecutiveFailures = 0;
    } catch (error) {
      // Nothing committed: the same offsets are delivered again after the backoff.
      this.consecutiveFailures++;
      const delay = backoffDelay(
        this.consecutiveFailures,
        this.context.retryInitialBackoffMs,
        this.context.retryMaxBackoffMs,
      );
      logError(
        this.context.logger,
        `group ${this.groupId}: batch ${topic.name}[${partition}] offsets ${firstOffset}..${lastOffset} failed ` +
          `(${this.consecutiveFailures} in a row), redelivering in ${delay} ms: ${errorMessage(error)}`,
        'InProcessMessageBus',
        error instanceof Error ? error.stack : undefined,
      );
      await sleep(delay, this.stopping.signal);
    }
  }
}

function toReceivedMessage(
  topic: string,
  partition: number,
  entry: StoredMessage,
): ReceivedMessage {
  return {
    topic,
    partition,
    offset: String(entry.offset),
    key: entry.key,
    // Fresh copies per delivery, as a broker would hand out: a handler cannot alter the log.
    value: Buffer.from(entry.value),
    headers: { ...entry.headers },
    timestamp: entry.timestamp,
  };
}

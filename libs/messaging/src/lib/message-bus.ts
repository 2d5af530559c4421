import type { HealthIndicator } from '@pulse/observability';

/** Headers are plain strings on both adapters (Kafka header buffers are decoded as UTF-8). */
export type MessageHeaders = Record<string, string>;

export interface OutgoingMessage {
  /** Messages with the same key keep their order (same partition). */
  key?: string | null;
  value: Buffer | string;
  headers?: MessageHeaders;
}

export interface ReceivedMessage {
  topic: string;
  partition: number;
  /** Kafka offsets are 64-bit: kept as decimal strings. */
  offset: string;
  key: string | null;
  value: Buffer;
  headers: MessageHeaders;
  /** Milliseconds since epoch, as a decimal string (Kafka's convention). */
  timestamp: string;
}

/** A message the handler refuses for good: it goes to the dead-letter topic, the rest of the batch is committed. */
export interface RejectedMessage {
  message: ReceivedMessage;
  reason: string;
  /** A short, tenant-independent category (`invalid`, `schema_violation`, `unknown_tenant`, `unstorable`…). */
  category?: string;
  /** The rules broken, when known: kept in the dead letter's headers for the tenant's quarantine. */
  errors?: ReadonlyArray<{ field: string; rule: string; message: string }>;
}

export interface BatchOutcome {
  rejected?: RejectedMessage[];
}

/**
 * Called with a batch of messages from one partition, in offset order.
 * Resolve → the batch's offsets are committed (after rejected messages reached the dead-letter topic).
 * Throw → nothing is committed; the batch is delivered again (at-least-once).
 */
export type BatchHandler = (
  messages: ReceivedMessage[],
) => Promise<BatchOutcome | void>;

export interface SubscribeOptions {
  groupId: string;
  topics: string[];
  handleBatch: BatchHandler;
  /** Where rejected messages go; defaults to `pulse.events.dlq.v1`. */
  deadLetterTopic?: string;
  /** A new group starts at the earliest offset when true (default true), the latest otherwise. */
  fromBeginning?: boolean;
  /**
   * How many partitions' batches may be handled at the same time (default 1). Order within a partition is
   * kept either way; more lets one batch's database round trips overlap another's decoding. The handler
   * must then tolerate concurrent calls for different partitions.
   */
  partitionsConcurrently?: number;
  /** How the broker shapes fetches (Kafka only: the in-process bus hands each publish over as it comes). */
  fetch?: FetchShape;
}

/**
 * The broker answers a fetch once it holds `minBytes` for the consumer or `maxWaitMs` passed. At a low
 * rate the defaults (1 byte, 500 ms) hand over a message or two per batch, and a handler whose cost is
 * mostly per batch (one transaction) then spends far more CPU per message; waiting for a few hundred
 * milliseconds' worth trades a little latency for that. `maxBytesPerPartition` bounds one partition's
 * batch, and so the memory of batches held at once.
 */
export interface FetchShape {
  minBytes?: number;
  maxWaitMs?: number;
  maxBytesPerPartition?: number;
}

/** How far a consumer group is behind in one partition. */
export interface PartitionLag {
  topic: string;
  partition: number;
  /** Messages held in the partition that the group has not committed (without a commit: every held message). */
  lag: number;
}

export interface Subscription {
  /** Stops consuming after the batch in flight finished and committed. */
  close(): Promise<void>;
}

/** Header names of a dead-lettered message: where it came from and why it was refused. */
export const DEAD_LETTER_HEADERS = {
  originalTopic: 'x-original-topic',
  originalPartition: 'x-original-partition',
  originalOffset: 'x-original-offset',
  error: 'x-error',
  category: 'x-rejection-category',
  errors: 'x-rejection-errors',
} as const;

/** One interface, two adapters: Kafka (distributed) and the in-process bus (embedded). */
export interface MessageBus {
  /** Resolves only after every message was acknowledged by all in-sync replicas. */
  publish(topic: string, messages: OutgoingMessage[]): Promise<void>;
  subscribe(options: SubscribeOptions): Promise<Subscription>;
  /**
   * Per partition of `topics`, the messages `groupId` has not committed yet: 0 everywhere means the group
   * has handled everything published before the call. A topic that does not exist has no partitions.
   */
  consumerLag(groupId: string, topics: string[]): Promise<PartitionLag[]>;
  /** Creates the topics that do not exist yet. */
  ensureTopics(topics: string[], partitions?: number): Promise<void>;
  readonly health: HealthIndicator;
  /** Graceful shutdown: closes subscriptions (finishing in-flight batches), then the producer. */
  close(): Promise<void>;
}

/** Nest injection token for the MessageBus. */
export const MESSAGE_BUS = Symbol('MESSAGE_BUS');

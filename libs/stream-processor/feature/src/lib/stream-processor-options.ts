import { INBOUND_EVENT_TOPICS, TOPICS, type TopicName } from '@pulse/contracts';

/** Where the processor reads and what it calls itself on the bus. */
export interface StreamProcessorOptions {
  /** Every replica joins this consumer group: the partitions are shared among them. */
  groupId: string;
  /**
   * Each inbound topic (the contract's name, which decides how a message is decoded) → the topic
   * actually consumed. Production consumes the contract's names; tests use unique ones.
   */
  topics: ReadonlyMap<TopicName, string>;
  deadLetterTopic: string;
  /** Partitions handled at the same time by one replica (the raw topic's partition count is a sensible cap). */
  partitionsConcurrently: number;
}

export const STREAM_PROCESSOR_OPTIONS = Symbol('STREAM_PROCESSOR_OPTIONS');

export const DEFAULT_STREAM_PROCESSOR_OPTIONS: StreamProcessorOptions = {
  groupId: 'pulse-stream-processor',
  topics: new Map(INBOUND_EVENT_TOPICS.map((topic) => [topic, topic])),
  deadLetterTopic: TOPICS.deadLetter,
  partitionsConcurrently: 3,
};

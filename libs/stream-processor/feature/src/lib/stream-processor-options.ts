import { IsIntegerInRange, loadConfig, type Environment } from '@pulse/config';
import { INBOUND_EVENT_TOPICS, TOPICS, type TopicName } from '@pulse/contracts';
import { Matches } from 'class-validator';

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

/** What operators may change, read once at start (a malformed value stops the service, naming it). */
class StreamProcessorEnvironment {
  /** Another group id runs an independent processor over the same topics (e.g. a second database). */
  @Matches(/^[A-Za-z0-9._-]{1,200}$/, { message: '$property must be 1 to 200 letters, digits, dots, underscores or hyphens' })
  PROCESSOR_GROUP_ID = DEFAULT_STREAM_PROCESSOR_OPTIONS.groupId;

  @IsIntegerInRange(1, 64)
  PROCESSOR_PARTITIONS_CONCURRENTLY = DEFAULT_STREAM_PROCESSOR_OPTIONS.partitionsConcurrently;
}

/** The defaults, with `PROCESSOR_GROUP_ID` and `PROCESSOR_PARTITIONS_CONCURRENTLY` from the environment when set. */
export function loadStreamProcessorOptions(env: Environment = process.env): StreamProcessorOptions {
  const config = loadConfig(StreamProcessorEnvironment, env);
  return { ...DEFAULT_STREAM_PROCESSOR_OPTIONS, groupId: config.PROCESSOR_GROUP_ID, partitionsConcurrently: config.PROCESSOR_PARTITIONS_CONCURRENTLY };
}

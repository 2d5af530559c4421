import { IsIntegerInRange, loadConfig, type Environment } from '@pulse/config';
import { INBOUND_EVENT_TOPICS, TOPICS, type TopicName } from '@pulse/contracts';
import type { FetchShape } from '@pulse/messaging';
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
  /**
   * Batches of a few hundred milliseconds rather than a message or two: a batch costs one transaction of
   * about ten statements whatever its size, so tiny batches at a low rate cost several times more CPU per
   * event (and that CPU is taken from ingestion's latency when they share a machine).
   */
  fetch: Required<FetchShape>;
  /** Rejected events kept per tenant, and for how long (oldest dropped first, counted in the overview). */
  quarantine: { maxEventsPerTenant: number; maxAgeMs: number };
  /** Closed minute aggregates on `pulse.aggregates.v1` (see `aggregates/minute-aggregate-publisher.ts`). */
  aggregates: MinuteAggregateOptions;
  /** How often the cache is checked, to rebuild the live state once it is back after an outage (`LiveStateRecovery`). */
  liveStateCheckMs: number;
}

export interface MinuteAggregateOptions {
  /** The topic published to (the contract's name in production). */
  topic: string;
  /** A minute closes this long after its end: events sent near its end are stored by then. */
  latenessMs: number;
  /** How often the closer looks at the clock. */
  tickMs: number;
  /** Tenants with an event this long before a minute's end get its aggregate, zeros included. */
  activeWithinMs: number;
  /** Most minutes one tick closes after the closer fell behind (the latest ones). */
  maxCatchUpMinutes: number;
}

export const STREAM_PROCESSOR_OPTIONS = Symbol('STREAM_PROCESSOR_OPTIONS');

export const DEFAULT_STREAM_PROCESSOR_OPTIONS: StreamProcessorOptions = {
  groupId: 'pulse-stream-processor',
  topics: new Map(INBOUND_EVENT_TOPICS.map((topic) => [topic, topic])),
  deadLetterTopic: TOPICS.deadLetter,
  partitionsConcurrently: 3,
  fetch: { minBytes: 128 * 1024, maxWaitMs: 250, maxBytesPerPartition: 512 * 1024 },
  quarantine: { maxEventsPerTenant: 100_000, maxAgeMs: 30 * 86_400_000 },
  aggregates: { topic: TOPICS.aggregates, latenessMs: 15_000, tickMs: 1_000, activeWithinMs: 7 * 86_400_000, maxCatchUpMinutes: 5 },
  liveStateCheckMs: 1_000,
};

/** What operators may change, read once at start (a malformed value stops the service, naming it). */
class StreamProcessorEnvironment {
  /** Another group id runs an independent processor over the same topics (e.g. a second database). */
  @Matches(/^[A-Za-z0-9._-]{1,200}$/, { message: '$property must be 1 to 200 letters, digits, dots, underscores or hyphens' })
  PROCESSOR_GROUP_ID = DEFAULT_STREAM_PROCESSOR_OPTIONS.groupId;

  /**
   * Put before every topic the processor reads or writes (inbound, dead-letter, aggregates): `bench-1.` reads
   * `bench-1.pulse.events.raw.v1`. For benchmarks and tests sharing a broker; production leaves it empty.
   */
  @Matches(/^[A-Za-z0-9._-]{0,100}$/, { message: '$property must be at most 100 letters, digits, dots, underscores or hyphens' })
  PROCESSOR_TOPIC_PREFIX = '';

  @IsIntegerInRange(1, 64)
  PROCESSOR_PARTITIONS_CONCURRENTLY = DEFAULT_STREAM_PROCESSOR_OPTIONS.partitionsConcurrently;

  /** 1 answers every fetch at once (lowest latency, most CPU per event at low rates). */
  @IsIntegerInRange(1, 16 * 1024 * 1024)
  PROCESSOR_FETCH_MIN_BYTES = DEFAULT_STREAM_PROCESSOR_OPTIONS.fetch.minBytes;

  /** Also how long stopping may wait for an idle fetch. */
  @IsIntegerInRange(10, 5000)
  PROCESSOR_FETCH_MAX_WAIT_MS = DEFAULT_STREAM_PROCESSOR_OPTIONS.fetch.maxWaitMs;

  @IsIntegerInRange(64 * 1024, 64 * 1024 * 1024)
  PROCESSOR_MAX_BYTES_PER_PARTITION = DEFAULT_STREAM_PROCESSOR_OPTIONS.fetch.maxBytesPerPartition;

  @IsIntegerInRange(1, 100_000_000)
  QUARANTINE_MAX_EVENTS_PER_TENANT = DEFAULT_STREAM_PROCESSOR_OPTIONS.quarantine.maxEventsPerTenant;

  @IsIntegerInRange(1, 3650)
  QUARANTINE_MAX_AGE_DAYS = DEFAULT_STREAM_PROCESSOR_OPTIONS.quarantine.maxAgeMs / 86_400_000;

  /** SDKs flush every few seconds: a minute closes this long after its end (0 = at once). */
  @IsIntegerInRange(0, 300_000)
  PROCESSOR_AGGREGATE_LATENESS_MS = DEFAULT_STREAM_PROCESSOR_OPTIONS.aggregates.latenessMs;
}

/** The defaults, with each `PROCESSOR_*` variable from the environment when set. */
export function loadStreamProcessorOptions(env: Environment = process.env): StreamProcessorOptions {
  const config = loadConfig(StreamProcessorEnvironment, env);
  const prefix = config.PROCESSOR_TOPIC_PREFIX;
  return {
    ...DEFAULT_STREAM_PROCESSOR_OPTIONS,
    groupId: config.PROCESSOR_GROUP_ID,
    topics: new Map([...DEFAULT_STREAM_PROCESSOR_OPTIONS.topics].map(([contract, topic]) => [contract, `${prefix}${topic}`])),
    deadLetterTopic: `${prefix}${DEFAULT_STREAM_PROCESSOR_OPTIONS.deadLetterTopic}`,
    partitionsConcurrently: config.PROCESSOR_PARTITIONS_CONCURRENTLY,
    fetch: {
      minBytes: config.PROCESSOR_FETCH_MIN_BYTES,
      maxWaitMs: config.PROCESSOR_FETCH_MAX_WAIT_MS,
      maxBytesPerPartition: config.PROCESSOR_MAX_BYTES_PER_PARTITION,
    },
    quarantine: {
      maxEventsPerTenant: config.QUARANTINE_MAX_EVENTS_PER_TENANT,
      maxAgeMs: config.QUARANTINE_MAX_AGE_DAYS * 86_400_000,
    },
    aggregates: {
      ...DEFAULT_STREAM_PROCESSOR_OPTIONS.aggregates,
      topic: `${prefix}${DEFAULT_STREAM_PROCESSOR_OPTIONS.aggregates.topic}`,
      latenessMs: config.PROCESSOR_AGGREGATE_LATENESS_MS,
    },
  };
}

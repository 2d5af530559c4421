import { Global, Module, type DynamicModule } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { CACHE_STORE, MemoryCacheStore, RedisCacheStore, type CacheStore } from '@pulse/cache';
import { INBOUND_EVENT_TOPICS, TOPICS } from '@pulse/contracts';
import { InProcessMessageBus, KafkaMessageBus, MESSAGE_BUS, type MessageBus, type ReceivedMessage } from '@pulse/messaging';
import { ServiceMetrics } from '@pulse/observability';
import { LiveStateReader, LiveStateWriter } from '@pulse/realtime';
import { DATA_SOURCE, type Store, type StoreSchema } from '@pulse/storage';
import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import { PROCESSOR_CLOCK } from '../lib/aggregates/processor-clock';
import { StreamProcessorModule } from '../lib/stream-processor.module';
import { DEFAULT_STREAM_PROCESSOR_OPTIONS, STREAM_PROCESSOR_OPTIONS, type StreamProcessorOptions } from '../lib/stream-processor-options';
import { openEmbeddedStore, openFreshPostgresStore } from '@pulse/storage/testing';

/** The adapters one scenario runs on, isolated from every other run. */
export interface ProcessorEnvironment {
  bus: MessageBus;
  store: Store;
  cache: CacheStore;
  options: StreamProcessorOptions;
  /** Live-state key prefix of this run. */
  keyPrefix: string;
  dispose(): Promise<void>;
}

export interface ProcessorTarget {
  name: string;
  /** `schema`: other services' tables to add to the store (as the embedded start does for every hosted service). */
  open(schema?: StoreSchema): Promise<ProcessorEnvironment>;
}

/** The embedded mode: in-process bus, PGlite, memory cache. */
export const EMBEDDED_TARGET: ProcessorTarget = {
  name: 'the in-process bus, embedded PGlite and the memory cache',
  open: async (schema) => {
    const opened = await openEmbeddedStore(schema);
    const bus = new InProcessMessageBus();
    const cache = new MemoryCacheStore();
    return {
      bus,
      store: opened.store,
      cache,
      options: uniqueOptions(),
      keyPrefix: 'test',
      dispose: async () => {
        await bus.close();
        await cache.close();
        await opened.dispose();
      },
    };
  },
};

/** The distributed mode: real Kafka, a fresh PostgreSQL database, Redis. Unique topics, group and key prefix per run. */
export const DISTRIBUTED_TARGET: ProcessorTarget = {
  name: 'Kafka, PostgreSQL and Redis',
  open: async (schema) => {
    const brokers = (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',');
    const redisUrl = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
    const opened = await openFreshPostgresStore({ prefix: 'pulse_sp', schema });
    let cache: RedisCacheStore;
    try {
      cache = await RedisCacheStore.connect(redisUrl);
    } catch (error) {
      await opened.dispose();
      throw new Error(`these tests need Redis at REDIS_URL: ${(error as Error).message}`);
    }
    const bus = new KafkaMessageBus({ brokers, clientId: 'stream-processor-it' });
    try {
      await bus.health.check();
    } catch (error) {
      await cache.close();
      await opened.dispose();
      throw new Error(`these tests need Kafka at ${brokers.join(',')} (bash tools/kafka/kafka.sh start): ${(error as Error).message}`);
    }
    const keyPrefix = `pulse-sp-test-${randomBytes(6).toString('hex')}`;
    return {
      bus,
      store: opened.store,
      cache,
      options: uniqueOptions(),
      keyPrefix,
      dispose: async () => {
        await bus.close();
        await cache.close();
        await deleteRedisKeys(redisUrl, keyPrefix);
        await opened.dispose();
      },
    };
  },
};

function uniqueOptions(): StreamProcessorOptions {
  const run = randomBytes(6).toString('hex');
  return {
    groupId: `pulse-stream-processor-test-${run}`,
    topics: new Map(INBOUND_EVENT_TOPICS.map((topic) => [topic, `test-${run}.${topic}`])),
    deadLetterTopic: `test-${run}.${TOPICS.deadLetter}`,
    // As in production: partitions stored side by side (on Kafka; the in-process bus delivers one at a time).
    partitionsConcurrently: DEFAULT_STREAM_PROCESSOR_OPTIONS.partitionsConcurrently,
    fetch: DEFAULT_STREAM_PROCESSOR_OPTIONS.fetch,
    quarantine: DEFAULT_STREAM_PROCESSOR_OPTIONS.quarantine,
    aggregates: { ...DEFAULT_STREAM_PROCESSOR_OPTIONS.aggregates, topic: `test-${run}.${TOPICS.aggregates}` },
    liveStateCheckMs: DEFAULT_STREAM_PROCESSOR_OPTIONS.liveStateCheckMs,
  };
}

async function deleteRedisKeys(redisUrl: string, prefix: string): Promise<void> {
  const client = createClient({ url: redisUrl });
  await client.connect();
  try {
    const keys = await client.keys(`${prefix}:*`);
    if (keys.length > 0) await client.del(keys);
  } finally {
    await client.close();
  }
}

@Global()
@Module({})
class TestPlatformModule {
  static for(environment: ProcessorEnvironment): DynamicModule {
    const providers = [
      { provide: MESSAGE_BUS, useValue: environment.bus },
      { provide: DATA_SOURCE, useValue: environment.store.dataSource },
      { provide: CACHE_STORE, useValue: environment.cache },
      { provide: ServiceMetrics, useValue: new ServiceMetrics('stream-processor') },
    ];
    return { module: TestPlatformModule, providers, exports: providers.map((provider) => provider.provide) };
  }
}

export interface RunningProcessor {
  module: TestingModule;
  reader: LiveStateReader;
  close(): Promise<void>;
}

/** Starts the stream processor's Nest module on the environment; its live state and minute closer run on `now`. */
export async function startProcessor(environment: ProcessorEnvironment, now: () => number): Promise<RunningProcessor> {
  const liveStateOptions = { keyPrefix: environment.keyPrefix, now };
  const module = await Test.createTestingModule({ imports: [TestPlatformModule.for(environment), StreamProcessorModule] })
    .overrideProvider(STREAM_PROCESSOR_OPTIONS)
    .useValue(environment.options)
    .overrideProvider(LiveStateWriter)
    .useValue(new LiveStateWriter(environment.cache, liveStateOptions))
    .overrideProvider(PROCESSOR_CLOCK)
    .useValue(now)
    .compile();
  await module.init();
  return {
    module,
    reader: new LiveStateReader(environment.cache, liveStateOptions),
    close: () => module.close(),
  };
}

/** Collects what reaches the dead-letter topic, from its beginning. */
export async function collectDeadLetters(environment: ProcessorEnvironment): Promise<{ messages: ReceivedMessage[]; close(): Promise<void> }> {
  const messages: ReceivedMessage[] = [];
  const subscription = await environment.bus.subscribe({
    groupId: `${environment.options.groupId}-dead-letters`,
    topics: [environment.options.deadLetterTopic],
    handleBatch: async (batch) => {
      messages.push(...batch);
    },
  });
  return { messages, close: () => subscription.close() };
}

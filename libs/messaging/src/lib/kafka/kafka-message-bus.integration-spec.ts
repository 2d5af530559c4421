import { ConfigResourceTypes, Kafka, logLevel } from 'kafkajs';
import { describeMessageBusContract, uniqueName, waitUntil } from '../../testing';
import { withDeadline } from './deadline';
import { KafkaMessageBus } from './kafka-message-bus';

// Runs against a real broker: `bash tools/kafka/kafka.sh start`. An unreachable broker fails the run, never skips it.
const brokers = (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092')
  .split(',')
  .map((broker) => broker.trim());

/** Keeps CI output readable: kafkajs info chatter is dropped, warnings and errors are kept. */
const quietLogger = {
  log: () => undefined,
  debug: () => undefined,
  warn: (message: unknown, context?: unknown) =>
    process.stderr.write(`[warn] ${context ?? ''} ${String(message)}\n`),
  error: (message: unknown, ...rest: unknown[]) =>
    process.stderr.write(`[error] ${rest.at(-1) ?? ''} ${String(message)}\n`),
};

const createBus = async () =>
  new KafkaMessageBus({
    brokers,
    clientId: 'messaging-integration',
    logger: quietLogger,
  });

beforeAll(async () => {
  const admin = new Kafka({
    clientId: 'messaging-integration-probe',
    brokers,
    logLevel: logLevel.NOTHING,
    retry: { retries: 1 },
  }).admin();
  try {
    const cluster = await withDeadline(
      admin.connect().then(() => admin.describeCluster()),
      10_000,
      'no answer within 10 s',
    );
    const [broker] = cluster.brokers;
    const configs = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [
        {
          type: ConfigResourceTypes.BROKER,
          name: String(broker.nodeId),
          configNames: ['inter.broker.protocol.version'],
        },
      ],
    });
    const version = configs.resources[0]?.configEntries.find(
      (entry) => entry.configName === 'inter.broker.protocol.version',
    )?.configValue;
    console.log(
      `messaging integration tests run against Kafka at ${brokers.join(',')}: cluster id ${cluster.clusterId}, ` +
        `${cluster.brokers.length} broker(s), protocol version ${version ?? 'unknown'}`,
    );
  } catch (error) {
    throw new Error(
      `Kafka is not reachable at ${brokers.join(',')} (${error instanceof Error ? error.message : String(error)}). ` +
        'Start it with `bash tools/kafka/kafka.sh start` or point KAFKA_BROKERS at a broker.',
    );
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
});

// The broker keeps the messages and offsets: a new client is a restarted bus.
describeMessageBusContract('KafkaMessageBus', createBus, {
  reopenBus: createBus,
});

describe('KafkaMessageBus against a real broker', () => {
  let bus: KafkaMessageBus;

  beforeEach(async () => {
    bus = await createBus();
  });

  afterEach(async () => {
    await bus.close();
  });

  it('publishes, in one call, more bytes than the broker accepts in one request, and all of it arrives', async () => {
    // 3,000 messages of 1 KiB on one key (one partition): 3 MiB, three times message.max.bytes.
    const topic = uniqueName('kafka.large-publish');
    await bus.ensureTopics([topic], 1);
    const messages = Array.from({ length: 3_000 }, (_, index) => ({ key: 'one-key', value: `${index}:`.padEnd(1_024, 'x') }));
    await bus.publish(topic, messages);

    const received: string[] = [];
    const subscription = await bus.subscribe({
      groupId: uniqueName('kafka.large-publish.group'),
      topics: [topic],
      handleBatch: async (batch) => {
        for (const message of batch) received.push(message.value.toString().split(':')[0]);
      },
    });
    try {
      await waitUntil(() => received.length >= 3_000, () => `3,000 messages (got ${received.length})`, 60_000);
      expect(received).toEqual(messages.map((_, index) => String(index)));
    } finally {
      await subscription.close();
    }
  });

  it('with a fetch shape, hands a trickle of messages over in far fewer batches', async () => {
    // Two groups read the same trickle: the default answers each fetch as soon as one message is there,
    // the shaped one waits for 1 MiB or 1 s. Compared with each other, not with a clock.
    const topic = uniqueName('kafka.fetch-shape');
    await bus.ensureTopics([topic], 1);
    const batchSizes = { default: [] as number[], shaped: [] as number[] };
    const subscribe = (name: keyof typeof batchSizes, fetch?: { minBytes: number; maxWaitMs: number }) =>
      bus.subscribe({
        groupId: uniqueName(`kafka.fetch-shape.${name}`),
        topics: [topic],
        fetch,
        handleBatch: async (batch) => {
          batchSizes[name].push(batch.length);
        },
      });
    const subscriptions = await Promise.all([subscribe('default'), subscribe('shaped', { minBytes: 1024 * 1024, maxWaitMs: 1000 })]);
    try {
      for (let index = 0; index < 20; index++) {
        await bus.publish(topic, [{ key: 'one-key', value: `trickle-${index}` }]);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      const received = (name: keyof typeof batchSizes) => batchSizes[name].reduce((sum, size) => sum + size, 0);
      await waitUntil(() => received('default') === 20 && received('shaped') === 20, () => `20 messages in each group (got ${received('default')}, ${received('shaped')})`, 30_000);

      expect(batchSizes.shaped.length).toBeLessThan(batchSizes.default.length / 2);
    } finally {
      await Promise.all(subscriptions.map((subscription) => subscription.close()));
    }
  });

  it('creates missing topics with the requested partition count and leaves existing ones alone', async () => {
    const topic = uniqueName('kafka.ensure-topics');
    await bus.ensureTopics([topic], 2);
    await bus.ensureTopics([topic], 5);

    const admin = new Kafka({
      clientId: 'messaging-integration-probe',
      brokers,
      logLevel: logLevel.NOTHING,
    }).admin();
    await admin.connect();
    try {
      const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
      expect(metadata.topics[0].partitions).toHaveLength(2);
    } finally {
      await admin.disconnect();
    }
  });

  it('is healthy when the broker answers', async () => {
    await expect(bus.health.check()).resolves.toBeUndefined();
  });

  it('is unhealthy, with a readable error, when no broker listens', async () => {
    const unreachable = new KafkaMessageBus({
      brokers: ['127.0.0.1:1'],
      clientId: 'messaging-integration',
      logger: quietLogger,
      healthTimeoutMs: 2000,
    });
    try {
      await expect(unreachable.health.check()).rejects.toThrow(
        /127\.0\.0\.1:1|ECONNREFUSED|Connection error/,
      );
    } finally {
      await unreachable.close();
    }
  });
});

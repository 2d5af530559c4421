import { ConsoleLogger } from '@nestjs/common';
import { loadServiceConfig } from '@pulse/config';
import { decodeEnvelope, decodeQuarantineRecord, QUARANTINE_RECORD_HEADER, TOPICS, type QuarantineRecord, type RawEventEnvelope } from '@pulse/contracts';
import type { Subscription } from '@pulse/messaging';
import {
  closePlatformAdapters,
  createDistributedPlatform,
  createEmbeddedPlatform,
  startServiceApplication,
  type PlatformAdapters,
  type RunningService,
} from '@pulse/platform';
import { createFreshDatabase, freshEmbeddedCluster } from '@pulse/storage/testing';
import { Kafka, logLevel } from 'kafkajs';
import { randomBytes } from 'node:crypto';
import { INGESTION_SERVICE } from '../lib/ingestion.service-definition';

export const ADMIN_TOKEN = 'integration-admin-token-0123456789';

/** An envelope as it arrived on the raw topic, with its Kafka key and partition. */
export interface ArrivedEnvelope {
  key: string | null;
  partition: number;
  envelope: RawEventEnvelope;
}

/** The ingestion app, listening on a free port, plus everything that arrives on the raw topic. */
export interface IngestionUnderTest {
  url: string;
  running: RunningService;
  adapters: PlatformAdapters;
  arrived: ArrivedEnvelope[];
  /** The refused events ingestion sent towards the tenants' quarantines (dead-letter topic). */
  quarantined: QuarantineRecord[];
  /** Envelopes of one tenant, waiting until at least `count` arrived (fails with what did arrive). */
  envelopesOf(tenantId: string, count: number, timeoutMs?: number): Promise<ArrivedEnvelope[]>;
  stop(): Promise<void>;
}

/** Warnings and errors only: the tests' output stays readable, problems still show. */
function quietLogger(): ConsoleLogger {
  return new ConsoleLogger('ingestion-it', { logLevels: ['error', 'warn'] });
}

/** Embedded adapters: in-process bus, PGlite, memory cache — what `npm start` runs on. */
export async function startEmbeddedIngestion(options: { adminToken?: string } = { adminToken: ADMIN_TOKEN }): Promise<IngestionUnderTest> {
  const adapters = await createEmbeddedPlatform({ adminToken: options.adminToken, cluster: await freshEmbeddedCluster() });
  return start(adapters, async () => undefined);
}

/**
 * Real Kafka, PostgreSQL (a fresh database, dropped afterwards) and Redis, chosen by the same
 * configuration loader the distributed app uses. Fails, naming the service, when one is down.
 */
export async function startDistributedIngestion(): Promise<IngestionUnderTest> {
  const database = await createFreshDatabase('pulse_ingestion_it');
  const dropDatabase = database.drop;
  try {
    const config = loadServiceConfig('ingestion', {
      KAFKA_BROKERS: process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092',
      DATABASE_URL: database.url,
      REDIS_URL: process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379',
      ADMIN_TOKEN,
      KAFKA_CLIENT_ID: 'pulse-ingestion-it',
    });
    const adapters = await createDistributedPlatform(config, quietLogger());
    try {
      await adapters.bus.health.check();
    } catch (error) {
      await closePlatformAdapters(adapters);
      throw new Error(`Kafka is unreachable (${(error as Error).message}): start it with "bash tools/kafka/kafka.sh start"`);
    }
    await adapters.bus.ensureTopics([TOPICS.rawEvents, TOPICS.deadLetter]);
    const groupId = `ingestion-it-${randomBytes(6).toString('hex')}`;
    await startGroupAtTheEnd(config.kafka.brokers, groupId, [TOPICS.rawEvents, TOPICS.deadLetter]);
    return await start(adapters, dropDatabase, groupId);
  } catch (error) {
    await dropDatabase();
    throw error;
  }
}

/**
 * The shared broker's topics hold every earlier run's messages (a benchmark leaves hundreds of thousands):
 * reading them all before this run's would outlast the tests' waits. The fresh group is committed at the
 * topics' current end before it subscribes, so it reads only what this run publishes.
 */
async function startGroupAtTheEnd(brokers: string[], groupId: string, topics: string[]): Promise<void> {
  const admin = new Kafka({ clientId: 'ingestion-it-admin', brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    for (const topic of topics) {
      const offsets = await admin.fetchTopicOffsets(topic);
      await admin.setOffsets({ groupId, topic, partitions: offsets.map(({ partition, high }) => ({ partition, offset: high })) });
    }
  } finally {
    await admin.disconnect();
  }
}

async function start(
  adapters: PlatformAdapters,
  afterStop: () => Promise<void>,
  groupId = `ingestion-it-${randomBytes(6).toString('hex')}`,
): Promise<IngestionUnderTest> {
  const arrived: ArrivedEnvelope[] = [];
  const quarantined: QuarantineRecord[] = [];
  let subscription: Subscription | undefined;
  let running: RunningService | undefined;
  try {
    subscription = await adapters.bus.subscribe({
      groupId,
      topics: [TOPICS.rawEvents, TOPICS.deadLetter],
      fromBeginning: true,
      handleBatch: async (messages) => {
        for (const message of messages) {
          if (message.topic === TOPICS.deadLetter) {
            const record = message.headers[QUARANTINE_RECORD_HEADER] !== undefined ? decodeQuarantineRecord(message.value) : undefined;
            if (record) quarantined.push(record);
            continue;
          }
          // Other suites publish to the same topic: anything that is not an envelope is theirs.
          const decoded = decodeEnvelope(message.value, 'lenient');
          if (decoded.ok) arrived.push({ key: message.key, partition: message.partition, envelope: decoded.envelope });
        }
      },
    });
    running = await startServiceApplication(INGESTION_SERVICE, adapters, { port: 0, host: '127.0.0.1' }, quietLogger());
  } catch (error) {
    await subscription?.close();
    await closePlatformAdapters(adapters);
    await afterStop();
    throw error;
  }
  const app = running;
  return {
    url: app.url,
    running: app,
    adapters,
    arrived,
    quarantined,
    envelopesOf: (tenantId, count, timeoutMs = 20_000) =>
      waitFor(
        () => arrived.filter((arrival) => arrival.envelope.tenantId === tenantId),
        (found) => found.length >= count,
        timeoutMs,
        (found) => `expected ${count} envelopes of tenant ${tenantId} on ${TOPICS.rawEvents}, got ${found.length}`,
      ),
    stop: async () => {
      await app.app.close();
      await subscription?.close();
      await closePlatformAdapters(adapters);
      await afterStop();
    },
  };
}

/** Polls `read` until `done` holds; on timeout fails with `describe` of the last value read. */
export async function waitFor<T>(read: () => T, done: (value: T) => boolean, timeoutMs: number, describe: (value: T) => string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out: ${describe(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { createClient } from 'redis';

/** The real services the e2e tests run the built apps against (what .ci/run starts). */
export const KAFKA_BROKERS = process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092';
export const ADMIN_DATABASE_URL = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
export const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
export const INBOUND_TOPICS = ['pulse.events.raw.v1', 'conversation.events.v1', 'system.metrics.v1', 'model.usage.v1'];
export const PROCESSOR_GROUP = 'pulse-stream-processor';

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** One statement on the admin database (CREATE/DROP DATABASE), failing clearly when PostgreSQL is down. */
export async function runAsAdmin(statement: string): Promise<void> {
  const client = new Client({ connectionString: ADMIN_DATABASE_URL, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`PostgreSQL is unreachable at ${new URL(ADMIN_DATABASE_URL).host}: ${(error as Error).message}`);
  }
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Removes a test tenant's live state from Redis. */
export async function deleteLiveState(tenantId: string): Promise<void> {
  const redis = createClient({ url: REDIS_URL });
  await redis.connect();
  try {
    const keys = await redis.keys(`pulse:live:{${tenantId}}:*`);
    if (keys.length > 0) await redis.del(keys);
  } finally {
    await redis.close();
  }
}

/**
 * The processor's consumer group is shared by every run on this broker: what earlier runs left
 * unconsumed (their databases are gone) would be worked through, as unknown tenants, first. Moving the
 * group to the end of the inbound topics skips it. Kafka refuses while another member of the group runs:
 * a member of an earlier, killed run is waited for (bounded, until its session times out); a live one
 * fails the test with that reason instead of racing it.
 */
export async function skipOldBacklog(clientId: string, groupId = PROCESSOR_GROUP, topics = INBOUND_TOPICS): Promise<void> {
  const admin = new Kafka({ clientId, brokers: KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING }).admin();
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(`Kafka is not reachable at ${KAFKA_BROKERS} (bash tools/kafka/kafka.sh start): ${(error as Error).message}`);
  }
  try {
    await admin.createTopics({ waitForLeaders: true, topics: topics.map((topic) => ({ topic })) });
    for (const topic of topics) {
      // A broker that just (re)started may still be electing leaders: retry that, bounded.
      const offsets = await retryBounded(() => admin.fetchTopicOffsets(topic), 30_000, /leader/i);
      // Explicit high watermarks: resetOffsets would commit -1, which kafkajs reads as "no offset" and
      // then starts from the beginning.
      const partitions = offsets.map(({ partition, high }) => ({ partition, offset: high }));
      await retryBounded(() => admin.setOffsets({ groupId, topic, partitions }), 60_000, /running instances/i).catch(
        (error: Error) => {
          throw new Error(
            `cannot move group ${groupId} past the old backlog of ${topic} (is another stream processor running?): ${error.message}`,
          );
        },
      );
    }
  } finally {
    await admin.disconnect();
  }
}

async function retryBounded<T>(attempt: () => Promise<T>, timeoutMs: number, retryOn: RegExp): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() > deadline || !retryOn.test((error as Error).message)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

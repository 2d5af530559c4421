import type { LoggerService } from '@nestjs/common';
import { RedisCacheStore } from '@pulse/cache';
import type { ServiceConfig } from '@pulse/config';
import { KafkaMessageBus } from '@pulse/messaging';
import { openStore, type StoreSchema } from '@pulse/storage';
import type { PlatformAdapters } from './platform-adapters';

/** Real Kafka, PostgreSQL and Redis, from validated configuration; the store with the service's own tables. */
export async function createDistributedPlatform(config: ServiceConfig, logger: LoggerService, storeSchema?: StoreSchema): Promise<PlatformAdapters> {
  const store = await openStore({ kind: 'postgres', url: config.database.url, poolSize: config.database.poolSize }, storeSchema);
  const cache = await RedisCacheStore.connect(config.redis.url);
  const bus = new KafkaMessageBus({ brokers: config.kafka.brokers, clientId: config.kafka.clientId, logger });
  return { mode: 'distributed', settings: { adminToken: config.adminToken }, bus, store, cache };
}

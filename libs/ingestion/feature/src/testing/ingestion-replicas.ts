import { ConsoleLogger, Global, Module, type DynamicModule } from '@nestjs/common';
import { RedisCacheStore } from '@pulse/cache';
import { TOPICS, decodeEnvelope } from '@pulse/contracts';
import type { Subscription } from '@pulse/messaging';
import { closePlatformAdapters, createEmbeddedPlatform, startServiceApplication, type RunningService, type ServiceDefinition } from '@pulse/platform';
import { freshEmbeddedCluster } from '@pulse/storage/testing';
import { IngestionModule } from '../lib/ingestion.module';
import { INGESTION_SERVICE } from '../lib/ingestion.service-definition';
import { SHARED_RATE_LIMIT_OPTIONS, type SharedRateLimitOptions } from '../lib/limits/shared-tenant-rate-limiter';
import { ADMIN_TOKEN } from './ingestion-app';

/** Several ingestion replicas: one store and one message bus (embedded), each replica its own Redis client. */
export interface IngestionReplicas {
  urls: string[];
  /** Events that arrived on the raw topic, per tenant id. */
  arrivedPerTenant: Map<string, number>;
  stop(): Promise<void>;
}

@Global()
@Module({})
class SharedRateLimitOptionsModule {
  static with(options: SharedRateLimitOptions): DynamicModule {
    const provider = { provide: SHARED_RATE_LIMIT_OPTIONS, useValue: options };
    return { module: SharedRateLimitOptionsModule, providers: [provider], exports: [SHARED_RATE_LIMIT_OPTIONS] };
  }
}

@Module({})
class IngestionReplicaModule {
  static with(options: SharedRateLimitOptions): DynamicModule {
    return { module: IngestionReplicaModule, imports: [SharedRateLimitOptionsModule.with(options), IngestionModule] };
  }
}

/**
 * `count` ingestion apps built by `startServiceApplication`, as the distributed service is, on the embedded store
 * and in-process bus (Kafka is not what these tests are about) and a Redis cache each, connected to `redisUrl`.
 * The rate limit comes from the environment (`INGESTION_RATE_LIMIT_*`) as in production.
 */
export async function startIngestionReplicas(count: number, redisUrl: string, options: SharedRateLimitOptions): Promise<IngestionReplicas> {
  const platform = await createEmbeddedPlatform({ adminToken: ADMIN_TOKEN, cluster: await freshEmbeddedCluster() });
  const definition: ServiceDefinition = { ...INGESTION_SERVICE, featureModule: IngestionReplicaModule.with(options) };
  const caches: RedisCacheStore[] = [];
  const replicas: RunningService[] = [];
  const arrivedPerTenant = new Map<string, number>();
  let subscription: Subscription | undefined;
  const stop = async () => {
    for (const replica of replicas) await replica.app.close();
    for (const cache of caches) await cache.close();
    await subscription?.close();
    await closePlatformAdapters(platform);
  };
  try {
    subscription = await platform.bus.subscribe({
      groupId: 'ingestion-replicas-test',
      topics: [TOPICS.rawEvents],
      fromBeginning: true,
      handleBatch: async (messages) => {
        for (const message of messages) {
          const decoded = decodeEnvelope(message.value, 'lenient');
          if (decoded.ok) arrivedPerTenant.set(decoded.envelope.tenantId, (arrivedPerTenant.get(decoded.envelope.tenantId) ?? 0) + 1);
        }
      },
    });
    for (let i = 0; i < count; i++) {
      const cache = await RedisCacheStore.connect(redisUrl);
      caches.push(cache);
      const logger = new ConsoleLogger(`ingestion-replica-${i + 1}`, { logLevels: ['error', 'warn'] });
      replicas.push(await startServiceApplication(definition, { ...platform, cache }, { port: 0, host: '127.0.0.1' }, logger));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { urls: replicas.map((replica) => replica.url), arrivedPerTenant, stop };
}

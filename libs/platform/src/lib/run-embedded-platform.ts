import type { LoggerService } from '@nestjs/common';
import { mergeStoreSchemas } from '@pulse/storage';
import { createEmbeddedPlatform } from './embedded-platform';
import { closePlatformAdapters, type PlatformAdapters } from './platform-adapters';
import { startServiceApplication, type RunningService } from './service-application';
import type { ServiceDefinition } from './service-definition';

export interface EmbeddedRunOptions {
  services: ServiceDefinition[];
  host: string;
  /** The first service listens on basePort, the next on basePort + 1, …; 0 lets every service take a free port. */
  basePort: number;
  dataDir?: string;
  adminToken?: string;
  logger: LoggerService;
  /** Runs once the adapters are ready and before the services listen, e.g. to seed demo data. */
  prepare?: (adapters: PlatformAdapters) => Promise<void>;
}

export interface EmbeddedPlatform {
  adapters: PlatformAdapters;
  services: RunningService[];
  stop(): Promise<void>;
}

/** All services in one process, sharing one set of embedded adapters: the same code paths as distributed mode. */
export async function runEmbeddedPlatform(options: EmbeddedRunOptions): Promise<EmbeddedPlatform> {
  const adapters = await createEmbeddedPlatform({
    dataDir: options.dataDir,
    adminToken: options.adminToken,
    // One store for every service: it holds each one's own tables.
    storeSchema: mergeStoreSchemas(...options.services.map((service) => service.storeSchema)),
  });
  const services: RunningService[] = [];
  const stop = async () => {
    // Stop HTTP first so nothing new arrives, then drain the bus and close the stores.
    for (const service of [...services].reverse()) await service.app.close();
    await closePlatformAdapters(adapters);
  };
  try {
    await options.prepare?.(adapters);
    for (const [index, definition] of options.services.entries()) {
      const port = options.basePort === 0 ? 0 : options.basePort + index;
      services.push(await startServiceApplication(definition, adapters, { port, host: options.host }, options.logger));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { adapters, services, stop };
}

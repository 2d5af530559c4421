import { ConfigValidationError, loadServiceConfig, type ServiceConfig } from '@pulse/config';
import { JsonLogger } from '@pulse/observability';
import { createDistributedPlatform } from './distributed-platform';
import { closePlatformAdapters } from './platform-adapters';
import { startServiceApplication } from './service-application';
import type { ServiceDefinition } from './service-definition';
import { onShutdownSignal } from './shutdown-signal';

/**
 * The whole `main.ts` of a distributed service: validate the environment (a bad variable stops the
 * process with a message naming it), connect to Kafka, PostgreSQL and Redis, serve, drain on SIGTERM.
 */
export async function runDistributedService(definition: ServiceDefinition, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const config = loadConfigOrExit(definition, env);
  const logger = new JsonLogger({ service: definition.name, level: config.logLevel });
  try {
    const adapters = await createDistributedPlatform(config, logger, definition.storeSchema);
    const running = await startServiceApplication(definition, adapters, { port: config.port, host: config.host }, logger);
    logger.log(`${definition.name} listening on ${running.url} (API docs ${running.url}/docs, health ${running.url}/health)`, 'Bootstrap');
    onShutdownSignal(
      async () => {
        await running.app.close();
        await closePlatformAdapters(adapters);
      },
      (message) => logger.log(message, 'Shutdown'),
    );
  } catch (error) {
    logger.error(`${definition.name} failed to start: ${error instanceof Error ? error.message : String(error)}`, undefined, 'Bootstrap');
    process.exit(1);
  }
}

function loadConfigOrExit(definition: ServiceDefinition, env: NodeJS.ProcessEnv): ServiceConfig {
  try {
    return loadServiceConfig(definition.name, env);
  } catch (error) {
    if (error instanceof ConfigValidationError) {
      process.stderr.write(`[${definition.name}] ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

import { DynamicModule, INestApplication, LoggerService, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MESSAGE_BUS_TRANSPORT_OPTIONS, MessageBusTransport, type MessageBusTransportOptions } from '@pulse/messaging';
import { ObservabilityModule, setupOpenApi } from '@pulse/observability';
import { useJsonBodyLimit } from './json-body-limit';
import { healthIndicatorsFor, type PlatformAdapters } from './platform-adapters';
import { PlatformModule } from './platform.module';
import type { ServiceDefinition } from './service-definition';

@Module({})
class ServiceRootModule {
  static for(definition: ServiceDefinition, adapters: PlatformAdapters): DynamicModule {
    return {
      module: ServiceRootModule,
      imports: [
        PlatformModule.forAdapters(adapters),
        ObservabilityModule.forService({
          serviceName: definition.name,
          indicators: healthIndicatorsFor(adapters, definition.dependencies, definition.degradedWithout),
        }),
        definition.featureModule,
      ],
    };
  }
}

export interface RunningService {
  name: string;
  app: INestApplication;
  url: string;
}

/** Builds one service's Nest application on the given adapters and starts listening. */
export async function startServiceApplication(
  definition: ServiceDefinition,
  adapters: PlatformAdapters,
  listen: { port: number; host: string },
  logger: LoggerService,
): Promise<RunningService> {
  const maxJsonBodyBytes = definition.maxJsonBodyBytes?.();
  const app = await NestFactory.create(ServiceRootModule.for(definition, adapters), {
    logger,
    bufferLogs: false,
    bodyParser: maxJsonBodyBytes === undefined,
  });
  if (maxJsonBodyBytes !== undefined) useJsonBodyLimit(app, maxJsonBodyBytes);
  setupOpenApi(app, { title: `Pulse ${definition.title}`, description: definition.description });
  if (definition.consumesEvents) {
    // The same bus on either platform: Kafka or the in-process one.
    const options = app.get<MessageBusTransportOptions>(MESSAGE_BUS_TRANSPORT_OPTIONS, { strict: false });
    app.connectMicroservice({ strategy: new MessageBusTransport(adapters.bus, options) }, { inheritAppConfig: true });
    await app.startAllMicroservices();
  }
  await app.listen(listen.port, listen.host);
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : listen.port;
  const host = listen.host === '0.0.0.0' || listen.host === '::' ? 'localhost' : listen.host;
  return { name: definition.name, app, url: `http://${host}:${port}` };
}

import { Module, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import type { ServiceDefinition } from '@pulse/platform';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * In the embedded start each service has its own port, so the web UI (served by the dashboards service)
 * calls the reporting API across origins. Any origin may: the API authenticates by the secret key in the
 * Authorization header, never by cookies, so a page without the key can do nothing with it.
 */
function allowWebUi(request: IncomingMessage, response: ServerResponse, next: () => void): void {
  response.setHeader('Access-Control-Allow-Origin', '*');
  response.setHeader('Access-Control-Expose-Headers', 'Content-Disposition');
  if (request.method !== 'OPTIONS') return next();
  response.setHeader('Access-Control-Allow-Methods', 'GET, POST, PUT, DELETE');
  response.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type');
  response.setHeader('Access-Control-Max-Age', '600');
  response.statusCode = 204;
  response.end();
}

@Module({})
class WebUiCrossOriginModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(allowWebUi).forRoutes('{*path}');
  }
}

/** The service with CORS for the web UI in front of its routes. */
export function withWebUiCrossOrigin(definition: ServiceDefinition): ServiceDefinition {
  return { ...definition, featureModule: { module: WebUiCrossOriginModule, imports: [definition.featureModule] } };
}

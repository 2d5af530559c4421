import { type DynamicModule, type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { RequestIdMiddleware } from './context/request-id.middleware';
import { HealthController } from './health/health.controller';
import { ServiceReadiness } from './health/service-readiness';
import { HttpMetricsMiddleware } from './metrics/http-metrics.middleware';
import { MetricsController } from './metrics/metrics.controller';
import { ServiceMetrics } from './metrics/service-metrics';
import { OBSERVABILITY_OPTIONS, type ObservabilityOptions } from './observability-options';

/**
 * `/health`, `/ready` and `/metrics` for one service, plus request timing for all its routes. Import it once
 * per Nest application; it is global within that application so feature modules can inject `ServiceMetrics` (more
 * metrics) and `ServiceReadiness` (more checks for `/ready`).
 */
@Module({})
export class ObservabilityModule implements NestModule {
  static forService(options: ObservabilityOptions): DynamicModule {
    return {
      module: ObservabilityModule,
      global: true,
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: OBSERVABILITY_OPTIONS, useValue: options },
        // A factory, not a value: each application gets its own registry even from one options object.
        { provide: ServiceMetrics, useFactory: () => new ServiceMetrics(options.serviceName) },
        { provide: ServiceReadiness, useFactory: () => new ServiceReadiness(options.indicators) },
      ],
      exports: [ServiceMetrics, ServiceReadiness],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    // The request id first: the metrics middleware's access line is written under it.
    consumer.apply(RequestIdMiddleware, HttpMetricsMiddleware).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}

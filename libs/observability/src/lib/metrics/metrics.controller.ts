import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { prometheusContentType } from 'prom-client';
import { checkReadiness } from '../health/readiness';
import { OBSERVABILITY_OPTIONS, type ObservabilityOptions } from '../observability-options';
import { DEFAULT_READINESS_TIMEOUT_MS } from '../health/health.controller';
import { ServiceMetrics } from './service-metrics';

@ApiTags('operations')
@Controller()
export class MetricsController {
  constructor(
    private readonly metrics: ServiceMetrics,
    @Inject(OBSERVABILITY_OPTIONS) private readonly options: ObservabilityOptions,
  ) {}

  @Get('metrics')
  @Header('Content-Type', prometheusContentType)
  @ApiOperation({ summary: 'Prometheus metrics of this service' })
  @ApiProduces(prometheusContentType)
  @ApiOkResponse({ description: 'Prometheus text exposition format', schema: { type: 'string' } })
  async scrape(): Promise<string> {
    // Readiness as a series, so an alert can say which replica is not ready and why, without probing /ready itself.
    const report = await checkReadiness(this.options.indicators, this.options.readinessTimeoutMs ?? DEFAULT_READINESS_TIMEOUT_MS);
    this.metrics.ready.set(report.status === 'ready' ? 1 : 0);
    for (const [dependency, outcome] of Object.entries(report.checks)) this.metrics.dependencyUp.set({ dependency }, outcome === 'up' ? 1 : 0);
    return this.metrics.registry.metrics();
  }
}

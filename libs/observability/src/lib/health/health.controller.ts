import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { OBSERVABILITY_OPTIONS, type ObservabilityOptions } from '../observability-options';
import { LivenessResponse, ReadinessResponse } from './health-responses';
import { checkReadiness } from './readiness';
import { ServiceReadiness } from './service-readiness';

export const DEFAULT_READINESS_TIMEOUT_MS = 2000;

@ApiTags('operations')
@Controller()
export class HealthController {
  readonly #startedAt = Date.now();

  constructor(
    @Inject(OBSERVABILITY_OPTIONS) private readonly options: ObservabilityOptions,
    private readonly readiness: ServiceReadiness,
  ) {}

  @Get('health')
  @ApiOperation({ summary: 'Liveness: the process answers. Checks no dependency.' })
  @ApiOkResponse({ type: LivenessResponse })
  health(): LivenessResponse {
    return {
      status: 'ok',
      service: this.options.serviceName,
      uptimeSeconds: Math.floor((Date.now() - this.#startedAt) / 1000),
    };
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: every dependency answers in time (one the service can do without may be degraded).' })
  @ApiOkResponse({ type: ReadinessResponse })
  @ApiServiceUnavailableResponse({ type: ReadinessResponse, description: 'At least one dependency is down' })
  async ready(): Promise<ReadinessResponse> {
    const report = await checkReadiness(this.readiness.indicators, this.options.readinessTimeoutMs ?? DEFAULT_READINESS_TIMEOUT_MS);
    if (report.status !== 'ready') throw new ServiceUnavailableException(report);
    return report;
  }
}

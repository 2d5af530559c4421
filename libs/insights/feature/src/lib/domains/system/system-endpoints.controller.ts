import { Controller, Get, Query, UseGuards, UsePipes } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { HTTP_REQUEST_METRIC } from '@pulse/analytics-core';
import { CurrentTenant, SecretKeyGuard, type AuthenticatedTenant } from '@pulse/tenancy';
import { requestValidationPipe } from '@pulse/observability';
import { SystemEndpointsService } from './system-endpoints.service';
import { SystemEndpointsQuery } from './system-requests';
import { SystemEndpointsResponse } from './system-responses';

/** API performance of the secret key's services (content analytics spec, system health), from system_metric events. */
@ApiTags('system')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'Missing, unknown or revoked secret key' })
@ApiBadRequestResponse({ description: 'A parameter breaks a rule: errors[] names the field and the rule' })
@UseGuards(SecretKeyGuard)
@UsePipes(requestValidationPipe())
@Controller('v1/system')
export class SystemEndpointsController {
  constructor(private readonly system: SystemEndpointsService) {}

  @Get('endpoints')
  @ApiOperation({
    summary: 'Request rate, error rate and latency p50/p95/p99, in total, per service and per endpoint',
    description: `Reads system_metric events named ${HTTP_REQUEST_METRIC}: one per request, metric_value the latency in ms, tags.service, tags.endpoint and tags.status (500–599 is an error).`,
  })
  @ApiOkResponse({ type: SystemEndpointsResponse })
  endpoints(@CurrentTenant() tenant: AuthenticatedTenant, @Query() query: SystemEndpointsQuery): Promise<SystemEndpointsResponse> {
    return this.system.endpoints(tenant, query);
  }
}

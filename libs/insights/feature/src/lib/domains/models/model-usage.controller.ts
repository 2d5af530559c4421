import { Controller, Get, Query, UseGuards, UsePipes } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { CurrentTenant, SecretKeyGuard, type AuthenticatedTenant } from '@pulse/tenancy';
import { requestValidationPipe } from '@pulse/observability';
import { LocalDateRangeQuery } from '../shared/local-date-range.dto';
import { ModelCostByHourResponse, ModelUsageResponse } from './model-usage-responses';
import { ModelUsageService } from './model-usage.service';

/** Model usage and cost of the secret key's tenant (analytics-engine spec), from `model_usage` events. */
@ApiTags('models')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'Missing, unknown or revoked secret key' })
@ApiBadRequestResponse({ description: 'A parameter breaks a rule: errors[] names the field and the rule' })
@UseGuards(SecretKeyGuard)
@UsePipes(requestValidationPipe())
@Controller('v1/models')
export class ModelUsageController {
  constructor(private readonly models: ModelUsageService) {}

  @Get('usage')
  @ApiOperation({ summary: 'Calls, tokens, cost, latency p50/p95/p99 and error rate, in total and per provider, model and operation' })
  @ApiOkResponse({ type: ModelUsageResponse })
  usage(@CurrentTenant() tenant: AuthenticatedTenant, @Query() query: LocalDateRangeQuery): Promise<ModelUsageResponse> {
    return this.models.usage(tenant, query.from, query.to);
  }

  @Get('cost-by-hour')
  @ApiOperation({ summary: "Cost per hour of the tenant's local day (0–23) over the range" })
  @ApiOkResponse({ type: ModelCostByHourResponse })
  costByHour(@CurrentTenant() tenant: AuthenticatedTenant, @Query() query: LocalDateRangeQuery): Promise<ModelCostByHourResponse> {
    return this.models.costByHour(tenant, query.from, query.to);
  }
}

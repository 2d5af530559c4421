import { Controller, Get, Query, UseGuards, UsePipes } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { CurrentTenant, SecretKeyGuard, type AuthenticatedTenant } from '@pulse/tenancy';
import { requestValidationPipe } from '@pulse/observability';
import { LocalDateRangeQuery } from '../shared/local-date-range.dto';
import { CommerceAnalyticsService } from './commerce-analytics.service';
import { CommerceDashboardResponse } from './commerce-responses';

/** The commerce dashboard of the secret key's tenant, from raw events over the tenant's local days. */
@ApiTags('commerce')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'Missing, unknown or revoked secret key' })
@ApiBadRequestResponse({ description: 'A parameter breaks a rule: errors[] names the field and the rule' })
@UseGuards(SecretKeyGuard)
@UsePipes(requestValidationPipe())
@Controller('v1/commerce')
export class CommerceAnalyticsController {
  constructor(private readonly commerce: CommerceAnalyticsService) {}

  @Get('dashboard')
  @ApiOperation({ summary: 'Revenue, orders, average cart value and conversion rate, by category and region, against the previous period' })
  @ApiOkResponse({ type: CommerceDashboardResponse })
  dashboard(@CurrentTenant() tenant: AuthenticatedTenant, @Query() query: LocalDateRangeQuery): Promise<CommerceDashboardResponse> {
    return this.commerce.dashboard(tenant, query.from, query.to);
  }
}

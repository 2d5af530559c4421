import { Controller, Get, Param, Query, UseGuards, UsePipes } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { requestValidationPipe } from '@pulse/observability';
import { CurrentTenant, SecretKeyGuard, type AuthenticatedTenant } from '@pulse/tenancy';
import { DashboardDataQueryDto } from '../dashboards/dashboard.dto';
import { dashboardNotFound } from '../dashboards/dashboards.controller';
import { DashboardDataService, type DashboardDataResponse } from './dashboard-data.service';

/** `GET /v1/dashboards/:id/data`: every widget's data in one answer. */
@ApiTags('dashboards')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'Missing, unknown or revoked secret key' })
@UseGuards(SecretKeyGuard)
@UsePipes(requestValidationPipe())
@Controller('v1/dashboards/:id/data')
export class DashboardDataController {
  constructor(private readonly data: DashboardDataService) {}

  @Get()
  @ApiOperation({
    summary: 'All widgets’ data',
    description:
      'Over the dashboard’s filters, or the period / from+to and compare given here. Widgets are read concurrently; ' +
      'a widget that fails answers `{status:"error", error}` in its place.',
  })
  @ApiOkResponse({ description: '{ dashboardId, range, previousRange?, compare, widgets: [{ id, type, status, data | error }] }' })
  @ApiBadRequestResponse({ description: 'A bad period, from/to or compare' })
  @ApiNotFoundResponse()
  async read(@CurrentTenant() tenant: AuthenticatedTenant, @Param('id') id: string, @Query() query: DashboardDataQueryDto): Promise<DashboardDataResponse> {
    const overrides = { period: query.period, from: query.from, to: query.to, ...(query.compare === undefined ? {} : { compare: query.compare === 'true' }) };
    return (await this.data.data(tenant, id, overrides)) ?? dashboardNotFound(id);
  }
}

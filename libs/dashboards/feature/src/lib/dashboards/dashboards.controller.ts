import { Body, Controller, Delete, Get, HttpCode, HttpStatus, NotFoundException, Param, Post, Put, UseGuards, UsePipes } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { requestValidationPipe } from '@pulse/observability';
import { CurrentTenant, SecretKeyGuard, type AuthenticatedTenant, RequireScope } from '@pulse/tenancy';
import { DashboardDto, DashboardResponse, DashboardSummaryResponse } from './dashboard.dto';
import { DashboardsService } from './dashboards.service';

/** `/v1/dashboards`: dashboards of the tenant whose secret key is presented. */
@ApiTags('dashboards')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'Missing, unknown or revoked secret key' })
@UseGuards(SecretKeyGuard)
@UsePipes(requestValidationPipe())
@Controller('v1/dashboards')
export class DashboardsController {
  constructor(private readonly dashboards: DashboardsService) {}

  @Post()
  @RequireScope('manage')
  @ApiOperation({ summary: 'Create a dashboard', description: 'Filters default to the last 7 days, no comparison, no property filter.' })
  @ApiCreatedResponse({ type: DashboardResponse })
  @ApiBadRequestResponse({ description: 'Every broken rule, each naming its field (`filters.period`, `filters.properties[0].field`…)' })
  create(@CurrentTenant() tenant: AuthenticatedTenant, @Body() body: DashboardDto): Promise<DashboardResponse> {
    return this.dashboards.create(tenant, body);
  }

  @Get()
  @ApiOperation({ summary: 'List dashboards', description: 'Prebuilt first; the first call for a tenant creates its prebuilt dashboards.' })
  @ApiOkResponse({ type: [DashboardSummaryResponse] })
  list(@CurrentTenant() tenant: AuthenticatedTenant): Promise<DashboardSummaryResponse[]> {
    return this.dashboards.list(tenant);
  }

  @Get(':id')
  @ApiOkResponse({ type: DashboardResponse })
  @ApiNotFoundResponse()
  async find(@CurrentTenant() tenant: AuthenticatedTenant, @Param('id') id: string): Promise<DashboardResponse> {
    return (await this.dashboards.find(tenant, id)) ?? dashboardNotFound(id);
  }

  @Put(':id')
  @RequireScope('manage')
  @ApiOperation({ summary: 'Replace a dashboard’s name, description and filters (its widgets stay)' })
  @ApiOkResponse({ type: DashboardResponse })
  @ApiBadRequestResponse()
  @ApiNotFoundResponse()
  async replace(@CurrentTenant() tenant: AuthenticatedTenant, @Param('id') id: string, @Body() body: DashboardDto): Promise<DashboardResponse> {
    return (await this.dashboards.replace(tenant, id, body)) ?? dashboardNotFound(id);
  }

  @Delete(':id')
  @RequireScope('manage')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Deleted, with its widgets' })
  @ApiNotFoundResponse()
  async delete(@CurrentTenant() tenant: AuthenticatedTenant, @Param('id') id: string): Promise<void> {
    if (!(await this.dashboards.delete(tenant, id))) dashboardNotFound(id);
  }
}

export function dashboardNotFound(id: string): never {
  throw new NotFoundException(`No dashboard ${id}`);
}

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
import { ReportDto, ReportResponse } from './report.dto';
import { ReportsService } from './reports.service';

/** `/v1/reports`: report definitions of the tenant whose secret key is presented. */
@ApiTags('reports')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'Missing, unknown or revoked secret key' })
@UseGuards(SecretKeyGuard)
@UsePipes(requestValidationPipe())
@Controller('v1/reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Post()
  @RequireScope('manage')
  @ApiOperation({
    summary: 'Define a report',
    description:
      'Without sections, the type’s template gives them: `{"name":"Weekly","type":"executive_summary","format":"csv","period":"last_7_days"}` is a complete report. ' +
      'Each section query is checked as `POST /v1/query` would check it over the report’s days.',
  })
  @ApiCreatedResponse({ type: ReportResponse })
  @ApiBadRequestResponse({ description: 'Every broken rule, each naming its field (an unknown format: `format`, rule `isIn`)' })
  create(@CurrentTenant() tenant: AuthenticatedTenant, @Body() body: ReportDto): Promise<ReportResponse> {
    return this.reports.create(tenant, body);
  }

  @Get()
  @ApiOkResponse({ type: [ReportResponse], description: 'Newest first' })
  list(@CurrentTenant() tenant: AuthenticatedTenant): Promise<ReportResponse[]> {
    return this.reports.list(tenant);
  }

  @Get(':id')
  @ApiOkResponse({ type: ReportResponse })
  @ApiNotFoundResponse()
  async find(@CurrentTenant() tenant: AuthenticatedTenant, @Param('id') id: string): Promise<ReportResponse> {
    return (await this.reports.find(tenant, id)) ?? reportNotFound(id);
  }

  @Put(':id')
  @RequireScope('manage')
  @ApiOperation({ summary: 'Replace a report’s definition (its runs stay)' })
  @ApiOkResponse({ type: ReportResponse })
  @ApiBadRequestResponse()
  @ApiNotFoundResponse()
  async replace(@CurrentTenant() tenant: AuthenticatedTenant, @Param('id') id: string, @Body() body: ReportDto): Promise<ReportResponse> {
    return (await this.reports.replace(tenant, id, body)) ?? reportNotFound(id);
  }

  @Delete(':id')
  @RequireScope('manage')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Deleted, with its runs' })
  @ApiNotFoundResponse()
  async delete(@CurrentTenant() tenant: AuthenticatedTenant, @Param('id') id: string): Promise<void> {
    if (!(await this.reports.delete(tenant, id))) reportNotFound(id);
  }
}

export function reportNotFound(id: string): never {
  throw new NotFoundException(`No report ${id}`);
}

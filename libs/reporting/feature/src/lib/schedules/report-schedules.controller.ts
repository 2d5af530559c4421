import { Body, Controller, Delete, Get, HttpCode, HttpStatus, NotFoundException, Param, Post, Put, Req, UseGuards, UsePipes } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { requestValidationPipe } from '@pulse/observability';
import type { ServiceAddress } from '@pulse/platform';
import { CurrentTenant, SecretKeyGuard, type AuthenticatedTenant, RequireScope } from '@pulse/tenancy';
import type { Request } from 'express';
import { reportNotFound } from '../reports/reports.controller';
import { CreatedReportScheduleResponse, ReportScheduleDto, ReportScheduleResponse } from './report-schedule.dto';
import { ReportSchedulesService } from './report-schedules.service';

/** `/v1/reports/:id/schedules`: when the tenant's report runs by itself, and where it is delivered. */
@ApiTags('reports')
@ApiBearerAuth()
@ApiUnauthorizedResponse({
  description: 'Missing, unknown or revoked secret key',
})
@UseGuards(SecretKeyGuard)
@UsePipes(requestValidationPipe())
@Controller('v1/reports/:id/schedules')
export class ReportSchedulesController {
  constructor(private readonly schedules: ReportSchedulesService) {}

  @Post()
  @RequireScope('manage')
  @ApiCreatedResponse({
    type: CreatedReportScheduleResponse,
    description: 'The schedule, with its webhook secret (shown only here)',
  })
  @ApiBadRequestResponse({
    description: 'Every broken rule, each naming its field (cron: isFiveFieldCron, isCronExpression, occursAgain)',
  })
  @ApiNotFoundResponse()
  async create(
    @CurrentTenant() tenant: AuthenticatedTenant,
    @Param('id') id: string,
    @Body() body: ReportScheduleDto,
    @Req() request: Request,
  ): Promise<CreatedReportScheduleResponse> {
    return (await this.schedules.create(tenant, id, body, serviceAddressOf(request))) ?? reportNotFound(id);
  }

  @Get()
  @ApiOkResponse({
    type: [ReportScheduleResponse],
    description: 'Oldest first',
  })
  @ApiNotFoundResponse()
  async list(@CurrentTenant() tenant: AuthenticatedTenant, @Param('id') id: string): Promise<ReportScheduleResponse[]> {
    return (await this.schedules.list(tenant, id)) ?? reportNotFound(id);
  }

  @Get(':scheduleId')
  @ApiOkResponse({ type: ReportScheduleResponse })
  @ApiNotFoundResponse()
  async find(
    @CurrentTenant() tenant: AuthenticatedTenant,
    @Param('id') id: string,
    @Param('scheduleId') scheduleId: string,
  ): Promise<ReportScheduleResponse> {
    return (await this.schedules.find(tenant, id, scheduleId)) ?? scheduleNotFound(scheduleId);
  }

  @Put(':scheduleId')
  @RequireScope('manage')
  @ApiOkResponse({
    type: CreatedReportScheduleResponse,
    description: 'The secret is kept; a first webhook gets one, shown in this answer',
  })
  @ApiBadRequestResponse()
  @ApiNotFoundResponse()
  async replace(
    @CurrentTenant() tenant: AuthenticatedTenant,
    @Param('id') id: string,
    @Param('scheduleId') scheduleId: string,
    @Body() body: ReportScheduleDto,
    @Req() request: Request,
  ): Promise<CreatedReportScheduleResponse> {
    return (await this.schedules.replace(tenant, id, scheduleId, body, serviceAddressOf(request))) ?? scheduleNotFound(scheduleId);
  }

  @Delete(':scheduleId')
  @RequireScope('manage')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Deleted; its runs stay' })
  @ApiNotFoundResponse()
  async delete(@CurrentTenant() tenant: AuthenticatedTenant, @Param('id') id: string, @Param('scheduleId') scheduleId: string): Promise<void> {
    if (!(await this.schedules.delete(tenant, id, scheduleId))) scheduleNotFound(scheduleId);
  }
}

function scheduleNotFound(id: string): never {
  throw new NotFoundException(`No schedule ${id}`);
}

function serviceAddressOf(request: Request): ServiceAddress {
  return {
    hostHeader: request.headers.host,
    localAddress: request.socket.localAddress,
    localPort: request.socket.localPort,
  };
}

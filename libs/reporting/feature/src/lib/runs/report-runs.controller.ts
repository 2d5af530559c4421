import { Controller, Get, HttpCode, HttpStatus, NotFoundException, Param, Post, StreamableFile, UseGuards } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import {
  AdminAuditService,
  AUDIT_ACTIONS,
  CurrentSecretKey,
  CurrentTenant,
  SecretKeyGuard,
  secretKeyActor,
  type AuthenticatedTenant,
  type SecretKeyIdentity,
} from '@pulse/tenancy';
import { reportNotFound } from '../reports/reports.controller';
import { ReportRunResponse } from './report-run.dto';
import { ReportRunsService } from './report-runs.service';

/** `/v1/reports/:id/generate` and `/v1/reports/:id/runs…`: generations of the tenant's reports. */
@ApiTags('reports')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'Missing, unknown or revoked secret key' })
@UseGuards(SecretKeyGuard)
@Controller('v1/reports/:id')
export class ReportRunsController {
  constructor(
    private readonly runs: ReportRunsService,
    private readonly audit: AdminAuditService,
  ) {}

  @Post('generate')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Queue a generation; poll the run until completed or failed',
    description: "A relative period is resolved now, in the tenant's time zone.",
  })
  @ApiAcceptedResponse({ type: ReportRunResponse, description: 'The run, queued' })
  @ApiNotFoundResponse()
  async generate(@CurrentTenant() tenant: AuthenticatedTenant, @Param('id') id: string): Promise<ReportRunResponse> {
    return (await this.runs.generate(tenant, id)) ?? reportNotFound(id);
  }

  @Get('runs')
  @ApiOkResponse({ type: [ReportRunResponse], description: 'Newest first (the last 50)' })
  @ApiNotFoundResponse()
  async list(@CurrentTenant() tenant: AuthenticatedTenant, @Param('id') id: string): Promise<ReportRunResponse[]> {
    return (await this.runs.list(tenant, id)) ?? reportNotFound(id);
  }

  @Get('runs/:runId')
  @ApiOkResponse({ type: ReportRunResponse })
  @ApiNotFoundResponse()
  async find(@CurrentTenant() tenant: AuthenticatedTenant, @Param('id') id: string, @Param('runId') runId: string): Promise<ReportRunResponse> {
    return (await this.runs.find(tenant, id, runId)) ?? runNotFound(runId);
  }

  @Get('runs/:runId/download')
  @ApiProduces('text/csv', 'application/json')
  @ApiOkResponse({ description: 'The file, as an attachment named after the report and its days' })
  @ApiConflictResponse({ description: 'The run is not completed' })
  @ApiNotFoundResponse()
  async download(
    @CurrentTenant() tenant: AuthenticatedTenant,
    @CurrentSecretKey() key: SecretKeyIdentity,
    @Param('id') id: string,
    @Param('runId') runId: string,
  ): Promise<StreamableFile> {
    const download = (await this.runs.download(tenant, id, runId)) ?? runNotFound(runId);
    await this.audit.record({
      actor: secretKeyActor(key),
      action: AUDIT_ACTIONS.reportDownload,
      tenantId: tenant.id,
      subject: runId,
      details: { reportId: id, runId, fileName: download.fileName, contentType: download.contentType },
    });
    return new StreamableFile(download.file, { type: download.contentType, disposition: `attachment; filename="${download.fileName}"` });
  }
}

function runNotFound(runId: string): never {
  throw new NotFoundException(`No run ${runId}`);
}

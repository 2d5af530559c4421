import { Controller, Get, Query, StreamableFile, UseGuards, UsePipes } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { requestValidationPipe } from '@pulse/observability';
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
import { ExportQuery } from './export-request';
import { ExportService } from './export.service';

/**
 * The tenant's raw events, daily rollups or conversations as a file. The body is a stream pulled from
 * the store (a COPY, or page by page): a slow client pauses the reading, a closed connection ends it.
 * Each export is recorded in the audit log (which key, dataset, days, format) once its file opened.
 */
@ApiTags('export')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'Missing, unknown or revoked secret key' })
@ApiBadRequestResponse({ description: 'A parameter breaks a rule: errors[] names the field and the rule' })
@UseGuards(SecretKeyGuard)
@UsePipes(requestValidationPipe())
@Controller('v1/export')
export class ExportController {
  constructor(
    private readonly exports: ExportService,
    private readonly audit: AdminAuditService,
  ) {}

  @Get()
  @ApiOperation({
    summary: "One dataset (events, daily_metrics, conversations) over the tenant's local days [from, to) as CSV, JSON or NDJSON",
  })
  @ApiProduces('text/csv', 'application/json', 'application/x-ndjson')
  @ApiOkResponse({ description: 'The file, streamed' })
  async export(
    @CurrentTenant() tenant: AuthenticatedTenant,
    @CurrentSecretKey() key: SecretKeyIdentity,
    @Query() query: ExportQuery,
  ): Promise<StreamableFile> {
    const file = await this.exports.open(tenant, query);
    const { dataset, from, to, format } = query;
    await this.audit.record({ actor: secretKeyActor(key), action: AUDIT_ACTIONS.dataExport, tenantId: tenant.id, subject: dataset, details: { dataset, from, to, format } });
    // Piped with backpressure; on an aborted request Nest destroys the body, which ends the COPY or the page reads.
    return new StreamableFile(file.body, {
      type: file.contentType,
      disposition: `attachment; filename="${file.fileName}"`,
    });
  }
}

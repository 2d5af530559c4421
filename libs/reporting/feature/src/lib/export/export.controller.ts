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
import { CurrentTenant, SecretKeyGuard, type AuthenticatedTenant } from '@pulse/tenancy';
import { Readable } from 'node:stream';
import { ExportQuery } from './export-request';
import { ExportService } from './export.service';

/**
 * The tenant's raw events, daily rollups or conversations as a file. The body is a stream pulled from
 * the store page by page: a slow client pauses the reading, a closed connection ends it.
 */
@ApiTags('export')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'Missing, unknown or revoked secret key' })
@ApiBadRequestResponse({ description: 'A parameter breaks a rule: errors[] names the field and the rule' })
@UseGuards(SecretKeyGuard)
@UsePipes(requestValidationPipe())
@Controller('v1/export')
export class ExportController {
  constructor(private readonly exports: ExportService) {}

  @Get()
  @ApiOperation({
    summary: "One dataset (events, daily_metrics, conversations) over the tenant's local days [from, to) as CSV, JSON or NDJSON",
  })
  @ApiProduces('text/csv', 'application/json', 'application/x-ndjson')
  @ApiOkResponse({ description: 'The file, streamed' })
  export(@CurrentTenant() tenant: AuthenticatedTenant, @Query() query: ExportQuery): StreamableFile {
    const file = this.exports.open(tenant, query);
    // Readable.from pulls the next page only when the socket has drained, and on an aborted request it
    // destroys the stream, which returns the generator before its next query.
    return new StreamableFile(Readable.from(file.chunks, { objectMode: false }), {
      type: file.contentType,
      disposition: `attachment; filename="${file.fileName}"`,
    });
  }
}

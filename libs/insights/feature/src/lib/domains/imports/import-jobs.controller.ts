import { Controller, Get, Query, UseGuards, UsePipes } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { CurrentTenant, SecretKeyGuard, type AuthenticatedTenant } from '@pulse/tenancy';
import { requestValidationPipe } from '@pulse/observability';
import { LocalDateRangeQuery } from '../shared/local-date-range.dto';
import { ImportJobsResponse } from './import-job-responses';
import { ImportJobsService } from './import-jobs.service';

/** Import job analytics of the secret key's tenant (content analytics spec), from import_* events. */
@ApiTags('imports')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'Missing, unknown or revoked secret key' })
@ApiBadRequestResponse({ description: 'A parameter breaks a rule: errors[] names the field and the rule' })
@UseGuards(SecretKeyGuard)
@UsePipes(requestValidationPipe())
@Controller('v1/imports')
export class ImportJobsController {
  constructor(private readonly imports: ImportJobsService) {}

  @Get('jobs')
  @ApiOperation({ summary: 'Import jobs: success and failure rates, records, durations, in total and per source' })
  @ApiOkResponse({ type: ImportJobsResponse })
  jobs(@CurrentTenant() tenant: AuthenticatedTenant, @Query() query: LocalDateRangeQuery): Promise<ImportJobsResponse> {
    return this.imports.jobs(tenant, query.from, query.to);
  }
}

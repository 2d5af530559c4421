import { Body, Controller, HttpCode, HttpStatus, Post, UseGuards, UsePipes } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse, getSchemaPath } from '@nestjs/swagger';
import { CurrentTenant, SecretKeyGuard, type AuthenticatedTenant } from '@pulse/tenancy';
import { MetricQueryDto } from '@pulse/storage';
import { MetricQueryResponse, MultiSeriesQueryResponse, QueryErrorResponse } from './metric-query-response.dto';
import { MetricQueryService } from './metric-query.service';
import { requestValidationPipe } from '@pulse/observability';

/** `POST /v1/query`: trends of the tenant whose secret key is presented. */
@ApiTags('query')
@ApiExtraModels(MetricQueryResponse, MultiSeriesQueryResponse)
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'Missing, unknown or revoked secret key' })
@UseGuards(SecretKeyGuard)
@Controller('v1/query')
export class MetricQueryController {
  constructor(private readonly queries: MetricQueryService) {}

  @Post()
  @HttpCode(HttpStatus.OK)
  @UsePipes(requestValidationPipe())
  @ApiOperation({
    summary: 'A metric over time: counts, unique users, aggregates of properties, conversion; grouped, filtered, compared',
    description:
      "Buckets follow the tenant's time zone (days and Monday weeks from local midnight, DST days of 23 or 25 hours). " +
      'Answered from rollups when they hold the answer exactly, otherwise from raw events (`path`, `reason`). ' +
      'With `series` (and `formulas` such as `A / B * 100`) instead of `metric`, answers each series and formula per group in `results`.',
  })
  @ApiOkResponse({
    description: 'MetricQueryResponse for `metric`, MultiSeriesQueryResponse for `series`',
    schema: { oneOf: [{ $ref: getSchemaPath(MetricQueryResponse) }, { $ref: getSchemaPath(MultiSeriesQueryResponse) }] },
  })
  @ApiBadRequestResponse({ type: QueryErrorResponse, description: 'Every broken rule, each naming its field' })
  query(@CurrentTenant() tenant: AuthenticatedTenant, @Body() body: MetricQueryDto): Promise<MetricQueryResponse | MultiSeriesQueryResponse> {
    return this.queries.query(tenant, body);
  }
}

import { Body, Controller, Get, HttpCode, HttpStatus, Post, Query, UseGuards, UsePipes } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { requestValidationPipe } from '@pulse/observability';
import { CurrentTenant, SecretKeyGuard, type AuthenticatedTenant } from '@pulse/tenancy';
import { QueryErrorResponse } from '../../query/metric-query-response.dto';
import { AnomalyScanRequestDto, AnomalyScanResponse, NamedAnomalyScanQueryDto } from './anomalies.dto';
import { AnomalyDetectionService } from './anomaly-detection.service';

/** `POST /v1/ml/anomalies` (any metric query) and `GET /v1/ml/anomalies?metric=…` (the spec's named metrics). */
@ApiTags('ml')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'Missing, unknown or revoked secret key' })
@ApiBadRequestResponse({ type: QueryErrorResponse, description: 'Every broken rule, each naming its field' })
@UseGuards(SecretKeyGuard)
@Controller('v1/ml/anomalies')
export class AnomaliesController {
  constructor(private readonly anomalies: AnomalyDetectionService) {}

  @Post()
  @HttpCode(HttpStatus.OK)
  @UsePipes(requestValidationPipe())
  @ApiOperation({
    summary: 'Anomalies of a metric over a range, each bucket judged only from the buckets before it',
    description:
      'Methods: rolling z-score, median/MAD, seasonal baseline (hour of day / hour of week), or auto. The history the method needs is read before `from`; ' +
      'ranges longer than the 5,000-bucket chart cap work (up to 20,000 buckets with that history). One incident spanning several buckets shares an incidentId.',
  })
  @ApiOkResponse({ type: AnomalyScanResponse })
  scan(@CurrentTenant() tenant: AuthenticatedTenant, @Body() body: AnomalyScanRequestDto): Promise<AnomalyScanResponse> {
    return this.anomalies.scan(tenant, body);
  }

  @Get()
  @UsePipes(requestValidationPipe())
  @ApiOperation({
    summary: 'Anomalies of a named metric over the last hours (events, active_users, orders, revenue, conversations, error_rate, latency_p95)',
  })
  @ApiOkResponse({ type: AnomalyScanResponse })
  scanNamed(@CurrentTenant() tenant: AuthenticatedTenant, @Query() query: NamedAnomalyScanQueryDto): Promise<AnomalyScanResponse> {
    return this.anomalies.scanNamed(tenant, query.metric, query.lookback_hours ?? 24, new Date(), {
      method: query.method,
      sensitivity: query.sensitivity,
      causeDimension: query.cause_dimension,
    });
  }
}

import { Body, Controller, HttpCode, HttpStatus, Post, UseGuards, UsePipes } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { requestValidationPipe } from '@pulse/observability';
import { CurrentTenant, SecretKeyGuard, type AuthenticatedTenant } from '@pulse/tenancy';
import { QueryErrorResponse } from '../../query/metric-query-response.dto';
import { ForecastRequestDto, ForecastResponse, InsufficientHistoryErrorResponse } from './forecast.dto';
import { ForecastService } from './forecast.service';

/** `POST /v1/ml/forecast`. */
@ApiTags('ml')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'Missing, unknown or revoked secret key' })
@UseGuards(SecretKeyGuard)
@Controller('v1/ml/forecast')
export class ForecastController {
  constructor(private readonly forecasts: ForecastService) {}

  @Post()
  @HttpCode(HttpStatus.OK)
  @UsePipes(requestValidationPipe())
  @ApiOperation({
    summary: 'Forecast a metric with Holt-Winters (or seasonal-naive when it backtests better), with 80 % and 95 % intervals',
    description:
      '`{ query, horizon }`: the query range is the history and the forecast starts at its end; or the spec\'s `{ "metric": "revenue", "horizon_days": 30, "granularity": "daily" }`.',
  })
  @ApiOkResponse({ type: ForecastResponse })
  @ApiBadRequestResponse({ type: QueryErrorResponse, description: 'Every broken rule, each naming its field' })
  @ApiUnprocessableEntityResponse({
    type: InsufficientHistoryErrorResponse,
    description: 'The history is too short: how many buckets are needed',
  })
  forecast(@CurrentTenant() tenant: AuthenticatedTenant, @Body() body: ForecastRequestDto): Promise<ForecastResponse> {
    return this.forecasts.forecast(tenant, body, new Date());
  }
}

import {
  Body,
  Controller,
  HttpCode,
  Post,
  UseGuards,
  UsePipes,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { requestValidationPipe } from '@pulse/observability';
import {
  CurrentTenant,
  SecretKeyGuard,
  type AuthenticatedTenant,
} from '@pulse/tenancy';
import {
  InsightReportRequest,
  InsightReportResponse,
} from './insight-report.dto';
import { InsightReportService } from './insight-report.service';

/** Findings ranked by impact, with the numbers behind them and what to do (analytics-engine spec InsightService). */
@ApiTags('insights')
@ApiBearerAuth()
@ApiUnauthorizedResponse({
  description: 'Missing, unknown or revoked secret key',
})
@ApiBadRequestResponse({
  description: 'A field breaks a rule: errors[] names the field and the rule',
})
@UseGuards(SecretKeyGuard)
@UsePipes(requestValidationPipe())
@Controller('v1/insights')
export class InsightReportController {
  constructor(private readonly reports: InsightReportService) {}

  @Post('report')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'An insight report over local days from … to, compared with the days just before',
  })
  @ApiOkResponse({ type: InsightReportResponse })
  report(
    @CurrentTenant() tenant: AuthenticatedTenant,
    @Body() request: InsightReportRequest,
  ): Promise<InsightReportResponse> {
    return this.reports.report(tenant, request, new Date());
  }
}

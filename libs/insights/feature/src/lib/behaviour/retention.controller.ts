import { Body, Controller, HttpCode, Post, UseGuards, UsePipes } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { CurrentTenant, SecretKeyGuard, type AuthenticatedTenant } from '@pulse/tenancy';
import { requestValidationPipe } from '@pulse/observability';
import { RetentionRequestDto } from './dto/retention-request.dto';
import { RetentionResponse } from './dto/retention-response.dto';
import { RetentionService } from './retention.service';

@ApiTags('retention')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'Missing, unknown or revoked secret key' })
@ApiBadRequestResponse({ description: 'errors: [{ field, rule, message }]' })
@UseGuards(SecretKeyGuard)
@UsePipes(requestValidationPipe())
@Controller('v1/retention')
export class RetentionController {
  constructor(private readonly retention: RetentionService) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: "Cohorts (first seen, or first start event) by day, week or month in the tenant's time zone, and who came back",
    description: 'Days begin at local midnight, weeks on Monday, months on the 1st. Column 0 is the cohort size; column k counts persons with a return event k periods later.',
  })
  @ApiOkResponse({ type: RetentionResponse })
  retentionMatrix(@CurrentTenant() tenant: AuthenticatedTenant, @Body() request: RetentionRequestDto): Promise<RetentionResponse> {
    return this.retention.retentionMatrix(tenant, request);
  }
}

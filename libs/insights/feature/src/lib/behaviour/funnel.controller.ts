import { Body, Controller, HttpCode, Post, UseGuards, UsePipes } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { CurrentTenant, SecretKeyGuard, type AuthenticatedTenant } from '@pulse/tenancy';
import { requestValidationPipe } from '@pulse/observability';
import { FunnelDroppedUsersRequestDto, FunnelRequestDto } from './dto/funnel-request.dto';
import { FunnelDroppedUsersResponse, FunnelResponse } from './dto/funnel-response.dto';
import { FunnelService } from './funnel.service';

@ApiTags('funnels')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'Missing, unknown or revoked secret key' })
@ApiBadRequestResponse({ description: 'errors: [{ field, rule, message }]' })
@UseGuards(SecretKeyGuard)
@UsePipes(requestValidationPipe())
@Controller('v1/funnels')
export class FunnelController {
  constructor(private readonly funnels: FunnelService) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Steps within a conversion window: users, conversion and time to convert per step',
    description:
      "Each occurrence of step 1 is a possible start (startMode first: only the first); from it each next step is the earliest later matching event within the window (order strict: the very next event of a step's type; order any: the steps in any order, from the earliest of them). A person counts with the start reaching the furthest step (ties: earliest start); times are measured along that start's steps. An exclusion's event strictly between steps afterStep and beforeStep stops that chain before beforeStep.",
  })
  @ApiOkResponse({ type: FunnelResponse })
  funnel(@CurrentTenant() tenant: AuthenticatedTenant, @Body() request: FunnelRequestDto): Promise<FunnelResponse> {
    return this.funnels.funnel(tenant.id, request);
  }

  @Post('dropped-users')
  @HttpCode(200)
  @ApiOperation({ summary: 'The persons who reached the step before `step` but not `step`, a page at a time' })
  @ApiOkResponse({ type: FunnelDroppedUsersResponse })
  droppedUsers(@CurrentTenant() tenant: AuthenticatedTenant, @Body() request: FunnelDroppedUsersRequestDto): Promise<FunnelDroppedUsersResponse> {
    return this.funnels.droppedUsers(tenant.id, request);
  }
}

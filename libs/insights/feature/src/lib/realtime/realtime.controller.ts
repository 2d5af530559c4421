import { Controller, Get, UseFilters, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { LiveStateReader, LiveStateUnavailableFilter } from '@pulse/realtime';
import { CurrentTenant, SecretKeyGuard, type AuthenticatedTenant } from '@pulse/tenancy';
import { ActiveSessionsResponse, ActiveUsersResponse, ConversionsResponse, RealtimeOverviewResponse } from './realtime-responses';

/**
 * The live figures of the tenant whose secret key is presented, from the live state the stream
 * processor keeps in the cache (seconds behind the events; rebuilt from PostgreSQL by the processor once the
 * cache is back after an outage). Nothing here touches the database; while the cache is down, 503.
 */
@ApiTags('realtime')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'Missing, unknown or revoked secret key' })
@ApiServiceUnavailableResponse({ description: 'The live-state cache (Redis) does not answer: the figures are unknown; see Retry-After' })
@UseGuards(SecretKeyGuard)
@UseFilters(LiveStateUnavailableFilter)
@Controller('v1/realtime')
export class RealtimeController {
  constructor(private readonly liveState: LiveStateReader) {}

  @Get('overview')
  @ApiOperation({ summary: 'Active users and sessions, and today: events, orders, revenue, conversions' })
  @ApiOkResponse({ type: RealtimeOverviewResponse })
  overview(@CurrentTenant() tenant: AuthenticatedTenant): Promise<RealtimeOverviewResponse> {
    return this.liveState.overview(tenant);
  }

  @Get('active-users')
  @ApiOperation({ summary: 'Distinct users active in the last 5 and 30 minutes' })
  @ApiOkResponse({ type: ActiveUsersResponse })
  activeUsers(@CurrentTenant() tenant: AuthenticatedTenant): Promise<ActiveUsersResponse> {
    return this.liveState.activeUsers(tenant);
  }

  @Get('sessions')
  @ApiOperation({ summary: 'Sessions active in the last 5 minutes, and not yet ended (30-minute inactivity gap)' })
  @ApiOkResponse({ type: ActiveSessionsResponse })
  sessions(@CurrentTenant() tenant: AuthenticatedTenant): Promise<ActiveSessionsResponse> {
    return this.liveState.sessions(tenant);
  }

  @Get('conversions')
  @ApiOperation({ summary: "Today's visitors, buyers, orders, revenue, conversion rate and average order value" })
  @ApiOkResponse({ type: ConversionsResponse })
  conversions(@CurrentTenant() tenant: AuthenticatedTenant): Promise<ConversionsResponse> {
    return this.liveState.conversions(tenant);
  }
}

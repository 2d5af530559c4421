import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards, UsePipes } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { summarizeSessions } from '@pulse/analytics-core';
import { JourneyQuery, PathsQuery, SessionsQuery } from '@pulse/storage';
import { CurrentTenant, SecretKeyGuard, type AuthenticatedTenant } from '@pulse/tenancy';
import { requestValidationPipe, badRequest } from '@pulse/observability';
import { JourneyQueryDto, PathsRequestDto } from './dto/journey-request.dto';
import { JourneyResponse, PathsResponse, SessionSummaryResponse } from './dto/journey-response.dto';
import { TimeRangeDto } from './dto/time-range.dto';
import { parseTimeRange } from './time-range';

const DEFAULT_JOURNEY_LIMIT = 500;

/** One person's timeline, common paths around an event, and session figures. */
@ApiTags('journeys')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'Missing, unknown or revoked secret key' })
@ApiBadRequestResponse({ description: 'errors: [{ field, rule, message }]' })
@UseGuards(SecretKeyGuard)
@UsePipes(requestValidationPipe())
@Controller('v1')
export class JourneysController {
  constructor(
    private readonly journeys: JourneyQuery,
    private readonly paths: PathsQuery,
    private readonly sessions: SessionsQuery,
  ) {}

  @Get('users/:id/journey')
  @ApiOperation({ summary: "One person's events, oldest first, including those under ids linked to it (identify, alias)" })
  @ApiOkResponse({ type: JourneyResponse })
  async journey(@CurrentTenant() tenant: AuthenticatedTenant, @Param('id') personId: string, @Query() query: JourneyQueryDto): Promise<JourneyResponse> {
    if (personId.length < 1 || personId.length > 255) throw badRequest([{ field: 'id', rule: 'length', message: 'id must be 1 to 255 characters' }]);
    const range = parseTimeRange(query);
    const limit = query.limit ?? DEFAULT_JOURNEY_LIMIT;
    // One more than asked tells whether the range holds more.
    const found = await this.journeys.events(tenant.id, personId, { ...range, limit: limit + 1 });
    const events = found.slice(0, limit);
    return {
      personId,
      events: events.map((event) => ({ ...event, occurredAt: event.occurredAt.toISOString() })),
      truncated: found.length > limit,
      sessions: summarizeSessions(events.map((event) => ({ ...event, personKey: personId }))),
    };
  }

  @Post('paths')
  @HttpCode(200)
  @ApiOperation({ summary: "Most common next (or previous) events after (before) each person's first anchor event: Sankey nodes and links" })
  @ApiOkResponse({ type: PathsResponse })
  pathFlows(@CurrentTenant() tenant: AuthenticatedTenant, @Body() request: PathsRequestDto): Promise<PathsResponse> {
    const range = parseTimeRange(request);
    return this.paths.flows(tenant.id, { definition: { anchorEventType: request.anchorEventType, direction: request.direction, depth: request.depth }, ...range });
  }

  @Get('sessions')
  @ApiOperation({ summary: 'Sessions in a range: count, mean duration, bounce rate (one-event sessions / sessions)' })
  @ApiOkResponse({ type: SessionSummaryResponse })
  sessionSummary(@CurrentTenant() tenant: AuthenticatedTenant, @Query() query: TimeRangeDto): Promise<SessionSummaryResponse> {
    return this.sessions.summary(tenant.id, parseTimeRange(query));
  }
}

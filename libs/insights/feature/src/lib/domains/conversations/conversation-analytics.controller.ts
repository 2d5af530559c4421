import { Body, Controller, Get, HttpCode, Post, Query, UseGuards, UsePipes } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { CurrentTenant, SecretKeyGuard, type AuthenticatedTenant } from '@pulse/tenancy';
import { requestValidationPipe } from '@pulse/observability';
import { LocalDateRangeQuery } from '../shared/local-date-range.dto';
import { ConversationAnalyticsService } from './conversation-analytics.service';
import { ConversationMetricsQuery, ConversationRoiRequest, ConversationTrendsQuery } from './conversation-requests';
import {
  ConversationChannelsResponse,
  ConversationDailyResponse,
  ConversationIntentsResponse,
  ConversationRoiResponse,
  ConversationTrendsResponse,
  PeriodMetricsResponse,
} from './conversation-responses';

/**
 * Conversation analytics of the tenant whose secret key is presented (conversation analytics pipeline
 * spec): metrics and the daily table from the processor's daily counters, trends, intents, channels and
 * ROI from conversation states and raw events. Ranges are the tenant's local days.
 */
@ApiTags('conversations')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'Missing, unknown or revoked secret key' })
@ApiBadRequestResponse({ description: 'A parameter breaks a rule: errors[] names the field and the rule' })
@UseGuards(SecretKeyGuard)
@UsePipes(requestValidationPipe())
@Controller('v1/conversations')
export class ConversationAnalyticsController {
  constructor(private readonly conversations: ConversationAnalyticsService) {}

  @Get('metrics')
  @ApiOperation({ summary: 'Totals, resolution/escalation/abandonment rates, response time, length, customers; with the previous period and growth rate' })
  @ApiOkResponse({ type: PeriodMetricsResponse })
  metrics(@CurrentTenant() tenant: AuthenticatedTenant, @Query() query: ConversationMetricsQuery): Promise<PeriodMetricsResponse> {
    return this.conversations.periodMetrics(tenant, query.from, query.to, query.compare ?? true);
  }

  @Get('daily')
  @ApiOperation({ summary: 'The daily metrics table: one row per local day of the range' })
  @ApiOkResponse({ type: ConversationDailyResponse })
  daily(@CurrentTenant() tenant: AuthenticatedTenant, @Query() query: LocalDateRangeQuery): Promise<ConversationDailyResponse> {
    return this.conversations.daily(tenant, query.from, query.to);
  }

  @Get('trends')
  @ApiOperation({ summary: 'Conversations, outcomes, messages and response time per local hour, day, week or month' })
  @ApiOkResponse({ type: ConversationTrendsResponse })
  trends(@CurrentTenant() tenant: AuthenticatedTenant, @Query() query: ConversationTrendsQuery): Promise<ConversationTrendsResponse> {
    return this.conversations.trends(tenant, query.from, query.to, query.granularity);
  }

  @Get('intents')
  @ApiOperation({ summary: 'Intent distribution: conversations and events per intent' })
  @ApiOkResponse({ type: ConversationIntentsResponse })
  intents(@CurrentTenant() tenant: AuthenticatedTenant, @Query() query: LocalDateRangeQuery): Promise<ConversationIntentsResponse> {
    return this.conversations.intents(tenant, query.from, query.to);
  }

  @Get('channels')
  @ApiOperation({ summary: 'Channel performance: conversations, outcome rates, length and response time per channel' })
  @ApiOkResponse({ type: ConversationChannelsResponse })
  channels(@CurrentTenant() tenant: AuthenticatedTenant, @Query() query: LocalDateRangeQuery): Promise<ConversationChannelsResponse> {
    return this.conversations.channels(tenant, query.from, query.to);
  }

  @Post('roi')
  @HttpCode(200)
  @ApiOperation({ summary: "ROI of the AI assistant with configurable costs (pipeline spec's ROI calculator)" })
  @ApiOkResponse({ type: ConversationRoiResponse })
  roi(@CurrentTenant() tenant: AuthenticatedTenant, @Body() request: ConversationRoiRequest): Promise<ConversationRoiResponse> {
    return this.conversations.roi(tenant, request);
  }
}

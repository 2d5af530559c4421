import { Controller, Get, Param, Query, UseGuards, UsePipes } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { CurrentTenant, SecretKeyGuard, type AuthenticatedTenant } from '@pulse/tenancy';
import { requestValidationPipe } from '@pulse/observability';
import { LocalDateRangeQuery } from '../shared/local-date-range.dto';
import { ContentAnalyticsService } from './content-analytics.service';
import { ContentCompareQuery, ContentIdParams, ContentTopQuery, ContentTrendingQuery } from './content-requests';
import { ContentComparisonResponse, ContentDetailResponse, ContentOverviewResponse, ContentTopResponse, ContentTrendingResponse } from './content-responses';

/**
 * Content analytics of the secret key's tenant (content analytics spec), from content_* events.
 * `:contentId` is declared last so the fixed paths (overview, top, trending, compare) win.
 */
@ApiTags('content')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'Missing, unknown or revoked secret key' })
@ApiBadRequestResponse({ description: 'A parameter breaks a rule: errors[] names the field and the rule' })
@UseGuards(SecretKeyGuard)
@UsePipes(requestValidationPipe())
@Controller('v1/content')
export class ContentAnalyticsController {
  constructor(private readonly content: ContentAnalyticsService) {}

  @Get('overview')
  @ApiOperation({ summary: 'All content: views, unique views, average view duration, completion and engagement rates, traffic sources, devices, views per local hour' })
  @ApiOkResponse({ type: ContentOverviewResponse })
  overview(@CurrentTenant() tenant: AuthenticatedTenant, @Query() query: LocalDateRangeQuery): Promise<ContentOverviewResponse> {
    return this.content.overview(tenant, query.from, query.to);
  }

  @Get('top')
  @ApiOperation({ summary: 'Top-performing content by views or by engagement rate' })
  @ApiOkResponse({ type: ContentTopResponse })
  top(@CurrentTenant() tenant: AuthenticatedTenant, @Query() query: ContentTopQuery): Promise<ContentTopResponse> {
    return this.content.top(tenant, query);
  }

  @Get('trending')
  @ApiOperation({ summary: 'Content whose views grew fastest against the previous period of the same length' })
  @ApiOkResponse({ type: ContentTrendingResponse })
  trending(@CurrentTenant() tenant: AuthenticatedTenant, @Query() query: ContentTrendingQuery): Promise<ContentTrendingResponse> {
    return this.content.trending(tenant, query);
  }

  @Get('compare')
  @ApiOperation({ summary: 'The performance of 2 to 10 content items side by side' })
  @ApiOkResponse({ type: ContentComparisonResponse })
  compare(@CurrentTenant() tenant: AuthenticatedTenant, @Query() query: ContentCompareQuery): Promise<ContentComparisonResponse> {
    return this.content.compare(tenant, query.ids, query.from, query.to);
  }

  @Get(':contentId')
  @ApiOperation({ summary: 'One content item: performance, traffic sources, devices, views per local hour' })
  @ApiOkResponse({ type: ContentDetailResponse })
  detail(@CurrentTenant() tenant: AuthenticatedTenant, @Param() params: ContentIdParams, @Query() query: LocalDateRangeQuery): Promise<ContentDetailResponse> {
    return this.content.detail(tenant, params.contentId, query.from, query.to);
  }
}

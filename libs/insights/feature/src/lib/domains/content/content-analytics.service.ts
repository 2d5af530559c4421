import { Inject, Injectable } from '@nestjs/common';
import {
  CONTENT_DEVICE_BUCKETS,
  CONTENT_TRAFFIC_BUCKETS,
  NO_CONTENT_ACTIVITY,
  contentPerformance,
  topContent,
  trendingContent,
  viewsByBucket,
  viewsByHourOfDay,
  type ContentRanking,
} from '@pulse/analytics-core';
import { ContentAnalyticsQueries, type AnalyticsWindow, type ContentItemCounters } from '@pulse/storage';
import type { AuthenticatedTenant } from '@pulse/tenancy';
import { dateRangeResponse } from '../shared/date-range.response';
import { previousTenantRange, tenantRange, windowOf } from '../shared/tenant-ranges';
import { DEFAULT_CONTENT_LIST, DEFAULT_TRENDING_MIN_VIEWS } from './content-requests';
import type {
  ContentAudienceResponse,
  ContentComparisonResponse,
  ContentDetailResponse,
  ContentItemResponse,
  ContentOverviewResponse,
  ContentTopResponse,
  ContentTrendingResponse,
} from './content-responses';

@Injectable()
export class ContentAnalyticsService {
  constructor(@Inject(ContentAnalyticsQueries) private readonly queries: ContentAnalyticsQueries) {}

  async overview(tenant: AuthenticatedTenant, from: string, to: string): Promise<ContentOverviewResponse> {
    const range = tenantRange(tenant, from, to);
    const window = windowOf(tenant, range);
    const [total, items, audience] = await Promise.all([this.queries.totals(window), this.queries.byContent(window), this.audience(window)]);
    return { dateRange: dateRangeResponse(range, tenant.timeZone), total: contentPerformance(total), contentItems: items.length, ...audience };
  }

  async detail(tenant: AuthenticatedTenant, contentId: string, from: string, to: string): Promise<ContentDetailResponse> {
    const range = tenantRange(tenant, from, to);
    const window = windowOf(tenant, range);
    const [items, audience] = await Promise.all([this.queries.byContent(window, [contentId]), this.audience(window, [contentId])]);
    return { dateRange: dateRangeResponse(range, tenant.timeZone), content: itemOrZeros(items, contentId), ...audience };
  }

  async top(tenant: AuthenticatedTenant, query: { from: string; to: string; by?: ContentRanking; limit?: number; minViews?: number }): Promise<ContentTopResponse> {
    const range = tenantRange(tenant, query.from, query.to);
    const by = query.by ?? 'views';
    const minViews = query.minViews ?? 1;
    const items = (await this.queries.byContent(windowOf(tenant, range))).map((item) => contentPerformance(item));
    return { dateRange: dateRangeResponse(range, tenant.timeZone), by, minViews, items: topContent(items, { by, minViews, limit: query.limit ?? DEFAULT_CONTENT_LIST }) };
  }

  async trending(tenant: AuthenticatedTenant, query: { from: string; to: string; limit?: number; minViews?: number }): Promise<ContentTrendingResponse> {
    const range = tenantRange(tenant, query.from, query.to);
    const previousRange = previousTenantRange(tenant, range);
    const minViews = query.minViews ?? DEFAULT_TRENDING_MIN_VIEWS;
    const [current, previous] = await Promise.all([
      this.queries.viewsByContent(windowOf(tenant, range)),
      this.queries.viewsByContent(windowOf(tenant, previousRange)),
    ]);
    return {
      dateRange: dateRangeResponse(range, tenant.timeZone),
      previousDateRange: dateRangeResponse(previousRange, tenant.timeZone),
      minViews,
      items: trendingContent(current, previous, { minViews, limit: query.limit ?? DEFAULT_CONTENT_LIST }),
    };
  }

  async compare(tenant: AuthenticatedTenant, ids: readonly string[], from: string, to: string): Promise<ContentComparisonResponse> {
    const range = tenantRange(tenant, from, to);
    const items = await this.queries.byContent(windowOf(tenant, range), ids);
    return { dateRange: dateRangeResponse(range, tenant.timeZone), items: ids.map((id) => itemOrZeros(items, id)) };
  }

  private async audience(window: AnalyticsWindow, contentIds?: readonly string[]): Promise<ContentAudienceResponse> {
    const [sources, devices, hours] = await Promise.all([
      this.queries.viewsByTrafficSource(window, contentIds),
      this.queries.viewsByDevice(window, contentIds),
      this.queries.viewsByHourOfDay(window, contentIds),
    ]);
    return {
      trafficSources: viewsByBucket(CONTENT_TRAFFIC_BUCKETS, sources),
      devices: viewsByBucket(CONTENT_DEVICE_BUCKETS, devices),
      hours: viewsByHourOfDay(hours),
    };
  }
}

/** An item never seen in the range is all zeros, not an error: Pulse knows content only from its events. */
function itemOrZeros(items: readonly ContentItemCounters[], contentId: string): ContentItemResponse {
  const found = items.find((item) => item.contentId === contentId) ?? { contentId, title: null, ...NO_CONTENT_ACTIVITY };
  return contentPerformance(found);
}

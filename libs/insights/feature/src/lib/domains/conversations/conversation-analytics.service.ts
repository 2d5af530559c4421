import { Inject, Injectable } from '@nestjs/common';
import {
  calculateRoi,
  channelPerformance,
  conversationMetrics,
  conversationTrendPoint,
  daysBetweenInclusive,
  DEFAULT_ROI_ASSUMPTIONS,
  emptyConversationTrend,
  fillBuckets,
  intentDistribution,
  localDatesOf,
  NO_CONVERSATIONS,
  periodMetrics,
  trendBucketLabels,
  type LocalDayRange,
  type TrendGranularity,
} from '@pulse/analytics-core';
import { ConversationAnalyticsQueries } from '@pulse/storage';
import type { AuthenticatedTenant } from '@pulse/tenancy';
import { badRequest } from '@pulse/observability';
import { dateRangeResponse } from '../shared/date-range.response';
import { previousTenantRange, tenantRange, windowOf } from '../shared/tenant-ranges';
import { MAX_HOURLY_RANGE_DAYS, type ConversationRoiRequest } from './conversation-requests';
import type {
  ConversationChannelsResponse,
  ConversationDailyResponse,
  ConversationIntentsResponse,
  ConversationRoiResponse,
  ConversationTrendsResponse,
  PeriodMetricsResponse,
} from './conversation-responses';

/** Fetches a tenant's conversation aggregates and turns them into the pipeline spec's metrics. */
@Injectable()
export class ConversationAnalyticsService {
  constructor(@Inject(ConversationAnalyticsQueries) private readonly queries: ConversationAnalyticsQueries) {}

  async periodMetrics(tenant: AuthenticatedTenant, from: string, to: string, compare: boolean): Promise<PeriodMetricsResponse> {
    const range = tenantRange(tenant, from, to);
    const current = { dateRange: range, counts: await this.queries.rangeCounters(tenant.id, range.from, range.to) };
    let previous: typeof current | undefined;
    if (compare) {
      const previousRange = previousTenantRange(tenant, range);
      previous = { dateRange: previousRange, counts: await this.queries.rangeCounters(tenant.id, previousRange.from, previousRange.to) };
    }
    const result = periodMetrics(current, previous);
    return {
      dateRange: dateRangeResponse(range, tenant.timeZone),
      metrics: result.metrics,
      previousPeriod: result.previousPeriod && previous
        ? { dateRange: dateRangeResponse(previous.dateRange, tenant.timeZone), metrics: result.previousPeriod.metrics }
        : null,
      growthRate: result.growthRate,
    };
  }

  async daily(tenant: AuthenticatedTenant, from: string, to: string): Promise<ConversationDailyResponse> {
    const range = tenantRange(tenant, from, to);
    const rows = new Map((await this.queries.dailyCounters(tenant.id, range.from, range.to)).map((row) => [row.day, row]));
    return {
      dateRange: dateRangeResponse(range, tenant.timeZone),
      days: localDatesOf(range).map((day) => ({ day, ...conversationMetrics(rows.get(day) ?? NO_CONVERSATIONS) })),
    };
  }

  async trends(tenant: AuthenticatedTenant, from: string, to: string, granularity: TrendGranularity): Promise<ConversationTrendsResponse> {
    if (granularity === 'hour' && daysBetweenInclusive(from, to) > MAX_HOURLY_RANGE_DAYS) {
      throw badRequest([
        { field: 'to', rule: 'maxHourlyRangeDays', message: `with granularity hour, from … to must span at most ${MAX_HOURLY_RANGE_DAYS} days` },
      ]);
    }
    const range = tenantRange(tenant, from, to);
    const found = new Map((await this.queries.trend(windowOf(tenant, range), granularity)).map((row) => [row.bucket, row]));
    const labels = trendBucketLabels(range, granularity, tenant.timeZone);
    return {
      dateRange: dateRangeResponse(range, tenant.timeZone),
      granularity,
      buckets: fillBuckets(labels, found, emptyConversationTrend).map(conversationTrendPoint),
    };
  }

  async intents(tenant: AuthenticatedTenant, from: string, to: string): Promise<ConversationIntentsResponse> {
    const range = tenantRange(tenant, from, to);
    const { intents, conversationsWithIntent } = await this.queries.intents(windowOf(tenant, range));
    return { dateRange: dateRangeResponse(range, tenant.timeZone), conversationsWithIntent, intents: intentDistribution(intents, conversationsWithIntent) };
  }

  async channels(tenant: AuthenticatedTenant, from: string, to: string): Promise<ConversationChannelsResponse> {
    const range = tenantRange(tenant, from, to);
    return { dateRange: dateRangeResponse(range, tenant.timeZone), channels: channelPerformance(await this.queries.channels(windowOf(tenant, range))) };
  }

  async roi(tenant: AuthenticatedTenant, request: ConversationRoiRequest): Promise<ConversationRoiResponse> {
    const range: LocalDayRange = tenantRange(tenant, request.from, request.to);
    const counters = await this.queries.roiCounters(windowOf(tenant, range));
    const roi = calculateRoi(counters, {
      humanAgentCostPerHour: request.humanAgentCostPerHour ?? DEFAULT_ROI_ASSUMPTIONS.humanAgentCostPerHour,
      minutesPerConversation: request.minutesPerConversation ?? DEFAULT_ROI_ASSUMPTIONS.minutesPerConversation,
      aiCostPerConversation: request.aiCostPerConversation ?? DEFAULT_ROI_ASSUMPTIONS.aiCostPerConversation,
    });
    return { dateRange: dateRangeResponse(range, tenant.timeZone), currency: tenant.currency, ...roi };
  }
}


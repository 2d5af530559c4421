import { Inject, Injectable } from '@nestjs/common';
import {
  assembleInsightReport,
  conversationPatternInsights,
  costOptimisationInsights,
  DEFAULT_COST_ASSUMPTIONS,
  INSIGHT_TYPES,
  performanceTrendInsights,
  type ChannelCounts,
  type Insight,
  type InsightType,
  type LocalDayRange,
} from '@pulse/analytics-core';
import {
  ConversationAnalyticsQueries,
  ModelCostQueries,
  SystemEndpointQueries,
  type AnalyticsWindow,
} from '@pulse/storage';
import type { AuthenticatedTenant } from '@pulse/tenancy';
import { dateRangeResponse } from '../domains/shared/date-range.response';
import {
  previousTenantRange,
  tenantRange,
  windowOf,
} from '../domains/shared/tenant-ranges';
import type {
  InsightReportRequest,
  InsightReportResponse,
} from './insight-report.dto';

/** Operations that can wait for batch pricing: nobody is waiting on an embedding or a batch job. */
const DEFERRABLE_OPERATIONS = [
  'embedding',
  'embeddings',
  'batch',
  'batch_completion',
];

/** Kinds this version does not look for yet; the answer says so instead of returning an empty section. */
const NOT_YET: Partial<Record<InsightType, string>> = {
  user_behaviour:
    'not built yet: findings on active users and event trends come with a later version',
  quality:
    'not built yet: see GET /v1/data-quality/overview on the ingestion service for the figures',
  predictive:
    'not built yet: needs the forecasting and churn models (issue 11)',
  anomalies: 'not built yet: needs the anomaly scan (issue 11)',
};

/** Gathers each requested kind of finding over the range and the one before it, then ranks them. */
@Injectable()
export class InsightReportService {
  constructor(
    @Inject(ModelCostQueries) private readonly costs: ModelCostQueries,
    @Inject(ConversationAnalyticsQueries)
    private readonly conversations: ConversationAnalyticsQueries,
    @Inject(SystemEndpointQueries)
    private readonly endpoints: SystemEndpointQueries,
  ) {}

  async report(
    tenant: AuthenticatedTenant,
    request: InsightReportRequest,
    now: Date,
  ): Promise<InsightReportResponse> {
    const range = tenantRange(tenant, request.from, request.to);
    const previousRange = previousTenantRange(tenant, range);
    const current = windowOf(tenant, range);
    const previous = windowOf(tenant, previousRange);
    const types = request.types ?? [...INSIGHT_TYPES];
    const found = await Promise.all(
      types.map((type) => this.findingsOf(type, current, previous, range)),
    );
    const { insights, summary } = assembleInsightReport(found.flat(), {
      maxInsights: request.maxInsights,
      confidenceThreshold: request.confidenceThreshold,
    });
    return {
      generatedAt: now.toISOString(),
      dateRange: dateRangeResponse(range, tenant.timeZone),
      previousDateRange: dateRangeResponse(previousRange, tenant.timeZone),
      insights,
      summary,
      notAvailable: types.flatMap((type) =>
        NOT_YET[type] ? [{ type, reason: NOT_YET[type] }] : [],
      ),
    };
  }

  private async findingsOf(
    type: InsightType,
    current: AnalyticsWindow,
    previous: AnalyticsWindow,
    range: LocalDayRange,
  ): Promise<Insight[]> {
    switch (type) {
      case 'cost_optimisation':
        return this.costFindings(current, range);
      case 'conversation_patterns':
        return this.conversationFindings(current, previous);
      case 'performance_trends':
        return this.performanceFindings(current, previous);
      default:
        return [];
    }
  }

  private async costFindings(
    window: AnalyticsWindow,
    range: LocalDayRange,
  ): Promise<Insight[]> {
    const [models, repeated, hours] = await Promise.all([
      this.costs.costProfiles(
        window,
        DEFAULT_COST_ASSUMPTIONS.shortPromptTokens,
      ),
      this.costs.repeatedRequests(window),
      this.costs.hourlyCost(window, DEFERRABLE_OPERATIONS),
    ]);
    return costOptimisationInsights({
      models,
      repeated,
      hours,
      rangeDays: range.days,
    });
  }

  private async conversationFindings(
    current: AnalyticsWindow,
    previous: AnalyticsWindow,
  ): Promise<Insight[]> {
    const [channels, previousChannels] = await Promise.all([
      this.conversations.channels(current),
      this.conversations.channels(previous),
    ]);
    return conversationPatternInsights({
      current: outcomesOf(channels),
      previous: outcomesOf(previousChannels),
      channels,
    });
  }

  private async performanceFindings(
    current: AnalyticsWindow,
    previous: AnalyticsWindow,
  ): Promise<Insight[]> {
    const [now, before] = await Promise.all([
      this.endpoints.byEndpoint(current),
      this.endpoints.byEndpoint(previous),
    ]);
    const previousOf = new Map(
      before.map((endpoint) => [
        `${endpoint.service}\u0000${endpoint.endpoint}`,
        endpoint,
      ]),
    );
    return performanceTrendInsights({
      endpoints: now.map((endpoint) => ({
        service: endpoint.service,
        endpoint: endpoint.endpoint,
        current: endpoint,
        previous: previousOf.get(
          `${endpoint.service}\u0000${endpoint.endpoint}`,
        ),
      })),
    });
  }
}

/** Conversations that began in the window, by outcome: the channels' counts added up. */
function outcomesOf(channels: readonly ChannelCounts[]) {
  return channels.reduce(
    (sum, channel) => ({
      conversations: sum.conversations + channel.conversations,
      resolved: sum.resolved + channel.resolved,
      escalated: sum.escalated + channel.escalated,
      abandoned: sum.abandoned + channel.abandoned,
    }),
    { conversations: 0, resolved: 0, escalated: 0, abandoned: 0 },
  );
}

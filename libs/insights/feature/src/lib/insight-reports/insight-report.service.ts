import { Inject, Injectable } from '@nestjs/common';
import {
  anomalyInsights,
  assembleInsightReport,
  conversationPatternInsights,
  costOptimisationInsights,
  DEFAULT_COST_ASSUMPTIONS,
  foldDataQualityCounters,
  INSIGHT_TYPES,
  InsufficientHistoryError,
  performanceTrendInsights,
  predictiveInsights,
  qualityInsights,
  userBehaviourInsights,
  type ChannelCounts,
  type Insight,
  type InsightType,
  type LocalDayRange,
  type MetricAnomalies,
  type MetricForecast,
} from '@pulse/analytics-core';
import {
  ConversationAnalyticsQueries,
  DataQualityCountersRepository,
  LateArrivalsQuery,
  ModelCostQueries,
  SessionsQuery,
  SystemEndpointQueries,
  UserActivityQuery,
  type ActivityPeriods,
  type AnalyticsWindow,
} from '@pulse/storage';
import type { AuthenticatedTenant } from '@pulse/tenancy';
import { AnomalyDetectionService } from '../ml/anomalies/anomaly-detection.service';
import { ChurnService } from '../ml/churn/churn.service';
import { ForecastService } from '../ml/forecast/forecast.service';
import { SatisfactionService } from '../ml/satisfaction/satisfaction.service';
import {
  NAMED_METRIC_QUERIES,
  NAMED_METRICS,
  type NamedMetric,
} from '../ml/series/named-metrics';
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

/** Business metrics the predictive findings forecast (error rate and latency are performance's). */
const FORECAST_METRICS: readonly NamedMetric[] = [
  'events',
  'active_users',
  'orders',
  'revenue',
  'conversations',
];
/** Days of daily history a forecast reads at least: eight weeks, eight weekly seasons. */
const MIN_FORECAST_HISTORY_DAYS = 56;
/** An event received this long after it occurred missed the live views and alerts of its hour. */
const LATE_AFTER_MINUTES = 60;
const DAY_MS = 86_400_000;

/** One kind's findings, and what it could not look at and why (a missing model, too short a history). */
interface KindFindings {
  insights: Insight[];
  notAvailable: Array<{ subject: string; reason: string }>;
}

const found = (insights: Insight[]): KindFindings => ({
  insights,
  notAvailable: [],
});

/** Gathers each requested kind of finding over the range and the one before it, then ranks them. */
@Injectable()
export class InsightReportService {
  constructor(
    @Inject(ModelCostQueries) private readonly costs: ModelCostQueries,
    @Inject(ConversationAnalyticsQueries)
    private readonly conversations: ConversationAnalyticsQueries,
    @Inject(SystemEndpointQueries)
    private readonly endpoints: SystemEndpointQueries,
    @Inject(UserActivityQuery) private readonly activity: UserActivityQuery,
    @Inject(SessionsQuery) private readonly sessions: SessionsQuery,
    @Inject(DataQualityCountersRepository)
    private readonly qualityCounters: DataQualityCountersRepository,
    @Inject(LateArrivalsQuery) private readonly lateArrivals: LateArrivalsQuery,
    private readonly anomalies: AnomalyDetectionService,
    private readonly forecasts: ForecastService,
    private readonly churn: ChurnService,
    private readonly satisfaction: SatisfactionService,
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
    const kinds = await Promise.all(
      types.map((type) =>
        this.findingsOf(type, tenant, {
          current,
          previous,
          range,
          previousRange,
          now,
        }),
      ),
    );
    const { insights, summary } = assembleInsightReport(
      kinds.flatMap((kind) => kind.insights),
      {
        maxInsights: request.maxInsights,
        confidenceThreshold: request.confidenceThreshold,
      },
    );
    return {
      generatedAt: now.toISOString(),
      dateRange: dateRangeResponse(range, tenant.timeZone),
      previousDateRange: dateRangeResponse(previousRange, tenant.timeZone),
      insights,
      summary,
      notAvailable: types.flatMap((type, index) =>
        kinds[index].notAvailable.map((note) => ({ type, ...note })),
      ),
    };
  }

  private async findingsOf(
    type: InsightType,
    tenant: AuthenticatedTenant,
    periods: ReportPeriods,
  ): Promise<KindFindings> {
    const { current, previous, range } = periods;
    switch (type) {
      case 'anomalies':
        return found(await this.anomalyFindings(tenant, range));
      case 'cost_optimisation':
        return found(await this.costFindings(current, range));
      case 'conversation_patterns':
        return found(await this.conversationFindings(current, previous));
      case 'performance_trends':
        return found(await this.performanceFindings(current, previous));
      case 'user_behaviour':
        return found(await this.userBehaviourFindings(tenant, periods));
      case 'quality':
        return found(await this.qualityFindings(tenant, periods));
      case 'predictive':
        return this.predictiveFindings(tenant, periods);
    }
  }

  /**
   * Every named metric scanned over the range (hourly up to 31 days, daily beyond), each bucket judged
   * from the ones before it as the live detector would; one finding per incident.
   */
  private async anomalyFindings(
    tenant: AuthenticatedTenant,
    range: LocalDayRange,
  ): Promise<Insight[]> {
    const granularity = range.days <= 31 ? 'hour' : 'day';
    const scans = await Promise.all(
      NAMED_METRICS.map(async (metric): Promise<MetricAnomalies> => {
        const scan = await this.anomalies.scan(tenant, {
          query: {
            ...NAMED_METRIC_QUERIES[metric],
            from: range.start.toISOString(),
            to: range.end.toISOString(),
            granularity,
          },
        });
        return {
          metric,
          anomalies: scan.anomalies,
          judgedPoints: scan.judgedPoints,
        };
      }),
    );
    return anomalyInsights(scans);
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

  private async userBehaviourFindings(
    tenant: AuthenticatedTenant,
    periods: ReportPeriods,
  ): Promise<Insight[]> {
    const spans = activityPeriods(periods);
    const [activity, eventTypes, sessions, previousSessions] =
      await Promise.all([
        this.activity.periods(tenant.id, spans),
        this.activity.eventTypeReach(tenant.id, spans),
        this.sessions.summary(tenant.id, {
          from: periods.range.start,
          to: periods.range.end,
        }),
        this.sessions.summary(tenant.id, {
          from: periods.previousRange.start,
          to: periods.previousRange.end,
        }),
      ]);
    return userBehaviourInsights({
      ...activity,
      eventTypes,
      sessions: { current: sessions, previous: previousSessions },
    });
  }

  private async qualityFindings(
    tenant: AuthenticatedTenant,
    periods: ReportPeriods,
  ): Promise<Insight[]> {
    const { range, previousRange } = periods;
    const [counters, previousCounters, late] = await Promise.all([
      this.qualityCounters.read(tenant.id, range.from, range.to),
      this.qualityCounters.read(
        tenant.id,
        previousRange.from,
        previousRange.to,
      ),
      this.lateArrivals.count(
        tenant.id,
        activityPeriods(periods),
        LATE_AFTER_MINUTES,
      ),
    ]);
    return qualityInsights({
      current: foldDataQualityCounters(counters),
      previous: foldDataQualityCounters(previousCounters).totals,
      late: { ...late, lateAfterMinutes: LATE_AFTER_MINUTES },
    });
  }

  /**
   * Forecasts of the business metrics for as many days after the range, the churn model's flagged users as of
   * the range's end (or now, if sooner) and the predicted satisfaction of the range; each missing model or
   * short history is a note in `notAvailable`, never a failed report.
   */
  private async predictiveFindings(
    tenant: AuthenticatedTenant,
    periods: ReportPeriods,
  ): Promise<KindFindings> {
    const { range, previousRange, now } = periods;
    const cut = new Date(Math.min(range.end.getTime(), now.getTime()));
    const notAvailable: KindFindings['notAvailable'] = [];
    const [forecasts, churn, satisfaction, previousSatisfaction] =
      await Promise.all([
        Promise.all(
          FORECAST_METRICS.map((metric) =>
            this.metricForecast(tenant, metric, range, notAvailable),
          ),
        ),
        this.churn.riskAt(tenant.id, cut),
        this.satisfaction.unscoredPredictions(tenant.id, range.from, range.to),
        this.satisfaction.unscoredPredictions(
          tenant.id,
          previousRange.from,
          previousRange.to,
        ),
      ]);
    if (churn === null)
      notAvailable.push({
        subject: 'churn',
        reason:
          'no churn model has been trained for this tenant: POST /v1/ml/churn/train',
      });
    else if (churn.scored === 0)
      notAvailable.push({
        subject: 'churn',
        reason: `nobody was active in the 28 days before ${churn.cut} to score`,
      });
    if (satisfaction === null || previousSatisfaction === null)
      notAvailable.push({
        subject: 'satisfaction',
        reason:
          'no satisfaction model has been trained for this tenant: POST /v1/ml/satisfaction/train',
      });
    const predicted = predictiveInsights({
      forecasts: forecasts.filter(
        (forecast): forecast is MetricForecast => forecast !== undefined,
      ),
      churn: churn ?? undefined,
      satisfaction:
        satisfaction && previousSatisfaction
          ? {
              modelVersion: satisfaction.modelVersion,
              current: satisfaction.sample,
              previous: previousSatisfaction.sample,
            }
          : undefined,
    });
    return {
      insights: predicted.insights,
      notAvailable: [...notAvailable, ...predicted.unavailable],
    };
  }

  /**
   * The metric's daily line up to the range's end (at least eight weeks, or four ranges) and its forecast for
   * the range's length; undefined, with a note when the history is too short, and silently for a metric the
   * tenant has nothing of in the range.
   */
  private async metricForecast(
    tenant: AuthenticatedTenant,
    metric: NamedMetric,
    range: LocalDayRange,
    notAvailable: KindFindings['notAvailable'],
  ): Promise<MetricForecast | undefined> {
    const historyDays = Math.max(MIN_FORECAST_HISTORY_DAYS, 4 * range.days);
    try {
      const { values, forecast } = await this.forecasts.forecastLine(
        tenant,
        {
          ...NAMED_METRIC_QUERIES[metric],
          from: new Date(
            range.end.getTime() - historyDays * DAY_MS,
          ).toISOString(),
          to: range.end.toISOString(),
          granularity: 'day',
        },
        range.days,
        { fromFirstValue: true },
      );
      const currentValues = values
        .slice(-range.days)
        .map((value) => value ?? 0);
      if (!currentValues.some((value) => value !== 0)) return undefined;
      return { metric, currentValues, forecast };
    } catch (error) {
      if (!(error instanceof InsufficientHistoryError)) throw error;
      if (error.havePoints > 0)
        notAvailable.push({
          subject: `forecast:${metric}`,
          reason: `no forecast of ${metric}: ${error.message}`,
        });
      return undefined;
    }
  }
}

/** The report's range and the one before it, as day ranges and as query windows. */
interface ReportPeriods {
  range: LocalDayRange;
  previousRange: LocalDayRange;
  current: AnalyticsWindow;
  previous: AnalyticsWindow;
  now: Date;
}

function activityPeriods(periods: ReportPeriods): ActivityPeriods {
  return {
    previousStart: periods.previousRange.start,
    currentStart: periods.range.start,
    end: periods.range.end,
  };
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

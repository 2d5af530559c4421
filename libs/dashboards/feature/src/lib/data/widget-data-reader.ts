import { Inject, Injectable } from '@nestjs/common';
import {
  assembleFunnel,
  assembleRetention,
  calculateRoi,
  DEFAULT_ROI_ASSUMPTIONS,
  InsufficientHistoryError,
  retentionPeriodBoundaries,
  type QueryGranularity,
  type RetentionDefinition,
  type RetentionPeriod,
} from '@pulse/analytics-core';
import type { StoredWidget } from '@pulse/dashboards-data-access';
import { LiveStateReader, type RealtimeOverview } from '@pulse/realtime';
import { ConversationAnalyticsQueries, FunnelQuery, funnelQueryDefinition, RetentionQuery, type FunnelQueryDto, type RetentionQueryDto } from '@pulse/storage';
import type { AuthenticatedTenant } from '@pulse/tenancy';
import type { DashboardFrame } from '../dashboards/dashboard-frame';
import { liveMetricValue } from '../live/live-metrics';
import { metricWidgetRequest } from '../widgets/metric-widget-query';
import type { WidgetRoiQueryDto } from '../widgets/widget-query.dto';
import { isMetricWidgetType, type LiveMetric } from '../widgets/widget-types';
import { MetricQueryRunner } from './metric-query-runner';
import { metricWidgetData } from './metric-widget-data';
import { behaviourFilters, narrowedMatcher, type FilterNotApplied } from './behaviour-filters';
import { anomalyBandData, anomalyHistoryPoints, forecastData, ML_BUCKET_MS } from './time-series-ml-data';
import { WidgetReadError } from './widget-read-error';

/** Buckets forecast when the widget does not say. */
const DEFAULT_FORECAST_HORIZON = 7;

/** Per call: the realtime overview read once for all of a dashboard's live counters. */
export interface WidgetReadContext {
  overview: () => Promise<RealtimeOverview>;
}

/**
 * One widget's data over a dashboard frame, through the same libraries the insights routes use: the
 * metric query engine, funnel and retention queries, the conversation ROI calculator, the anomaly scan and
 * forecast of analytics-core, and the live state. Throws `WidgetReadError` for what the widget's owner can fix.
 */
@Injectable()
export class WidgetDataReader {
  constructor(
    private readonly metrics: MetricQueryRunner,
    private readonly funnels: FunnelQuery,
    private readonly retention: RetentionQuery,
    private readonly conversations: ConversationAnalyticsQueries,
    @Inject(LiveStateReader) private readonly liveState: LiveStateReader,
  ) {}

  /** Reads the overview once per call, however many live counters ask for it. */
  context(tenant: AuthenticatedTenant): WidgetReadContext {
    let overview: Promise<RealtimeOverview> | undefined;
    return { overview: () => (overview ??= this.liveState.overview(tenant)) };
  }

  async read(tenant: AuthenticatedTenant, widget: StoredWidget, frame: DashboardFrame, context: WidgetReadContext): Promise<unknown> {
    const query = (widget.query ?? {}) as Record<string, unknown>;
    const type = widget.type;
    if (type === 'text') return { text: String(widget.options['text'] ?? '') };
    if (type === 'live_counter') {
      const metric = query['metric'] as LiveMetric;
      return { metric, value: liveMetricValue(await context.overview(), metric), timestamp: (await context.overview()).timestamp };
    }
    if (type === 'funnel') return this.funnel(tenant, query as unknown as FunnelQueryDto, frame);
    if (type === 'retention_heatmap') return this.retentionMatrix(tenant, query as unknown as RetentionQueryDto, frame);
    if (type === 'conversation_roi') return this.roi(tenant, query as WidgetRoiQueryDto, frame);
    if (type === 'anomaly_band') return this.anomalyBand(tenant, widget, query, frame);
    if (type === 'forecast') return this.forecast(tenant, widget, query, frame);
    if (isMetricWidgetType(type)) {
      const answer = await this.metrics.run(tenant, metricWidgetRequest(type, query, frame));
      return metricWidgetData(type as Parameters<typeof metricWidgetData>[0], answer, (query['groupBy'] as string[] | undefined) ?? []);
    }
    throw new WidgetReadError(`unknown widget type ${type}`);
  }

  /** As `POST /v1/funnels` over the range (no segment). */
  private async funnel(tenant: AuthenticatedTenant, query: FunnelQueryDto, frame: DashboardFrame): Promise<unknown> {
    const filters = behaviourFilters(frame.properties);
    const own = funnelQueryDefinition(query);
    // The dashboard's property filters narrow every step (not the exclusions: those say what must not happen).
    const definition = { ...own, steps: own.steps.map((step) => narrowedMatcher(step, filters.applied)) };
    const totals = await this.funnels.stepTotals(tenant.id, { definition, from: frame.start, to: frame.end });
    return {
      from: frame.start.toISOString(),
      to: frame.end.toISOString(),
      conversionWindowSeconds: definition.conversionWindowMs / 1000,
      startMode: definition.startMode ?? 'any',
      order: definition.order ?? 'sequential',
      path: totals.path,
      ...assembleFunnel(definition, totals.byBreakdown, totals.overall),
      ...notAppliedNote(filters.notApplied),
    };
  }

  /** As `POST /v1/retention` with `start` the range's first day. */
  private async retentionMatrix(tenant: AuthenticatedTenant, query: RetentionQueryDto, frame: DashboardFrame): Promise<unknown> {
    const [year, month, day] = frame.range.from.split('-').map(Number);
    const boundaries = retentionPeriodBoundaries({ year, month, day }, query.period as RetentionPeriod, query.periods, tenant.timeZone);
    const filters = behaviourFilters(frame.properties);
    const definition = retentionDefinitionUnder(query, filters);
    const counts = await this.retention.counts(tenant.id, {
      definition: definition.definition,
      boundaries: boundaries.map((boundary) => new Date(boundary)),
      tenantTimeZone: tenant.timeZone,
    });
    return {
      timeZone: tenant.timeZone,
      period: query.period,
      ...assembleRetention(boundaries, counts, tenant.timeZone),
      ...notAppliedNote(definition.notApplied),
    };
  }

  /** As `GET /v1/conversations/roi` over the range. */
  private async roi(tenant: AuthenticatedTenant, query: WidgetRoiQueryDto, frame: DashboardFrame): Promise<unknown> {
    const counters = await this.conversations.roiCounters({ tenantId: tenant.id, start: frame.start, end: frame.end, timeZone: tenant.timeZone });
    return {
      currency: tenant.currency,
      ...calculateRoi(counters, {
        humanAgentCostPerHour: query.humanAgentCostPerHour ?? DEFAULT_ROI_ASSUMPTIONS.humanAgentCostPerHour,
        minutesPerConversation: query.minutesPerConversation ?? DEFAULT_ROI_ASSUMPTIONS.minutesPerConversation,
        aiCostPerConversation: query.aiCostPerConversation ?? DEFAULT_ROI_ASSUMPTIONS.aiCostPerConversation,
      }),
    };
  }

  /** The range judged bucket by bucket, with the history the scan needs read before it. */
  private async anomalyBand(tenant: AuthenticatedTenant, widget: StoredWidget, query: Record<string, unknown>, frame: DashboardFrame): Promise<unknown> {
    const method = widget.options['method'] as 'auto' | 'zscore' | 'mad' | 'seasonal' | undefined;
    const granularity = (query['granularity'] as string | undefined) ?? 'day';
    const historyMs = anomalyHistoryPoints(method, granularity) * ML_BUCKET_MS[granularity];
    const request = metricWidgetRequest('anomaly_band', query, { ...frame, start: new Date(frame.start.getTime() - historyMs) });
    const answer = await this.metrics.run(tenant, request);
    return anomalyBandData(answer.series[0]?.points ?? [], frame.start, granularity, {
      method,
      sensitivity: widget.options['sensitivity'] as number | undefined,
      seriesKey: `${tenant.id}:${widget.id}`,
    });
  }

  private async forecast(tenant: AuthenticatedTenant, widget: StoredWidget, query: Record<string, unknown>, frame: DashboardFrame): Promise<unknown> {
    const answer = await this.metrics.run(tenant, metricWidgetRequest('forecast', query, frame));
    const line = answer.series[0]?.points ?? [];
    if (!line.some((point) => point.value !== 0)) throw new WidgetReadError('a forecast needs a history with at least one value: the range holds none');
    const horizon = (widget.options['horizon'] as number | undefined) ?? DEFAULT_FORECAST_HORIZON;
    try {
      return forecastData(line, answer.granularity as QueryGranularity, answer.timeZone, horizon);
    } catch (error) {
      if (error instanceof InsufficientHistoryError) throw new WidgetReadError(error.message);
      throw error;
    }
  }
}

/** `notAppliedFilters` in a widget's data only when a dashboard filter could not be applied to it. */
function notAppliedNote(notApplied: readonly FilterNotApplied[]): { notAppliedFilters?: FilterNotApplied[] } {
  return notApplied.length > 0 ? { notAppliedFilters: [...notApplied] } : {};
}

/**
 * The retention definition narrowed by the dashboard's filters: the cohort and return events each get them. An
 * absent event means "any event", which has no matcher to narrow, so the filters are then not applied and said so.
 */
function retentionDefinitionUnder(
  query: RetentionQueryDto,
  filters: ReturnType<typeof behaviourFilters>,
): { definition: RetentionDefinition; notApplied: FilterNotApplied[] } {
  const definition = { cohortEvent: query.cohortEvent, returnEvent: query.returnEvent } as RetentionDefinition;
  if (filters.applied.length === 0) return { definition, notApplied: filters.notApplied };
  if (!definition.cohortEvent || !definition.returnEvent) {
    const reason = 'retention without both a cohort event and a return event counts any event, which property filters cannot narrow';
    return { definition, notApplied: [...filters.notApplied, ...filters.appliedFields.map((field) => ({ field, reason }))] };
  }
  return {
    definition: { cohortEvent: narrowedMatcher(definition.cohortEvent, filters.applied), returnEvent: narrowedMatcher(definition.returnEvent, filters.applied) },
    notApplied: filters.notApplied,
  };
}

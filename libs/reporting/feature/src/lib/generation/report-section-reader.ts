import {
  assembleFunnel,
  assembleRetention,
  assembleQuerySeries,
  commerceSummary,
  conversationMetrics,
  channelPerformance,
  localDatesOf,
  NO_CONVERSATIONS,
  previousLocalDayRange,
  retentionPeriodBoundaries,
  revenueShares,
  type FunnelResult,
  type RetentionDefinition,
  type RetentionPeriod,
  localDateTime,
  formatLocalDate,
  periodChange,
  planMetricQuery,
  queryPeriods,
  STREAM_PROCESSOR_ROLLUP_CATALOG,
  type LocalDayRange,
  type MetricQuery,
  type QueryPeriod,
} from '@pulse/analytics-core';
import type { ReportSection } from '@pulse/reporting-data-access';
import {
  CommerceAnalyticsQueries,
  ConversationAnalyticsQueries,
  FunnelQuery,
  funnelQueryDefinition,
  MetricQueryExecutor,
  RetentionQuery,
  type AnalyticsWindow,
  type FunnelQueryDto,
  type MetricQueryTenant,
  type RetentionQueryDto,
  type SqlExecutor,
} from '@pulse/storage';
import { sectionIssues, sectionMetricQuery } from '../reports/section-query';
import type { ReportCell, ReportSectionTable } from './report-content';
import {
  commerceFigures,
  conversationChannelTable,
  conversationDailyTable,
  conversationFigures,
  figuresTable,
  funnelFigures,
  funnelTable,
  retentionTable,
  revenueSliceTable,
} from './source-tables';

/** The tenant a section is read for: its id and money currency for the engine, its zone for the days. */
export interface ReportTenant extends MetricQueryTenant {
  timeZone: string;
}

/** The queries behind the sources other than metrics: the same storage queries the insights routes use. */
export interface ReportSourceQueries {
  funnels: FunnelQuery;
  retention: RetentionQuery;
  conversations: ConversationAnalyticsQueries;
  commerce: CommerceAnalyticsQueries;
}

/**
 * Answers one section over the report's days and lays the answer out as a table. A metrics section goes
 * through the query engine (`MetricQueryExecutor`, rollups or raw events as `POST /v1/query` would choose):
 * a metric section one row per group with its total over the days and against the previous period of equal
 * length (as `POST /v1/query` with `compare: "previous_period"` answers it), a chart or table one row per
 * group and local day. Funnel, retention, conversations and commerce sections read the storage queries of
 * `POST /v1/funnels`, `/v1/retention`, `GET /v1/conversations/…` and `/v1/commerce/dashboard`; their metric
 * sections are figures against the previous period too.
 */
export class ReportSectionReader {
  constructor(
    private readonly executor: MetricQueryExecutor,
    private readonly sources: ReportSourceQueries,
  ) {}

  async read(tenant: ReportTenant, section: ReportSection, range: LocalDayRange): Promise<ReportSectionTable> {
    if (section.kind === 'text') return { title: section.title, kind: section.kind, columns: ['text'], rows: [[section.text ?? '']] };
    // Stored definitions are checked again: a rule may have changed since the report was saved.
    const issues = sectionIssues(section, range, tenant.timeZone);
    if (issues.length > 0) throw new Error(`section "${section.title}": ${issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ')}`);
    const source = section.source ?? 'metrics';
    if (source === 'funnel') return this.funnelSection(tenant, section, range);
    if (source === 'retention') return this.retentionSection(tenant, section, range);
    if (source === 'conversations') return this.conversationsSection(tenant, section, range);
    if (source === 'commerce') return this.commerceSection(tenant, section, range);
    const validation = sectionMetricQuery(section.query ?? {}, range, tenant.timeZone);
    if (!validation.ok) throw new Error(`section "${section.title}": the query is not valid`);
    return section.kind === 'metric'
      ? this.metricTable(tenant, section.title, { ...validation.query, compare: 'previous_period' })
      : this.seriesTable(tenant, section, validation.query);
  }

  /** As `POST /v1/funnels` over the days (no segment); a metric section compares it with the previous period. */
  private async funnelSection(tenant: ReportTenant, section: ReportSection, range: LocalDayRange): Promise<ReportSectionTable> {
    const query = section.query as unknown as FunnelQueryDto;
    const definition = funnelQueryDefinition(query);
    const funnelOver = async (days: LocalDayRange): Promise<FunnelResult> => {
      const totals = await this.sources.funnels.stepTotals(tenant.id, { definition, from: days.start, to: days.end });
      return assembleFunnel(definition, totals.byBreakdown, totals.overall);
    };
    const current = await funnelOver(range);
    if (section.kind !== 'metric') return funnelTable(section.title, section.kind, current, query.breakdownProperty);
    const previousRange = previousLocalDayRange(range, tenant.timeZone);
    return figuresTable(section.title, funnelFigures(current, await funnelOver(previousRange)), localDayBounds(previousRange));
  }

  /** As `POST /v1/retention` with `start` the report's first day. */
  private async retentionSection(tenant: ReportTenant, section: ReportSection, range: LocalDayRange): Promise<ReportSectionTable> {
    const query = section.query as unknown as RetentionQueryDto;
    const [year, month, day] = range.from.split('-').map(Number);
    const boundaries = retentionPeriodBoundaries({ year, month, day }, query.period as RetentionPeriod, query.periods, tenant.timeZone);
    const counts = await this.sources.retention.counts(tenant.id, {
      definition: { cohortEvent: query.cohortEvent, returnEvent: query.returnEvent } as RetentionDefinition,
      boundaries: boundaries.map((boundary) => new Date(boundary)),
      tenantTimeZone: tenant.timeZone,
    });
    return retentionTable(section.title, section.kind, assembleRetention(boundaries, counts, tenant.timeZone), query.period as RetentionPeriod);
  }

  /** As `GET /v1/conversations/metrics?compare=true` (metric), `/daily` or `/channels` (chart, table). */
  private async conversationsSection(tenant: ReportTenant, section: ReportSection, range: LocalDayRange): Promise<ReportSectionTable> {
    const queries = this.sources.conversations;
    if (section.kind === 'metric') {
      const previousRange = previousLocalDayRange(range, tenant.timeZone);
      const [current, previous] = await Promise.all([
        queries.rangeCounters(tenant.id, range.from, range.to),
        queries.rangeCounters(tenant.id, previousRange.from, previousRange.to),
      ]);
      return figuresTable(section.title, conversationFigures(conversationMetrics(current), conversationMetrics(previous)), localDayBounds(previousRange));
    }
    if (section.query?.['breakdown'] === 'channel') {
      return conversationChannelTable(section.title, section.kind, channelPerformance(await queries.channels(windowOf(tenant, range))));
    }
    const rows = new Map((await queries.dailyCounters(tenant.id, range.from, range.to)).map((row) => [row.day, row]));
    const days = localDatesOf(range).map((day) => ({ day, ...conversationMetrics(rows.get(day) ?? NO_CONVERSATIONS) }));
    return conversationDailyTable(section.title, section.kind, days);
  }

  /** As `GET /v1/commerce/dashboard`: its summary against the previous period (metric), revenue by category or region. */
  private async commerceSection(tenant: ReportTenant, section: ReportSection, range: LocalDayRange): Promise<ReportSectionTable> {
    const queries = this.sources.commerce;
    if (section.kind === 'metric') {
      const previousRange = previousLocalDayRange(range, tenant.timeZone);
      const [current, previous] = await Promise.all([
        queries.counters(windowOf(tenant, range), tenant.currency),
        queries.counters(windowOf(tenant, previousRange), tenant.currency),
      ]);
      const figures = commerceFigures(commerceSummary(current), commerceSummary(previous), tenant.currency);
      return figuresTable(section.title, figures, localDayBounds(previousRange));
    }
    const breakdown = section.query?.['breakdown'] === 'region' ? 'region' : 'category';
    const slices = breakdown === 'region' ? await queries.byRegion(windowOf(tenant, range), tenant.currency) : await queries.byCategory(windowOf(tenant, range), tenant.currency);
    return revenueSliceTable(section.title, section.kind, breakdown, revenueShares(slices));
  }

  /** One row per group: its total, the previous period's total for the same group, and the change. */
  private async metricTable(tenant: ReportTenant, title: string, query: MetricQuery): Promise<ReportSectionTable> {
    const periods = queryPeriods(query);
    const previousPeriod = periods.previous as QueryPeriod;
    const plan = planMetricQuery(query, STREAM_PROCESSOR_ROLLUP_CATALOG, tenant.timeZone);
    const answer = await this.executor.run({ id: tenant.id, currency: tenant.currency }, query, plan, [periods.current, previousPeriod]);
    const groupKeys = query.groupBy.map((reference) => reference.key);
    const options = { fillMissing: query.fillMissing, limit: query.limit };
    const current = assembleQuerySeries(answer.rowsByPeriod[0], periods.current.buckets, groupKeys, options).series;
    const previous = assembleQuerySeries(answer.rowsByPeriod[1], previousPeriod.buckets, groupKeys, {
      ...options,
      onlyGroups: current.map((line) => line.group),
    }).series;
    return {
      title,
      kind: 'metric',
      columns: [...groupKeys, 'value', 'previous', 'change', 'changePercent'],
      groupColumns: groupKeys.length,
      previousPeriod: localDays(previousPeriod, tenant.timeZone),
      rows: current.map((line, index) => {
        const change = periodChange(line.total, previous[index].total);
        const percent = change.changeRatio === null ? null : Math.round(change.changeRatio * 10_000) / 100;
        return [...groupKeys.map((key) => line.group[key]), line.total, previous[index].total, change.change, percent];
      }),
    };
  }

  private async seriesTable(tenant: ReportTenant, section: ReportSection, query: MetricQuery): Promise<ReportSectionTable> {
    const periods = queryPeriods(query);
    const plan = planMetricQuery(query, STREAM_PROCESSOR_ROLLUP_CATALOG, tenant.timeZone);
    const answer = await this.executor.run({ id: tenant.id, currency: tenant.currency }, query, plan, [periods.current]);
    const groupKeys = query.groupBy.map((reference) => reference.key);
    const { series } = assembleQuerySeries(answer.rowsByPeriod[0], periods.current.buckets, groupKeys, {
      fillMissing: query.fillMissing,
      limit: query.limit,
    });
    const groupCells = (group: Record<string, string | null>): ReportCell[] => groupKeys.map((key) => group[key]);
    return {
      title: section.title,
      kind: section.kind,
      columns: [...groupKeys, query.granularity, 'value'],
      groupColumns: groupKeys.length,
      rows: series.flatMap((line) => line.points.map((point) => [...groupCells(line.group), point.label, point.value])),
    };
  }
}

/** The reader over one SQL executor: the metric engine and every source's storage queries. */
export function reportSectionReader(sql: SqlExecutor): ReportSectionReader {
  return new ReportSectionReader(new MetricQueryExecutor(sql), {
    funnels: new FunnelQuery(sql),
    retention: new RetentionQuery(sql),
    conversations: new ConversationAnalyticsQueries(sql),
    commerce: new CommerceAnalyticsQueries(sql),
  });
}

function windowOf(tenant: ReportTenant, range: LocalDayRange): AnalyticsWindow {
  return { tenantId: tenant.id, start: range.start, end: range.end, timeZone: tenant.timeZone };
}

function localDayBounds(range: LocalDayRange): { from: string; to: string } {
  return { from: range.from, to: range.to };
}

/** A period's first and last local dates (its end is exclusive). */
function localDays(period: QueryPeriod, timeZone: string): { from: string; to: string } {
  const localDate = (instant: Date) => {
    const local = localDateTime(instant, timeZone);
    return formatLocalDate(local.year, local.month, local.day);
  };
  return { from: localDate(period.from), to: localDate(new Date(period.to.getTime() - 1)) };
}

import {
  assembleQuerySeries,
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
import type { MetricQueryExecutor, MetricQueryTenant } from '@pulse/storage';
import { sectionMetricQuery } from '../reports/section-query';
import type { ReportCell, ReportSectionTable } from './report-content';

/** The tenant a section is read for: its id and money currency for the engine, its zone for the days. */
export interface ReportTenant extends MetricQueryTenant {
  timeZone: string;
}

/**
 * Answers one section over the report's days with the query engine (`MetricQueryExecutor`, rollups or
 * raw events as `POST /v1/query` would choose) and lays the answer out as a table: a metric section one
 * row per group with its total over the days and against the previous period of equal length (as
 * `POST /v1/query` with `compare: "previous_period"` answers it), a chart or table one row per group and local day.
 */
export class ReportSectionReader {
  constructor(private readonly executor: MetricQueryExecutor) {}

  async read(tenant: ReportTenant, section: ReportSection, range: LocalDayRange): Promise<ReportSectionTable> {
    if (section.kind === 'text' || section.query === undefined)
      return { title: section.title, kind: section.kind, columns: ['text'], rows: [[section.text ?? '']] };
    const validation = sectionMetricQuery(section.query, range, tenant.timeZone);
    if (!validation.ok)
      throw new Error(`section "${section.title}": ${validation.issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ')}`);
    return section.kind === 'metric'
      ? this.metricTable(tenant, section.title, { ...validation.query, compare: 'previous_period' })
      : this.seriesTable(tenant, section, validation.query);
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

/** A period's first and last local dates (its end is exclusive). */
function localDays(period: QueryPeriod, timeZone: string): { from: string; to: string } {
  const localDate = (instant: Date) => {
    const local = localDateTime(instant, timeZone);
    return formatLocalDate(local.year, local.month, local.day);
  };
  return { from: localDate(period.from), to: localDate(new Date(period.to.getTime() - 1)) };
}

import { assembleQuerySeries, planMetricQuery, queryPeriods, STREAM_PROCESSOR_ROLLUP_CATALOG, type LocalDayRange } from '@pulse/analytics-core';
import type { ReportSection } from '@pulse/reporting-data-access';
import type { MetricQueryExecutor, MetricQueryTenant } from '@pulse/storage';
import { sectionMetricQuery } from '../reports/section-query';
import type { ReportSectionTable } from './report-content';

/** The tenant a section is read for: its id and money currency for the engine, its zone for the days. */
export interface ReportTenant extends MetricQueryTenant {
  timeZone: string;
}

/**
 * Answers one section over the report's days with the query engine (`MetricQueryExecutor`, rollups or
 * raw events as `POST /v1/query` would choose) and lays the answer out as a table: a metric section one
 * row per group with its total over the days, a chart or table one row per group and local day.
 */
export class ReportSectionReader {
  constructor(private readonly executor: MetricQueryExecutor) {}

  async read(tenant: ReportTenant, section: ReportSection, range: LocalDayRange): Promise<ReportSectionTable> {
    if (section.kind === 'text' || section.query === undefined)
      return { title: section.title, kind: section.kind, columns: ['text'], rows: [[section.text ?? '']] };
    const validation = sectionMetricQuery(section.query, range, tenant.timeZone);
    if (!validation.ok)
      throw new Error(`section "${section.title}": ${validation.issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ')}`);
    const query = validation.query;
    const periods = queryPeriods(query);
    const plan = planMetricQuery(query, STREAM_PROCESSOR_ROLLUP_CATALOG, tenant.timeZone);
    const answer = await this.executor.run({ id: tenant.id, currency: tenant.currency }, query, plan, [periods.current]);
    const groupKeys = query.groupBy.map((reference) => reference.key);
    const { series } = assembleQuerySeries(answer.rowsByPeriod[0], periods.current.buckets, groupKeys, {
      fillMissing: query.fillMissing,
      limit: query.limit,
    });
    const groupCells = (group: Record<string, string | null>) => groupKeys.map((key) => group[key]);
    if (section.kind === 'metric') {
      return {
        title: section.title,
        kind: section.kind,
        columns: [...groupKeys, 'value'],
        rows: series.map((line) => [...groupCells(line.group), line.total]),
      };
    }
    return {
      title: section.title,
      kind: section.kind,
      columns: [...groupKeys, query.granularity, 'value'],
      rows: series.flatMap((line) => line.points.map((point) => [...groupCells(line.group), point.label, point.value])),
    };
  }
}

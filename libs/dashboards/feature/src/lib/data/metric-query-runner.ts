import {
  assembleQuerySeries,
  compareQuerySeries,
  planMetricQuery,
  queryPeriods,
  STREAM_PROCESSOR_ROLLUP_CATALOG,
  validateQueryRequest,
  type QueryRequest,
  type ComparedQuerySeries,
  type QuerySeries,
} from '@pulse/analytics-core';
import { MetricResultTooLargeError, type MetricQueryExecutor, type MetricQueryTenant } from '@pulse/storage';
import { WidgetReadError } from './widget-read-error';

/** `POST /v1/query`'s answer for one metric (without its skipped-values note). */
export interface MetricAnswer {
  path: 'rollup' | 'raw';
  reason?: string;
  from: string;
  to: string;
  granularity: string;
  timeZone: string;
  series: QuerySeries[];
  groupCount: number;
  comparison?: { from: string; to: string; series: ComparedQuerySeries[] };
}

/**
 * Answers a one-metric query as `POST /v1/query` does — the engine's validation, its bucket listing, the
 * rollup-or-raw plan, the executor, then filling, ordering and comparing the series — with the same library
 * calls (the insights service's `MetricQueryService` composes them the same way; it lives in the insights
 * feature, which this service must not import).
 */
export class MetricQueryRunner {
  constructor(private readonly executor: MetricQueryExecutor) {}

  async run(tenant: MetricQueryTenant & { timeZone: string }, request: QueryRequest): Promise<MetricAnswer> {
    const validation = validateQueryRequest(request, tenant.timeZone);
    if (!validation.ok) throw WidgetReadError.fromIssues(validation.issues);
    if (validation.kind !== 'metric') throw new WidgetReadError('a widget answers one metric, not series');
    const query = validation.query;
    const periods = queryPeriods(query);
    const plan = planMetricQuery(query, STREAM_PROCESSOR_ROLLUP_CATALOG, tenant.timeZone);
    let answer;
    try {
      answer = await this.executor.run({ id: tenant.id, currency: tenant.currency }, query, plan, periods.previous ? [periods.current, periods.previous] : [periods.current]);
    } catch (error) {
      if (error instanceof MetricResultTooLargeError) throw WidgetReadError.fromIssues([{ field: 'groupBy', rule: 'maxResultSize', message: error.message }]);
      throw error;
    }
    const groupKeys = query.groupBy.map((reference) => reference.key);
    const options = { fillMissing: query.fillMissing, limit: query.limit };
    const current = assembleQuerySeries(answer.rowsByPeriod[0], periods.current.buckets, groupKeys, options);
    const response: MetricAnswer = {
      path: answer.path,
      ...(answer.reason === undefined ? {} : { reason: answer.reason }),
      from: periods.current.from.toISOString(),
      to: periods.current.to.toISOString(),
      granularity: query.granularity,
      timeZone: query.timeZone,
      series: current.series,
      groupCount: current.groupCount,
    };
    if (periods.previous) {
      const previous = assembleQuerySeries(answer.rowsByPeriod[1], periods.previous.buckets, groupKeys, {
        ...options,
        onlyGroups: current.series.map((series) => series.group),
      });
      response.comparison = {
        from: periods.previous.from.toISOString(),
        to: periods.previous.to.toISOString(),
        series: compareQuerySeries(current.series, previous.series),
      };
    }
    return response;
  }
}

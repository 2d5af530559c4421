import { Inject, Injectable } from '@nestjs/common';
import {
  assembleMultiSeries,
  assembleQuerySeries,
  compareQuerySeries,
  dataReadBy,
  missingMetricValue,
  planMetricQuery,
  queryPeriods,
  seriesMetricQuery,
  STREAM_PROCESSOR_ROLLUP_CATALOG,
  validateQueryRequest,
  type MetricQuery,
  type MultiSeriesQuery,
  type QueryPeriods,
  type QueryRequest,
} from '@pulse/analytics-core';
import {
  analyticalSqlExecutor,
  DATA_SOURCE,
  MetricQueryExecutor,
  MetricResultTooLargeError,
  SkippedValuesQueries,
  TenantRetentionRepository,
  type MetricQueryAnswer,
  type SkippedValueCount,
} from '@pulse/storage';
import type { AuthenticatedTenant } from '@pulse/tenancy';
import type { DataSource } from 'typeorm';
import type { MetricQueryResponse, MultiSeriesQueryResponse, QueryLineResponse } from './metric-query-response.dto';
import { badRequest } from '@pulse/observability';
import { RetentionCheck } from './retention-check';

/**
 * Answers a metric query for one tenant: validate (400 naming every problem), list the buckets in the
 * query's zone, plan rollups or raw events, run the current and, when asked, the previous period, then
 * fill, order and compare the series. A multi-series query plans and runs each series on its own (one
 * may come from rollups, another from raw events), then aligns their groups and evaluates the formulas.
 */
@Injectable()
export class MetricQueryService {
  private readonly executor: MetricQueryExecutor;
  private readonly skippedValues: SkippedValuesQueries;
  private readonly retention: RetentionCheck;

  constructor(@Inject(DATA_SOURCE) dataSource: DataSource) {
    this.retention = new RetentionCheck(new TenantRetentionRepository(dataSource));
    // Weekly uniques and percentiles read many rows: one transaction each with room to sort in memory.
    this.executor = new MetricQueryExecutor(analyticalSqlExecutor(dataSource));
    this.skippedValues = new SkippedValuesQueries(dataSource);
  }

  async query(tenant: AuthenticatedTenant, request: QueryRequest): Promise<MetricQueryResponse | MultiSeriesQueryResponse> {
    const validation = validateQueryRequest(request, tenant.timeZone);
    if (!validation.ok) throw badRequest(validation.issues);
    return validation.kind === 'metric' ? this.single(tenant, validation.query) : this.multi(tenant, validation.query);
  }

  private async single(tenant: AuthenticatedTenant, query: MetricQuery): Promise<MetricQueryResponse> {
    const periods = queryPeriods(query);
    const answer = await this.run(tenant, query, periods);
    const skippedValues = await this.skippedValuesOf(tenant, query, periods);

    const groupKeys = query.groupBy.map((reference) => reference.key);
    const options = { fillMissing: query.fillMissing, limit: query.limit };
    const current = assembleQuerySeries(answer.rowsByPeriod[0], periods.current.buckets, groupKeys, options);
    const response: MetricQueryResponse = {
      path: answer.path,
      ...(answer.reason === undefined ? {} : { reason: answer.reason }),
      from: periods.current.from.toISOString(),
      to: periods.current.to.toISOString(),
      granularity: query.granularity,
      timeZone: query.timeZone,
      series: current.series,
      groupCount: current.groupCount,
    };
    if (skippedValues.length > 0) response.skippedValues = skippedValues;
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

  private async multi(tenant: AuthenticatedTenant, query: MultiSeriesQuery): Promise<MultiSeriesQueryResponse> {
    const periods = queryPeriods(query);
    // One series after the other: each is one or two statements, and the embedded store runs one at a time anyway.
    const answers: MetricQueryAnswer[] = [];
    const skipped: SkippedValueCount[][] = [];
    for (const series of query.series) {
      const seriesQuery = seriesMetricQuery(query, series);
      answers.push(await this.run(tenant, seriesQuery, periods));
      skipped.push(await this.skippedValuesOf(tenant, seriesQuery, periods));
    }

    const assembled = assembleMultiSeries(
      query.series.map((series, index) => ({ label: series.label, missingValue: missingMetricValue(series.metric), rowsByPeriod: answers[index].rowsByPeriod })),
      query.formulas,
      { current: periods.current.buckets, previous: periods.previous?.buckets ?? null },
      query.groupBy.map((reference) => reference.key),
      { fillMissing: query.fillMissing, limit: query.limit },
    );
    const comparison = (line: (typeof assembled.series)[number]) =>
      periods.previous && line.comparison
        ? { comparison: { from: periods.previous.from.toISOString(), to: periods.previous.to.toISOString(), series: line.comparison } }
        : {};
    const results: QueryLineResponse[] = [
      ...assembled.series.map((line, index) => ({
        label: line.label,
        kind: 'series' as const,
        path: answers[index].path,
        ...(answers[index].reason === undefined ? {} : { reason: answers[index].reason }),
        series: line.series,
        ...comparison(line),
        ...(skipped[index].length > 0 ? { skippedValues: skipped[index] } : {}),
      })),
      ...assembled.formulas.map((line, index) => ({
        label: line.label,
        kind: 'formula' as const,
        formula: query.formulas[index].formula,
        series: line.series,
        ...comparison(line),
      })),
    ];
    return {
      from: periods.current.from.toISOString(),
      to: periods.current.to.toISOString(),
      granularity: query.granularity,
      timeZone: query.timeZone,
      groupCount: assembled.groupCount,
      results,
    };
  }

  /**
   * The values an aggregation over a property left out in the current period: events of the metric's
   * types stored (lenient policy) with a value of that property that broke its type's rule.
   */
  private async skippedValuesOf(tenant: AuthenticatedTenant, query: MetricQuery, periods: QueryPeriods): Promise<SkippedValueCount[]> {
    const { metric } = query;
    if (metric.type !== 'aggregate' || metric.field.kind !== 'property') return [];
    const field = `properties${metric.field.path.map((segment) => (typeof segment === 'number' ? '[]' : `.${segment}`)).join('')}`;
    return this.skippedValues.count({
      tenantId: tenant.id,
      start: periods.current.from,
      end: periods.current.to,
      eventTypes: metric.eventTypes.length > 0 ? metric.eventTypes : null,
      fields: [field],
    });
  }

  /** Plans the query against the rollup catalog and runs it over the current and, when compared, the previous period. */
  private async run(tenant: AuthenticatedTenant, query: MetricQuery, periods: QueryPeriods): Promise<MetricQueryAnswer> {
    // Rollups are cut in the tenant's zone: the one the stream processor reads from the tenant's profile.
    const plan = planMetricQuery(query, STREAM_PROCESSOR_ROLLUP_CATALOG, tenant.timeZone);
    const earliest = periods.previous ?? periods.current;
    const expired = await this.retention.issue(tenant.id, earliest.from, dataReadBy(plan, query.granularity));
    if (expired) throw badRequest([expired]);
    try {
      return await this.executor.run(
        { id: tenant.id, currency: tenant.currency },
        query,
        plan,
        periods.previous ? [periods.current, periods.previous] : [periods.current],
      );
    } catch (error) {
      if (error instanceof MetricResultTooLargeError) {
        throw badRequest([{ field: 'groupBy', rule: 'maxResultSize', message: error.message }]);
      }
      throw error;
    }
  }
}

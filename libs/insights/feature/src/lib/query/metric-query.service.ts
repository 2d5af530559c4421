import { Inject, Injectable } from '@nestjs/common';
import {
  assembleQuerySeries,
  compareQuerySeries,
  planMetricQuery,
  queryPeriods,
  STREAM_PROCESSOR_ROLLUP_CATALOG,
  validateMetricQuery,
  type MetricQueryRequest,
} from '@pulse/analytics-core';
import { analyticalSqlExecutor, DATA_SOURCE, MetricQueryExecutor, MetricResultTooLargeError } from '@pulse/storage';
import type { AuthenticatedTenant } from '@pulse/tenancy';
import type { DataSource } from 'typeorm';
import type { MetricQueryResponse } from './metric-query-responses';
import { badRequest } from '@pulse/observability';

/**
 * Answers a metric query for one tenant: validate (400 naming every problem), list the buckets in the
 * query's zone, plan rollups or raw events, run the current and, when asked, the previous period, then
 * fill, order and compare the series.
 */
@Injectable()
export class MetricQueryService {
  private readonly executor: MetricQueryExecutor;

  constructor(@Inject(DATA_SOURCE) dataSource: DataSource) {
    // Weekly uniques and percentiles read many rows: one transaction each with room to sort in memory.
    this.executor = new MetricQueryExecutor(analyticalSqlExecutor(dataSource));
  }

  async query(tenant: AuthenticatedTenant, request: MetricQueryRequest): Promise<MetricQueryResponse> {
    const validation = validateMetricQuery(request, tenant.timeZone);
    if (!validation.ok) throw badRequest(validation.issues);
    const query = validation.query;
    const periods = queryPeriods(query);
    // Rollups are cut in the tenant's zone: the one the stream processor reads from the tenant's profile.
    const plan = planMetricQuery(query, STREAM_PROCESSOR_ROLLUP_CATALOG, tenant.timeZone);
    const answer = await this.run(tenant, query, plan, periods);

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

  private async run(
    tenant: AuthenticatedTenant,
    query: Parameters<MetricQueryExecutor['run']>[1],
    plan: Parameters<MetricQueryExecutor['run']>[2],
    periods: ReturnType<typeof queryPeriods>,
  ) {
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

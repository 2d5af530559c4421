import { Injectable } from '@nestjs/common';
import {
  anomalyScanHistoryPoints,
  queryBucketContaining,
  rankAnomalyCauses,
  scanForAnomalies,
  validateQueryRequest,
  type AnomalyScanOptions,
  type AnomalyVerdict,
  type QueryRequest,
} from '@pulse/analytics-core';
import { badRequest } from '@pulse/observability';
import type { AuthenticatedTenant } from '@pulse/tenancy';
import { NAMED_METRIC_QUERIES, type NamedMetric } from '../series/named-metrics';
import { BUCKET_MS, MetricSeriesService, type FetchedSeries } from '../series/metric-series.service';
import type { AnomalyCauseResponse, AnomalyResponse, AnomalyScanResponse } from './anomalies.dto';

export interface AnomalyScanRequest {
  query: QueryRequest;
  method?: AnomalyScanOptions['method'];
  sensitivity?: number;
  causeDimension?: string;
}

/** Values of the cause dimension compared per anomaly: the largest by total in each chunk. */
const CAUSE_VALUES = 10;
const HOUR_MS = 3_600_000;

/**
 * Anomalies of any metric query: reads the judged range plus the history the method needs before it (in
 * chunks, so a year of hours works), scans it with analytics-core's `scanForAnomalies` (each bucket judged
 * from the earlier ones only, as a live detector would), and, with a cause dimension, scans each value's own
 * series the same way and ranks the values by their share of each anomaly's deviation.
 */
@Injectable()
export class AnomalyDetectionService {
  constructor(private readonly series: MetricSeriesService) {}

  async scan(tenant: AuthenticatedTenant, request: AnomalyScanRequest): Promise<AnomalyScanResponse> {
    const { query, causeDimension } = request;
    if (query.groupBy !== undefined && query.groupBy.length > 0) {
      throw badRequest([
        {
          field: 'query.groupBy',
          rule: 'notAllowed',
          message: 'anomalies are scanned on one line: leave groupBy out and name a causeDimension to break anomalies down',
        },
      ]);
    }
    const frame = this.series.validate(tenant, query, 'query');
    if (causeDimension !== undefined) this.validateCauseDimension(tenant, query, causeDimension);

    const bucketMs = BUCKET_MS[frame.granularity];
    const judged = this.series.buckets(frame.from, frame.to, frame.granularity, frame.timeZone, 'query.to');
    const historyPoints = anomalyScanHistoryPoints({ method: request.method, bucketMs });
    const historyFrom = new Date(judged[0].start.getTime() - historyPoints * bucketMs);
    const buckets = this.series.buckets(historyFrom, frame.to, frame.granularity, frame.timeZone, 'query.to');
    const fetched = await this.series.fetch(tenant, query, buckets);
    const points = fetched.lines[0]?.points ?? buckets.map((bucket) => ({ time: bucket.start.getTime(), value: null }));

    const { from: _from, to: _to, ...identity } = query;
    const options: AnomalyScanOptions = {
      method: request.method ?? 'auto',
      sensitivity: request.sensitivity,
      bucketMs,
      judgeFrom: judged[0].start.getTime(),
      seriesKey: `${tenant.id}:${JSON.stringify(identity)}`,
    };
    const scan = scanForAnomalies(points, options);
    const causes =
      causeDimension !== undefined && scan.anomalies.length > 0
        ? await this.causes(tenant, query, causeDimension, buckets, options, scan.anomalies)
        : new Map<number, AnomalyCauseResponse[]>();

    return {
      method: scan.method,
      from: judged[0].start.toISOString(),
      to: judged[judged.length - 1].end.toISOString(),
      historyPoints: buckets.length - judged.length,
      judgedPoints: scan.judgedPoints,
      anomalies: scan.anomalies.map((verdict) => toResponse(verdict, causes.get(verdict.time) ?? [])),
      ...(scan.insufficientHistory ? { insufficientHistory: scan.insufficientHistory } : {}),
    };
  }

  /** `GET /v1/ml/anomalies?metric=…&lookback_hours=…`: hourly buckets ending at the start of the current hour. */
  scanNamed(
    tenant: AuthenticatedTenant,
    metric: NamedMetric,
    lookbackHours: number,
    now: Date,
    options: Omit<AnomalyScanRequest, 'query'>,
  ): Promise<AnomalyScanResponse> {
    const to = queryBucketContaining(now.getTime(), 'hour', tenant.timeZone).start;
    const from = new Date(to.getTime() - lookbackHours * HOUR_MS);
    const query: QueryRequest = {
      ...NAMED_METRIC_QUERIES[metric],
      from: from.toISOString(),
      to: to.toISOString(),
      granularity: 'hour',
    };
    return this.scan(tenant, { ...options, query });
  }

  private validateCauseDimension(tenant: AuthenticatedTenant, query: QueryRequest, dimension: string): void {
    const validation = validateQueryRequest({ ...query, groupBy: [dimension] }, tenant.timeZone);
    if (validation.ok) return;
    const issues = validation.issues.filter((issue) => issue.field.startsWith('groupBy'));
    if (issues.length > 0) throw badRequest(issues.map((issue) => ({ ...issue, field: 'causeDimension' })));
  }

  /** Per anomalous bucket, each dimension value's observed and expected (its own series, scanned alike), ranked. */
  private async causes(
    tenant: AuthenticatedTenant,
    query: QueryRequest,
    dimension: string,
    buckets: FetchedSeries['buckets'],
    options: AnomalyScanOptions,
    anomalies: readonly AnomalyVerdict[],
  ): Promise<Map<number, AnomalyCauseResponse[]>> {
    const fetched = await this.series.fetch(tenant, { ...query, groupBy: [dimension], limit: CAUSE_VALUES }, buckets);
    const times = anomalies.map((verdict) => verdict.time);
    const expectations = fetched.lines.map((line) => {
      const scan = scanForAnomalies(line.points, { ...options, expectationsAt: times });
      return new Map((scan.expectations ?? []).map((expectation) => [expectation.time, expectation]));
    });
    const values = fetched.lines.map((line) => Object.values(line.group)[0] ?? null);
    const causes = new Map<number, AnomalyCauseResponse[]>();
    for (const time of times) {
      const byValue = expectations.flatMap((byTime, index) => {
        const expectation = byTime.get(time);
        return expectation ? [{ value: String(index), observed: expectation.observed, expected: expectation.expected }] : [];
      });
      causes.set(
        time,
        rankAnomalyCauses(byValue).map((cause) => ({
          dimension,
          value: values[Number(cause.value)],
          observed: cause.observed,
          expected: cause.expected,
          share: cause.share,
        })),
      );
    }
    return causes;
  }
}

function toResponse(verdict: AnomalyVerdict, causes: AnomalyCauseResponse[]): AnomalyResponse {
  return {
    time: new Date(verdict.time).toISOString(),
    observed: verdict.observed,
    expected: verdict.expected,
    lower: verdict.lower,
    upper: verdict.upper,
    score: verdict.score,
    severity: verdict.severity,
    incidentId: verdict.incidentId,
    method: verdict.method,
    ...(verdict.seasonalPeriod === undefined ? {} : { seasonalPeriod: verdict.seasonalPeriod }),
    causes,
  };
}

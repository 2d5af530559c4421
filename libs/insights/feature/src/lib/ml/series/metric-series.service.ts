import { Injectable } from '@nestjs/common';
import { listQueryBuckets, validateQueryRequest, type QueryGranularity, type QueryRequest, type SeriesPoint } from '@pulse/analytics-core';
import { badRequest } from '@pulse/observability';
import type { AuthenticatedTenant } from '@pulse/tenancy';
import type { MetricQueryResponse, MultiSeriesQueryResponse } from '../../query/metric-query-response.dto';
import { MetricQueryService } from '../../query/metric-query.service';

/** Granularities the time-series models accept: fixed-length buckets (months and quarters are not). */
export const SERIES_GRANULARITIES = ['minute', 'hour', 'day', 'week'] as const;
export type SeriesGranularity = (typeof SERIES_GRANULARITIES)[number];

export const BUCKET_MS: Record<SeriesGranularity, number> = {
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 604_800_000,
};

/** Buckets per query: under the query engine's 5,000-bucket chart cap. */
const CHUNK_BUCKETS = 4_000;
/** Longest series read for a model: two leap years of hours and a little. */
export const MAX_SERIES_BUCKETS = 20_000;

export interface FetchedSeries {
  /** One line per group (one group, `{}`, without groupBy); values null where the query has none. */
  lines: { group: Record<string, string | null>; points: SeriesPoint[] }[];
  buckets: { start: Date; end: Date }[];
}

/**
 * Reads a metric query's line(s) over any range through the query engine (`MetricQueryService`, the code
 * behind `POST /v1/query`), cutting the range into chunks of 4,000 buckets so that a year of hours is
 * three ordinary queries. For several series the first formula's line is the metric (or the first series').
 */
@Injectable()
export class MetricSeriesService {
  constructor(private readonly queries: MetricQueryService) {}

  /**
   * Checks a query body as `POST /v1/query` would, except the 5,000-bucket cap (chunks lift it); every problem
   * is a 400 whose field is prefixed with `prefix` (`query.metric.type`).
   */
  validate(tenant: AuthenticatedTenant, body: QueryRequest, prefix: string): { granularity: SeriesGranularity; timeZone: string; from: Date; to: Date } {
    const validation = validateQueryRequest(body, tenant.timeZone);
    const issues = validation.ok ? [] : validation.issues.filter((issue) => issue.rule !== 'maxBuckets');
    if (!(SERIES_GRANULARITIES as readonly string[]).includes(body.granularity)) {
      issues.push({
        field: 'granularity',
        rule: 'isIn',
        message: `granularity must be one of ${SERIES_GRANULARITIES.join(', ')} for time-series models (months and quarters have no fixed length)`,
      });
    }
    if (body.compare !== undefined)
      issues.push({
        field: 'compare',
        rule: 'notAllowed',
        message: 'compare is not used by time-series models: leave it out',
      });
    if (issues.length > 0) throw badRequest(issues.map((issue) => ({ ...issue, field: `${prefix}.${issue.field}` })));
    return {
      granularity: body.granularity as SeriesGranularity,
      timeZone: body.timeZone ?? tenant.timeZone,
      from: new Date(body.from),
      to: new Date(body.to),
    };
  }

  /** The buckets of [from, to) in the zone; a 400 on `field` beyond MAX_SERIES_BUCKETS. */
  buckets(from: Date, to: Date, granularity: QueryGranularity, timeZone: string, field: string): { start: Date; end: Date }[] {
    const listing = listQueryBuckets(from, to, granularity, timeZone, MAX_SERIES_BUCKETS);
    if (!listing.ok) {
      throw badRequest([
        {
          field,
          rule: 'maxBuckets',
          message: `the range (with the history the model needs) makes more than ${MAX_SERIES_BUCKETS} ${granularity} buckets: choose a coarser granularity or a shorter range`,
        },
      ]);
    }
    return listing.buckets;
  }

  /** The query's lines over the given buckets (contiguous, from `listQueryBuckets`). */
  async fetch(tenant: AuthenticatedTenant, body: QueryRequest, buckets: readonly { start: Date; end: Date }[]): Promise<FetchedSeries> {
    const lines = new Map<string, { group: Record<string, string | null>; values: Map<number, number | null> }>();
    for (let first = 0; first < buckets.length; first += CHUNK_BUCKETS) {
      const last = Math.min(buckets.length, first + CHUNK_BUCKETS) - 1;
      const { compare: _compare, ...frame } = body;
      const answer = await this.queries.query(tenant, {
        ...frame,
        from: buckets[first].start.toISOString(),
        to: buckets[last].end.toISOString(),
        fillMissing: true,
      });
      for (const line of linesOf(answer)) {
        const key = JSON.stringify(line.group);
        const entry = lines.get(key) ?? { group: line.group, values: new Map<number, number | null>() };
        for (const point of line.points) entry.values.set(Date.parse(point.bucket), point.value);
        lines.set(key, entry);
      }
    }
    return {
      buckets: [...buckets],
      lines: [...lines.values()].map(({ group, values }) => ({
        group,
        points: buckets.map((bucket) => ({
          time: bucket.start.getTime(),
          value: values.get(bucket.start.getTime()) ?? null,
        })),
      })),
    };
  }
}

function linesOf(
  answer: MetricQueryResponse | MultiSeriesQueryResponse,
): { group: Record<string, string | null>; points: { bucket: string; value: number | null }[] }[] {
  if ('series' in answer) return answer.series;
  const line = answer.results.find((result) => result.kind === 'formula') ?? answer.results[0];
  return line?.series ?? [];
}

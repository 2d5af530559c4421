import { Injectable, UnprocessableEntityException } from '@nestjs/common';
import { forecastSeries, InsufficientHistoryError, queryBucketContaining, type QueryRequest, type SeriesForecast } from '@pulse/analytics-core';
import { badRequest } from '@pulse/observability';
import type { AuthenticatedTenant } from '@pulse/tenancy';
import { BUCKET_MS, MetricSeriesService, type SeriesGranularity } from '../series/metric-series.service';
import { NAMED_METRIC_QUERIES } from '../series/named-metrics';
import type { AccuracyResponse, ForecastRequestDto, ForecastResponse } from './forecast.dto';

const GRANULARITY_NAMES: Record<string, SeriesGranularity> = {
  minute: 'minute',
  hour: 'hour',
  hourly: 'hour',
  day: 'day',
  daily: 'day',
  week: 'week',
  weekly: 'week',
};
/** History of a named metric when history_days is not given. */
const DEFAULT_HISTORY_DAYS: Record<SeriesGranularity, number> = { minute: 3, hour: 56, day: 365, week: 1_092 };
const DAY_MS = 86_400_000;

/** A line as read (null where the query has no value) and its forecast. */
export interface ForecastedLine {
  values: (number | null)[];
  forecast: SeriesForecast;
}
/** The forecast may reach at most this many times the history. */
const HORIZON_PER_HISTORY = 4;

/**
 * Forecasts a metric query (its range is the history) or a named metric (history ending at the start of
 * the current bucket) with analytics-core's `forecastSeries`: Holt-Winters with a rolling-origin backtest
 * against seasonal-naive, which answers instead when the model does not beat it.
 */
@Injectable()
export class ForecastService {
  constructor(private readonly series: MetricSeriesService) {}

  async forecast(tenant: AuthenticatedTenant, request: ForecastRequestDto, now: Date): Promise<ForecastResponse> {
    if ((request.query === undefined) === (request.metric === undefined)) {
      throw badRequest([
        {
          field: 'query',
          rule: 'exactlyOneOfQueryOrMetric',
          message: 'give either query (a metric query body) or metric (a named metric), not both or neither',
        },
      ]);
    }
    if ((request.horizon === undefined) === (request.horizon_days === undefined)) {
      throw badRequest([
        {
          field: 'horizon',
          rule: 'exactlyOneOfHorizonOrHorizonDays',
          message: 'give either horizon (buckets) or horizon_days',
        },
      ]);
    }
    const query = request.query ?? this.namedQuery(tenant, request, now);
    if (query.groupBy !== undefined && query.groupBy.length > 0) {
      throw badRequest([{ field: 'query.groupBy', rule: 'notAllowed', message: 'a forecast is of one line: leave groupBy out' }]);
    }
    const frame = this.series.validate(tenant, query, 'query');
    const bucketMs = BUCKET_MS[frame.granularity];
    const buckets = this.series.buckets(frame.from, frame.to, frame.granularity, frame.timeZone, 'query.to');
    const horizon = request.horizon ?? Math.max(1, Math.round(((request.horizon_days as number) * DAY_MS) / bucketMs));
    const horizonField = request.horizon === undefined ? 'horizon_days' : 'horizon';
    if (horizon > HORIZON_PER_HISTORY * buckets.length) {
      throw badRequest([
        {
          field: horizonField,
          rule: 'maxFourTimesHistory',
          message: `${horizonField} reaches ${horizon} buckets, more than 4 × the ${buckets.length} buckets of history`,
        },
      ]);
    }

    let forecast: SeriesForecast;
    try {
      ({ forecast } = await this.forecastOver(tenant, query, frame.granularity, buckets, horizon));
    } catch (error) {
      if (error instanceof InsufficientHistoryError) throw unprocessable(error);
      throw error;
    }

    const last = buckets[buckets.length - 1];
    let bucket = queryBucketContaining(last.end.getTime(), frame.granularity, frame.timeZone);
    const points = forecast.points.map((point) => {
      const time = bucket.start.toISOString();
      bucket = queryBucketContaining(bucket.end.getTime(), frame.granularity, frame.timeZone);
      return {
        time,
        value: point.value,
        lower80: point.lower80,
        upper80: point.upper80,
        lower95: point.lower95,
        upper95: point.upper95,
      };
    });
    return {
      model: forecast.model,
      description: forecast.description,
      granularity: frame.granularity,
      historyFrom: buckets[0].start.toISOString(),
      historyTo: last.end.toISOString(),
      historyPoints: buckets.length,
      points,
      backtest: {
        horizon: forecast.backtest.horizon,
        origins: forecast.backtest.origins,
        model: accuracy(forecast.backtest.model),
        baseline: accuracy(forecast.backtest.baseline),
        usedBaseline: forecast.backtest.usedBaseline,
      },
    };
  }

  /**
   * A query's line and its forecast `horizon` buckets past the query's range (the insight report compares the
   * two). With `fromFirstValue`, buckets before the line's first non-zero value are left out: a tenant that began
   * sending a month ago has no history before, not a run of zeros. InsufficientHistoryError when it is too short.
   */
  async forecastLine(
    tenant: AuthenticatedTenant,
    query: QueryRequest,
    horizon: number,
    options: { fromFirstValue?: boolean } = {},
  ): Promise<ForecastedLine> {
    const frame = this.series.validate(tenant, query, 'query');
    const buckets = this.series.buckets(frame.from, frame.to, frame.granularity, frame.timeZone, 'query.to');
    return this.forecastOver(tenant, query, frame.granularity, buckets, horizon, options.fromFirstValue ?? false);
  }

  private async forecastOver(
    tenant: AuthenticatedTenant,
    query: QueryRequest,
    granularity: SeriesGranularity,
    buckets: { start: Date; end: Date }[],
    horizon: number,
    fromFirstValue = false,
  ): Promise<ForecastedLine> {
    const fetched = await this.series.fetch(tenant, query, buckets);
    const line = (fetched.lines[0]?.points ?? []).map((point) => point.value);
    const first = fromFirstValue ? line.findIndex((value) => value !== null && value !== 0) : 0;
    const values = first < 0 ? [] : line.slice(first);
    if (!values.some((value) => value !== null)) throw new InsufficientHistoryError(8, 0, 'A forecast');
    return { values, forecast: forecastSeries(values, { horizon, bucketMs: BUCKET_MS[granularity] }) };
  }

  private namedQuery(tenant: AuthenticatedTenant, request: ForecastRequestDto, now: Date): QueryRequest {
    const granularity = GRANULARITY_NAMES[request.granularity ?? 'daily'];
    const to = queryBucketContaining(now.getTime(), granularity, tenant.timeZone).start;
    const from = new Date(to.getTime() - (request.history_days ?? DEFAULT_HISTORY_DAYS[granularity]) * DAY_MS);
    return {
      ...NAMED_METRIC_QUERIES[request.metric as keyof typeof NAMED_METRIC_QUERIES],
      from: from.toISOString(),
      to: to.toISOString(),
      granularity,
    };
  }
}

function accuracy(scores: { mase: number; smape: number }): AccuracyResponse {
  return { mase: Number.isFinite(scores.mase) ? scores.mase : null, smape: scores.smape };
}

function unprocessable(error: InsufficientHistoryError): UnprocessableEntityException {
  return new UnprocessableEntityException({
    statusCode: 422,
    error: 'Unprocessable Entity',
    message: error.message,
    neededPoints: error.neededPoints,
    havePoints: error.havePoints,
  });
}

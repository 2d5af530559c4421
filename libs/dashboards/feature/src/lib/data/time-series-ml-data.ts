import {
  anomalyScanHistoryPoints,
  forecastSeries,
  queryBucketContaining,
  scanForAnomalies,
  type AnomalyScanOptions,
  type QueryGranularity,
  type QuerySeriesPoint,
} from '@pulse/analytics-core';

/** Bucket lengths the anomaly scan and the forecast reason in (a day is 24 h: their cadence, not the calendar). */
export const ML_BUCKET_MS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000, week: 604_800_000 };

/** How far before the judged range the anomaly scan needs history, in buckets. */
export function anomalyHistoryPoints(method: AnomalyScanOptions['method'], granularity: string): number {
  return anomalyScanHistoryPoints({ method, bucketMs: ML_BUCKET_MS[granularity] });
}

export interface AnomalyBandData {
  granularity: string;
  method: string;
  points: { time: string; value: number; expected: number | null; anomaly: boolean }[];
  anomalies: { time: string; observed: number; expected: number; lower: number; upper: number; score: number; severity: string }[];
  insufficientHistory?: { neededPoints: number; havePoints: number };
}

/**
 * Judges each bucket of the range from the ones before it (analytics-core's `scanForAnomalies`, as
 * `POST /v1/ml/anomalies` does): `points` holds the history-and-range line, only the range's points with
 * their expected value; `anomalies` the buckets outside the band, with the band.
 */
export function anomalyBandData(
  line: readonly QuerySeriesPoint[],
  judgeFrom: Date,
  granularity: string,
  options: { method?: AnomalyScanOptions['method']; sensitivity?: number; seriesKey: string },
): AnomalyBandData {
  const series = line.map((point) => ({ time: Date.parse(point.bucket), value: point.value }));
  const judged = series.filter((point) => point.time >= judgeFrom.getTime());
  const scan = scanForAnomalies(series, {
    method: options.method ?? 'auto',
    sensitivity: options.sensitivity,
    bucketMs: ML_BUCKET_MS[granularity],
    judgeFrom: judgeFrom.getTime(),
    seriesKey: options.seriesKey,
    expectationsAt: judged.map((point) => point.time),
  });
  const expected = new Map((scan.expectations ?? []).map((expectation) => [expectation.time, expectation.expected]));
  const anomalous = new Set(scan.anomalies.map((verdict) => verdict.time));
  return {
    granularity,
    method: scan.method,
    points: judged.map((point) => ({
      time: new Date(point.time).toISOString(),
      value: point.value,
      expected: expected.get(point.time) ?? null,
      anomaly: anomalous.has(point.time),
    })),
    anomalies: scan.anomalies.map((verdict) => ({
      time: new Date(verdict.time).toISOString(),
      observed: verdict.observed,
      expected: verdict.expected,
      lower: verdict.lower,
      upper: verdict.upper,
      score: verdict.score,
      severity: verdict.severity,
    })),
    ...(scan.insufficientHistory ? { insufficientHistory: scan.insufficientHistory } : {}),
  };
}

export interface ForecastData {
  granularity: string;
  model: string;
  history: { time: string; value: number }[];
  forecast: { time: string; value: number; lower: number; upper: number }[];
}

/**
 * The range is the history; `horizon` buckets past it are forecast by analytics-core's `forecastSeries`
 * (Holt-Winters or seasonal-naive, as `POST /v1/ml/forecast`), with its 80 % interval. Throws
 * InsufficientHistoryError for too short a history (reported in the widget's place).
 */
export function forecastData(line: readonly QuerySeriesPoint[], granularity: QueryGranularity, timeZone: string, horizon: number): ForecastData {
  const forecast = forecastSeries(
    line.map((point) => point.value),
    { horizon, bucketMs: ML_BUCKET_MS[granularity] },
  );
  const last = line[line.length - 1];
  let bucket = queryBucketContaining(queryBucketContaining(Date.parse(last.bucket), granularity, timeZone).end.getTime(), granularity, timeZone);
  return {
    granularity,
    model: forecast.model,
    history: line.map((point) => ({ time: point.bucket, value: point.value })),
    forecast: forecast.points.map((point) => {
      const time = bucket.start.toISOString();
      bucket = queryBucketContaining(bucket.end.getTime(), granularity, timeZone);
      return { time, value: point.value, lower: point.lower80, upper: point.upper80 };
    }),
  };
}

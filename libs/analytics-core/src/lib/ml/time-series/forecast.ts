import { bucketCadence } from './bucket-cadence';
import { runSmoothing, smoothingForecast, type SmoothingSpec } from './exponential-smoothing';
import { meanAbsoluteScaledError, symmetricMeanAbsolutePercentageError } from './forecast-accuracy';
import { fillGapsLinearly } from './gap-filling';
import { InsufficientHistoryError } from './insufficient-history-error';
import {
  additiveForecastVariance,
  normalIntervals,
  simulatedIntervals,
  type IntervalBounds,
} from './prediction-intervals';
import { seasonalNaiveForecast } from './seasonal-naive';
import { detectSeasonalPeriods } from './seasonal-period-detection';
import { fitSmoothing, type FittedSmoothing } from './smoothing-fit';

export interface ForecastOptions {
  horizon: number;
  /** Bucket size: picks the seasonal periods to test (24 and 168 for hours, 7 for days…). */
  bucketMs?: number;
  /** Given seasonal periods in buckets (skips detection); [] forces a non-seasonal model. */
  seasonalPeriods?: readonly number[];
  /** Rolling origins of the backtest (default 3). */
  backtestOrigins?: number;
}

export interface ForecastPoint {
  /** 1 = the first bucket after the history. */
  step: number;
  value: number;
  lower80: number;
  upper80: number;
  lower95: number;
  upper95: number;
}

export interface AccuracyScores {
  mase: number;
  smape: number;
}

export interface ForecastBacktest {
  /** Steps ahead scored at each origin. */
  horizon: number;
  origins: number;
  model: AccuracyScores;
  baseline: AccuracyScores;
  /** True when the model did not beat the seasonal-naive baseline's MASE, so the baseline answered. */
  usedBaseline: boolean;
}

export interface SeriesForecast {
  /** "holt-winters" or "seasonal-naive". */
  model: 'holt-winters' | 'seasonal-naive';
  /** Human-readable: the variant, its seasons and (for Holt-Winters) the fitted parameters. */
  description: string;
  spec?: SmoothingSpec;
  parameters?: FittedSmoothing['parameters'];
  /** The baseline's period (1 = naive). */
  baselinePeriod: number;
  points: ForecastPoint[];
  backtest: ForecastBacktest;
}

/** Histories beyond this many cycles of the longest season (or points) are cut to their most recent part. */
const MAX_FIT_CYCLES = 12;
const MAX_FIT_POINTS = 1000;
const MIN_NON_SEASONAL_POINTS = 8;
const NON_SEASONAL_BACKTEST_HORIZON = 7;

/**
 * Forecasts `horizon` buckets after the history: detects (or takes) the seasons, fits the candidate
 * Holt-Winters variants on the data before the first backtest origin and keeps the lowest AIC, backtests it
 * against seasonal-naive from rolling origins, and answers with the model (refitted on the whole history)
 * only when its MASE beats the baseline's; otherwise with the baseline. Missing values are interpolated.
 */
export function forecastSeries(history: ArrayLike<number | null>, options: ForecastOptions): SeriesForecast {
  const { horizon } = options;
  if (!Number.isInteger(horizon) || horizon < 1)
    throw new RangeError(`horizon must be a positive integer, got ${horizon}`);
  const all = fillGapsLinearly(history);
  const candidatePeriods =
    options.seasonalPeriods ?? (options.bucketMs ? bucketCadence(options.bucketMs).seasonalPeriods : []);
  const detected = options.seasonalPeriods ?? detectSeasonalPeriods(all, candidatePeriods);
  const longest = detected.length > 0 ? Math.max(...detected) : 1;
  const fitLength = Math.max(MAX_FIT_POINTS, MAX_FIT_CYCLES * longest);
  const values = all.length > fitLength ? all.subarray(all.length - fitLength) : all;
  const n = values.length;

  const originCount = options.backtestOrigins ?? 3;
  const backtestHorizon = backtestHorizonFor(horizon, longest);
  const originStep = Math.max(1, Math.floor(backtestHorizon / 2));
  const neededPoints = forecastHistoryPoints(horizon, detected, originCount);
  if (n < neededPoints) {
    const reason = detected.length > 0 ? `A forecast with a season of ${longest} buckets` : 'A forecast';
    throw new InsufficientHistoryError(neededPoints, all.length, reason);
  }
  const origins = Array.from(
    { length: originCount },
    (_, i) => n - backtestHorizon - (originCount - 1 - i) * originStep,
  );
  const training = values.subarray(0, origins[0]);

  const positive = values.every((value) => value > 0);
  const specs = candidateSpecs(detected, positive);
  let chosen: FittedSmoothing | undefined;
  for (const spec of specs) {
    const fitted = fitSmoothing(training, spec);
    if (Number.isFinite(fitted.aic) && (!chosen || fitted.aic < chosen.aic)) chosen = fitted;
  }
  if (!chosen) throw new RangeError('No model could be fitted to the series');

  const modelErrors = { actual: [] as number[], forecast: [] as number[] };
  const baselineForecasts: number[] = [];
  for (const origin of origins) {
    const run = runSmoothing(values.subarray(0, origin), chosen.spec, chosen.parameters, chosen.initial);
    const forecast = smoothingForecast(chosen.spec, chosen.parameters, run.final, backtestHorizon);
    const baseline = seasonalNaiveForecast(values.subarray(0, origin), longest, backtestHorizon).forecast;
    for (let h = 0; h < backtestHorizon; h++) {
      modelErrors.actual.push(values[origin + h]);
      modelErrors.forecast.push(forecast[h]);
      baselineForecasts.push(baseline[h]);
    }
  }
  const score = (forecast: number[]): AccuracyScores => ({
    mase: meanAbsoluteScaledError(modelErrors.actual, forecast, training, longest),
    smape: symmetricMeanAbsolutePercentageError(modelErrors.actual, forecast),
  });
  const modelScores = score(modelErrors.forecast);
  const baselineScores = score(baselineForecasts);
  const usedBaseline = !(modelScores.mase < baselineScores.mase);
  const backtest: ForecastBacktest = {
    horizon: backtestHorizon,
    origins: originCount,
    model: modelScores,
    baseline: baselineScores,
    usedBaseline,
  };

  if (usedBaseline) {
    const naive = seasonalNaiveForecast(values, longest, horizon);
    return {
      model: 'seasonal-naive',
      description: `seasonal-naive (season ${longest}); Holt-Winters ${describe(chosen.spec)} did not beat it in the backtest`,
      baselinePeriod: longest,
      points: toPoints(naive.forecast, naive),
      backtest,
    };
  }
  const final = fitSmoothing(values, chosen.spec);
  const run = runSmoothing(values, final.spec, final.parameters, final.initial);
  const forecast = smoothingForecast(final.spec, final.parameters, run.final, horizon);
  const bounds =
    final.spec.seasonal === 'multiplicative'
      ? simulatedIntervals(final.spec, final.parameters, run.final, final.residualVariance, horizon)
      : normalIntervals(
          forecast,
          additiveForecastVariance(final.spec, final.parameters, final.residualVariance, horizon),
        );
  return {
    model: 'holt-winters',
    description: `Holt-Winters ${describe(final.spec)}`,
    spec: final.spec,
    parameters: final.parameters,
    baselinePeriod: longest,
    points: toPoints(forecast, bounds),
    backtest,
  };
}

/** The history a forecast needs at least, for a horizon and the seasons it will use. */
export function forecastHistoryPoints(
  horizon: number,
  seasonalPeriods: readonly number[],
  backtestOrigins = 3,
): number {
  const longest = seasonalPeriods.length > 0 ? Math.max(...seasonalPeriods) : 1;
  const backtestHorizon = backtestHorizonFor(horizon, longest);
  return (
    Math.max(2 * longest, MIN_NON_SEASONAL_POINTS) +
    backtestHorizon +
    (backtestOrigins - 1) * Math.max(1, Math.floor(backtestHorizon / 2))
  );
}

/** Steps scored from each backtest origin: the horizon, at most one (longest) season, or 7 without one. */
function backtestHorizonFor(horizon: number, longestPeriod: number): number {
  return Math.max(1, Math.min(horizon, longestPeriod > 1 ? longestPeriod : NON_SEASONAL_BACKTEST_HORIZON));
}

/**
 * The variants tried: several seasons → additive double-seasonal with no or a damped trend; one season →
 * additive and (for positive series) multiplicative, each with no or a damped trend; none → simple and
 * damped-trend exponential smoothing. An undamped trend is left out: extrapolated over a month of hours it
 * runs away.
 */
function candidateSpecs(periods: readonly number[], positive: boolean): SmoothingSpec[] {
  const trends = ['none', 'damped'] as const;
  if (periods.length === 0) return trends.map((trend) => ({ trend, seasonal: 'none', periods: [] }));
  if (periods.length > 1) return trends.map((trend) => ({ trend, seasonal: 'additive', periods: [...periods] }));
  const seasonals = positive ? (['additive', 'multiplicative'] as const) : (['additive'] as const);
  return seasonals.flatMap((seasonal) => trends.map((trend) => ({ trend, seasonal, periods: [...periods] })));
}

function describe(spec: SmoothingSpec): string {
  const trend = spec.trend === 'none' ? 'no trend' : `${spec.trend} trend`;
  const seasons =
    spec.seasonal === 'none'
      ? 'no season'
      : `${spec.seasonal} season${spec.periods.length > 1 ? 's' : ''} ${spec.periods.join(' + ')}`;
  return `(${trend}, ${seasons})`;
}

function toPoints(forecast: Float64Array, bounds: IntervalBounds): ForecastPoint[] {
  return Array.from(forecast, (value, h) => ({
    step: h + 1,
    value,
    lower80: bounds.lower80[h],
    upper80: bounds.upper80[h],
    lower95: bounds.lower95[h],
    upper95: bounds.upper95[h],
  }));
}

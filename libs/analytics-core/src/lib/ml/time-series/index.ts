export type { SeriesPoint } from './series-point';
export * from './anomaly-scan';
export * from './anomaly-severity';
export * from './anomaly-causes';
export { bucketCadence, MINUTE_MS, HOUR_MS, DAY_MS, WEEK_MS, type BucketCadence } from './bucket-cadence';
export * from './forecast';
export * from './insufficient-history-error';
export type {
  SmoothingSpec,
  SmoothingParameters,
  SmoothingStates,
  TrendKind,
  SeasonalKind,
} from './exponential-smoothing';
export { runSmoothing, smoothingForecast } from './exponential-smoothing';
export { meanAbsoluteScaledError, symmetricMeanAbsolutePercentageError } from './forecast-accuracy';
export { seasonalNaiveForecast } from './seasonal-naive';
export { detectSeasonalPeriods } from './seasonal-period-detection';
export { syntheticHourlySeries, type SyntheticSeriesOptions } from './synthetic-seasonal-series';

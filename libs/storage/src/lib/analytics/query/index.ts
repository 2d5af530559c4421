export { MetricQueryExecutor, type MetricQueryAnswer } from './metric-query-executor';
export { buildRawMetricStatement, type MetricQueryTenant, type MetricStatement } from './raw-metric-sql';
export { buildRollupMetricStatement, buildRollupCoverageStatement } from './rollup-metric-sql';
export { MetricResultTooLargeError, MAX_RESULT_ROWS } from './metric-result-rows';
export { buildAllTypesRollupStatement, buildAllTypesCoverageStatement } from './all-types-rollup-sql';

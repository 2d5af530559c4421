export { MetricQueryExecutor, type MetricQueryAnswer } from './metric-query-executor';
export { buildRawMetricStatement, type MetricQueryTenant, type MetricStatement } from './raw-metric-sql';
export { buildRollupMetricStatement, buildRollupCoverageStatement } from './rollup-metric-sql';
export { MetricResultTooLargeError, MAX_RESULT_ROWS } from './metric-result-rows';
export { buildAllTypesRollupStatement, buildAllTypesCoverageStatement } from './all-types-rollup-sql';
// The request shape of POST /v1/query, shared by every service that accepts a metric query (insights, reporting).
export { FilterDto, FormulaDto, MetricDto, MetricQueryDto, SeriesDto } from './metric-query.dto';

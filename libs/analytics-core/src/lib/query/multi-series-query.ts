import type { MetricDefinition, MetricFilter, MetricQuery } from './metric-query';
import type { SeriesFormulaExpression } from './series-formula';

/**
 * Several series in one query (each its own metric and filters, labelled A, B, … or by the client) and
 * formulas over them (`A / B * 100`), sharing the range, buckets, zone, group-by, comparison and limit.
 */

export const QUERY_SERIES_LIMITS = {
  /** Series per query: each is one planned statement per period. */
  maxSeries: 10,
  maxFormulas: 10,
} as const;

/** A label a client may choose: a letter, then letters, digits or _ (so formulas can name it), up to 32. */
export const QUERY_SERIES_LABEL_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,31}$/;

/** A, B, C, … by position. */
export function defaultSeriesLabel(index: number): string {
  return String.fromCharCode('A'.charCodeAt(0) + index);
}

/** F1, F2, … by position. */
export function defaultFormulaLabel(index: number): string {
  return `F${index + 1}`;
}

export interface QuerySeriesDefinition {
  label: string;
  metric: MetricDefinition;
  /** The query's shared filters, then the series' own (all must hold). */
  filters: MetricFilter[];
}

export interface QueryFormula {
  label: string;
  /** As the client wrote it. */
  formula: string;
  expression: SeriesFormulaExpression;
  /** The series labels it names. */
  labels: string[];
}

export interface MultiSeriesQuery extends Omit<MetricQuery, 'metric' | 'filters'> {
  series: QuerySeriesDefinition[];
  formulas: QueryFormula[];
}

/** One series as a query of its own: what the planner and the SQL builders take. */
export function seriesMetricQuery(query: MultiSeriesQuery, series: QuerySeriesDefinition): MetricQuery {
  const { series: _series, formulas: _formulas, ...frame } = query;
  return { ...frame, metric: series.metric, filters: series.filters };
}

/**
 * What a bucket or group without events is worth in a multi-series answer and its formulas: 0 for
 * counts, unique users, sums, counts of values and conversion (by its definition 0 when nobody did the
 * first event); null (no value) for averages, minimums, maximums and percentiles, which have no value
 * over no events.
 */
export function missingMetricValue(metric: MetricDefinition): 0 | null {
  if (metric.type !== 'aggregate') return 0;
  return metric.aggregation === 'sum' || metric.aggregation === 'count' || metric.aggregation === 'count_distinct' ? 0 : null;
}

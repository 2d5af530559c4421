import type { MetricQuery } from './metric-query';
import { validateMetricQuery } from './metric-query-validation';
import {
  defaultFormulaLabel,
  defaultSeriesLabel,
  QUERY_SERIES_LABEL_PATTERN,
  QUERY_SERIES_LIMITS,
  type MultiSeriesQuery,
  type QueryFormula,
  type QuerySeriesDefinition,
} from './multi-series-query';
import {
  checkBucketCap,
  issueCollector,
  validateFilters,
  validateMetric,
  validateQueryFrame,
  type FilterRequest,
  type MetricRequest,
  type Problem,
  type QueryFrameRequest,
  type QueryIssue,
} from './query-request-checks';
import { parseSeriesFormula } from './series-formula';

/** One series as a client sends it. */
export interface SeriesRequest {
  label?: string;
  metric: MetricRequest;
  /** Added to the query's shared filters for this series only. */
  filters?: FilterRequest[];
}

export interface FormulaRequest {
  formula: string;
  label?: string;
}

/** Several series and formulas over them, as a client sends them. */
export interface MultiSeriesQueryRequest extends QueryFrameRequest {
  series: SeriesRequest[];
  formulas?: FormulaRequest[];
}

/** Either shape `POST /v1/query` takes: `metric` (one series, the original shape) or `series` (and `formulas`). */
export interface QueryRequest extends QueryFrameRequest {
  metric?: MetricRequest;
  series?: SeriesRequest[];
  formulas?: FormulaRequest[];
}

export type QueryRequestValidation =
  | { ok: true; kind: 'metric'; query: MetricQuery }
  | { ok: true; kind: 'series'; query: MultiSeriesQuery }
  | { ok: false; issues: QueryIssue[] };

/** Reads a request as one metric or as several series, whichever it names; both at once is a 400. */
export function validateQueryRequest(request: QueryRequest, defaultTimeZone: string): QueryRequestValidation {
  if (request.series !== undefined) {
    const { series, formulas, metric, ...frame } = request;
    const result = validateMultiSeriesQuery({ ...frame, series, ...(formulas === undefined ? {} : { formulas }) }, defaultTimeZone);
    if (metric === undefined) return result.ok ? { ok: true, kind: 'series', query: result.query } : result;
    const exclusive = { field: 'metric', rule: 'isExclusiveWithSeries', message: 'metric must not be given with series: make it one of the series' };
    return { ok: false, issues: [exclusive, ...(result.ok ? [] : result.issues)] };
  }
  const { formulas, metric, ...frame } = request;
  const result = validateMetricQuery({ ...frame, metric: metric as MetricRequest }, defaultTimeZone);
  if (formulas === undefined) return result.ok ? { ok: true, kind: 'metric', query: result.query } : result;
  const needsSeries = { field: 'formulas', rule: 'needsSeries', message: 'formulas need series: name the metrics in series[] and refer to them as A, B, …' };
  return { ok: false, issues: [needsSeries, ...(result.ok ? [] : result.issues)] };
}

export type MultiSeriesQueryValidation = { ok: true; query: MultiSeriesQuery } | { ok: false; issues: QueryIssue[] };

/**
 * Checks a multi-series query: 1 to `maxSeries` series, each a metric and its own filters; formulas
 * naming only series labels; labels unique across series and formulas; then the shared frame.
 */
export function validateMultiSeriesQuery(request: MultiSeriesQueryRequest, defaultTimeZone: string): MultiSeriesQueryValidation {
  const { issues, problem } = issueCollector();
  // Label → where it was given (`series[1]`), shared by series and formulas so each label is used once.
  const labels = new Map<string, string>();
  const series = validateSeriesList(request.series, labels, problem);
  const seriesLabels = new Set(labels.keys());
  const frame = validateQueryFrame(request, defaultTimeZone, problem);
  const formulas = validateFormulas(request.formulas, seriesLabels, labels, problem);
  if (issues.length === 0 && frame) checkBucketCap(frame, request, problem);
  if (issues.length > 0 || !series || !formulas || !frame) return { ok: false, issues };

  const { filters: shared, ...rest } = frame;
  return {
    ok: true,
    query: { ...rest, series: series.map((entry) => ({ ...entry, filters: [...shared, ...entry.filters] })), formulas },
  };
}

function validateSeriesList(inputs: unknown, seen: Map<string, string>, problem: Problem): QuerySeriesDefinition[] | undefined {
  if (!Array.isArray(inputs) || inputs.length === 0) return problem('series', 'isSeriesList', `must list 1 to ${QUERY_SERIES_LIMITS.maxSeries} series`);
  if (inputs.length > QUERY_SERIES_LIMITS.maxSeries) return problem('series', 'maxSeries', `must list at most ${QUERY_SERIES_LIMITS.maxSeries} series`);
  const series = inputs.map((input: SeriesRequest | undefined, index): QuerySeriesDefinition | undefined => {
    const path = `series[${index}]`;
    if (input === undefined || input === null || typeof input !== 'object') return problem(path, 'isObject', 'must be an object');
    const label = seriesLabel(input.label, defaultSeriesLabel(index), `${path}.label`, seen, problem);
    const metric = validateMetric(input.metric, `${path}.metric`, problem);
    const filters = validateFilters(input.filters, `${path}.filters`, problem);
    return label && metric && filters ? { label, metric, filters } : undefined;
  });
  return series.every((entry) => entry !== undefined) ? (series as QuerySeriesDefinition[]) : undefined;
}

function validateFormulas(
  inputs: unknown,
  seriesLabels: ReadonlySet<string>,
  seen: Map<string, string>,
  problem: Problem,
): QueryFormula[] | undefined {
  if (inputs === undefined) return [];
  if (!Array.isArray(inputs)) return problem('formulas', 'isFormulaList', 'must be a list of formulas');
  if (inputs.length > QUERY_SERIES_LIMITS.maxFormulas) return problem('formulas', 'maxFormulas', `must list at most ${QUERY_SERIES_LIMITS.maxFormulas} formulas`);
  const formulas = inputs.map((input: FormulaRequest | undefined, index): QueryFormula | undefined => {
    const path = `formulas[${index}]`;
    if (input === undefined || input === null || typeof input !== 'object') return problem(path, 'isObject', 'must be an object');
    const label = seriesLabel(input.label, defaultFormulaLabel(index), `${path}.label`, seen, problem);
    if (typeof input.formula !== 'string') return problem(`${path}.formula`, 'isString', 'must be a formula such as A / B * 100');
    const parsed = parseSeriesFormula(input.formula);
    if (!parsed.ok) return problem(`${path}.formula`, 'isFormula', parsed.message);
    const unknown = parsed.labels.filter((name) => !seriesLabels.has(name));
    if (unknown.length > 0) {
      const known = [...seriesLabels].join(', ');
      return problem(`${path}.formula`, 'isKnownSeries', `names ${unknown.join(', ')}, which ${unknown.length === 1 ? 'is not a series' : 'are not series'} of this query (${known})`);
    }
    return label ? { label, formula: input.formula, expression: parsed.expression, labels: parsed.labels } : undefined;
  });
  return formulas.every((entry) => entry !== undefined) ? (formulas as QueryFormula[]) : undefined;
}

/**
 * The given label or the default one, recorded in `seen` (label → where it was first used). A label
 * used twice is refused where it repeats, even when it is a default nobody wrote.
 */
function seriesLabel(given: unknown, fallback: string, path: string, seen: Map<string, string>, problem: Problem): string | undefined {
  if (given !== undefined && (typeof given !== 'string' || !QUERY_SERIES_LABEL_PATTERN.test(given))) {
    return problem(path, 'isSeriesLabel', 'must be 1-32 letters, digits or _, starting with a letter');
  }
  const label = given ?? fallback;
  const owner = seen.get(label);
  if (owner !== undefined) return problem(path, 'isUniqueLabel', `is ${label}, already the label of ${owner}`);
  seen.set(label, path.slice(0, -'.label'.length));
  return label;
}

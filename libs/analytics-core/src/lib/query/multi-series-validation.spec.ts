import { validateMultiSeriesQuery, validateQueryRequest, type MultiSeriesQueryRequest, type QueryRequest } from './multi-series-validation';

const BERLIN = 'Europe/Berlin';
const RANGE = { from: '2026-03-23T00:00:00+01:00', to: '2026-03-30T00:00:00+02:00', granularity: 'day' };
const ORDERS = { metric: { type: 'event_count', events: ['order_completed'] } };
const VISITORS = { metric: { type: 'unique_users', events: ['page_viewed'] } };

function issuesOf(request: Partial<MultiSeriesQueryRequest>): Array<[string, string]> {
  const result = validateMultiSeriesQuery({ ...RANGE, series: [ORDERS, VISITORS], ...request }, BERLIN);
  if (result.ok) throw new Error('expected issues');
  return result.issues.map((issue) => [issue.field, issue.rule]);
}

function messagesOf(request: Partial<MultiSeriesQueryRequest>): string[] {
  const result = validateMultiSeriesQuery({ ...RANGE, series: [ORDERS, VISITORS], ...request }, BERLIN);
  if (result.ok) throw new Error('expected issues');
  return result.issues.map((issue) => issue.message);
}

describe('validateMultiSeriesQuery', () => {
  it('labels series A, B by position, adds the shared filters before each series’ own, and parses the formulas', () => {
    const result = validateMultiSeriesQuery(
      {
        ...RANGE,
        series: [{ ...ORDERS, filters: [{ field: 'properties.plan', operator: 'equals', value: 'pro' }] }, VISITORS],
        filters: [{ field: 'device_type', operator: 'equals', value: 'mobile' }],
        formulas: [{ formula: 'A / B * 100' }, { formula: '-(B - A)', label: 'gap' }],
        groupBy: ['device_type'],
        compare: 'previous_period',
      },
      BERLIN,
    );
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const device = { field: { kind: 'field', key: 'device_type', name: 'device_type', valueType: 'text' }, operator: 'equals', values: ['mobile'] };
    expect(result.query.series).toEqual([
      {
        label: 'A',
        metric: { type: 'event_count', eventTypes: ['order_completed'] },
        filters: [device, { field: expect.objectContaining({ kind: 'property', key: 'properties.plan' }), operator: 'equals', values: ['pro'] }],
      },
      { label: 'B', metric: { type: 'unique_users', eventTypes: ['page_viewed'] }, filters: [device] },
    ]);
    expect(result.query.formulas.map((formula) => [formula.label, formula.formula, formula.labels])).toEqual([
      ['F1', 'A / B * 100', ['A', 'B']],
      ['gap', '-(B - A)', ['B', 'A']],
    ]);
    expect(result.query).toMatchObject({ granularity: 'day', timeZone: BERLIN, compare: 'previous_period', fillMissing: true, limit: 100 });
    expect(result.query.groupBy.map((reference) => reference.key)).toEqual(['device_type']);
    expect('filters' in result.query).toBe(false);
  });

  it('takes explicit labels, which formulas then use', () => {
    const result = validateMultiSeriesQuery({ ...RANGE, series: [{ ...ORDERS, label: 'orders' }, { ...VISITORS, label: 'visitors' }], formulas: [{ formula: 'orders / visitors' }] }, BERLIN);
    expect(result.ok && result.query.formulas[0].labels).toEqual(['orders', 'visitors']);
  });

  it('refuses a formula naming a series that does not exist, or a formula', () => {
    expect(messagesOf({ formulas: [{ formula: 'A / C' }, { formula: 'F1 * 2' }, { formula: 'X + Y' }] })).toEqual([
      'formulas[0].formula names C, which is not a series of this query (A, B)',
      'formulas[1].formula names F1, which is not a series of this query (A, B)',
      'formulas[2].formula names X, Y, which are not series of this query (A, B)',
    ]);
  });

  it('refuses anything but numbers, labels, + - * / and parentheses, naming the formula and the place', () => {
    expect(issuesOf({ formulas: [{ formula: 'A % B' }, { formula: 'process.exit()' }, { formula: 'A / (B' }] })).toEqual([
      ['formulas[0].formula', 'isFormula'],
      ['formulas[1].formula', 'isFormula'],
      ['formulas[2].formula', 'isFormula'],
    ]);
    expect(messagesOf({ formulas: [{ formula: 'A % B' }] })).toEqual([
      'formulas[0].formula has "%" at character 3: only numbers, series labels, + - * / and parentheses are allowed',
    ]);
    expect(issuesOf({ formulas: [{ formula: 42 as unknown as string }] })).toEqual([['formulas[0].formula', 'isString']]);
  });

  it('refuses more than 10 series, none, and more than 10 formulas', () => {
    expect(messagesOf({ series: Array.from({ length: 11 }, () => ORDERS) })).toEqual(['series must list at most 10 series']);
    expect(issuesOf({ series: [] })).toEqual([['series', 'isSeriesList']]);
    expect(issuesOf({ formulas: Array.from({ length: 11 }, () => ({ formula: 'A' })) })).toEqual([['formulas', 'maxFormulas']]);
    expect(validateMultiSeriesQuery({ ...RANGE, series: Array.from({ length: 10 }, () => ORDERS) }, BERLIN).ok).toBe(true);
  });

  it('refuses a label used twice (a given one meeting a default one too) and labels a formula could not name', () => {
    expect(messagesOf({ series: [ORDERS, { ...VISITORS, label: 'A' }] })).toEqual(['series[1].label is A, already the label of series[0]']);
    expect(messagesOf({ formulas: [{ formula: 'A / B', label: 'B' }] })).toEqual(['formulas[0].label is B, already the label of series[1]']);
    expect(issuesOf({ series: [{ ...ORDERS, label: 'two words' }, { ...VISITORS, label: '1st' }] })).toEqual([
      ['series[0].label', 'isSeriesLabel'],
      ['series[1].label', 'isSeriesLabel'],
    ]);
  });

  it("names each series' metric and filter problems by their path", () => {
    expect(
      issuesOf({
        series: [{ ...ORDERS, filters: [{ field: 'device_type', operator: 'gt', value: 1 }] }, { metric: { type: 'revenue_magic' } }],
        filters: [{ field: 'properties.plan', operator: 'like', value: 'p%' }],
      }),
    ).toEqual([
      ['series[0].filters[0].operator', 'isOperatorForField'],
      ['series[1].metric.type', 'isKnownMetric'],
      ['filters[0].operator', 'isKnownOperator'],
    ]);
  });
});

describe('validateQueryRequest', () => {
  it('reads the original shape (metric) as one metric query, unchanged', () => {
    const result = validateQueryRequest({ ...RANGE, metric: { type: 'event_count' } }, BERLIN);
    expect(result).toMatchObject({ ok: true, kind: 'metric', query: { metric: { type: 'event_count', eventTypes: [] } } });
  });

  it('reads series as a multi-series query', () => {
    expect(validateQueryRequest({ ...RANGE, series: [ORDERS] }, BERLIN)).toMatchObject({ ok: true, kind: 'series' });
  });

  it('refuses metric and series together, and formulas without series', () => {
    const both = validateQueryRequest({ ...RANGE, metric: { type: 'event_count' }, series: [ORDERS] } as QueryRequest, BERLIN);
    expect(!both.ok && both.issues.map((issue) => [issue.field, issue.rule])).toEqual([['metric', 'isExclusiveWithSeries']]);
    const formulas = validateQueryRequest({ ...RANGE, metric: { type: 'event_count' }, formulas: [{ formula: 'A' }] }, BERLIN);
    expect(!formulas.ok && formulas.issues.map((issue) => [issue.field, issue.rule])).toEqual([['formulas', 'needsSeries']]);
    const neither = validateQueryRequest({ ...RANGE }, BERLIN);
    expect(!neither.ok && neither.issues.map((issue) => [issue.field, issue.rule])).toEqual([['metric', 'isDefined']]);
  });
});

import { validateMetricQuery, type MetricQueryRequest } from './metric-query-validation';

const BERLIN = 'Europe/Berlin';

function request(overrides: Partial<MetricQueryRequest> = {}): MetricQueryRequest {
  return {
    metric: { type: 'event_count', events: ['order_completed'] },
    from: '2026-03-23T00:00:00+01:00',
    to: '2026-03-30T00:00:00+02:00',
    granularity: 'day',
    ...overrides,
  };
}

function issuesOf(overrides: Partial<MetricQueryRequest>) {
  const result = validateMetricQuery(request(overrides), BERLIN);
  if (result.ok) throw new Error('expected issues');
  return result.issues;
}

describe('validateMetricQuery', () => {
  it('normalises a sound query: the tenant zone, fill on, no comparison, 100 series', () => {
    const result = validateMetricQuery(
      request({
        groupBy: ['device_type', 'properties.plan'],
        filters: [
          { field: 'properties.plan', operator: 'in', values: ['pro', 'team'] },
          { field: 'hour_of_day', operator: 'between', values: [9, 17] },
          { field: 'properties.coupon', operator: 'is_set' },
        ],
      }),
      BERLIN,
    );
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.query).toEqual({
      metric: { type: 'event_count', eventTypes: ['order_completed'] },
      from: new Date('2026-03-22T23:00:00Z'),
      to: new Date('2026-03-29T22:00:00Z'),
      granularity: 'day',
      timeZone: BERLIN,
      groupBy: [
        { kind: 'field', key: 'device_type', name: 'device_type', valueType: 'text' },
        { kind: 'property', key: 'properties.plan', path: ['plan'] },
      ],
      filters: [
        { field: { kind: 'property', key: 'properties.plan', path: ['plan'] }, operator: 'in', values: ['pro', 'team'] },
        { field: { kind: 'field', key: 'hour_of_day', name: 'hour_of_day', valueType: 'number' }, operator: 'between', values: [9, 17] },
        { field: { kind: 'property', key: 'properties.coupon', path: ['coupon'] }, operator: 'is_set', values: [] },
      ],
      fillMissing: true,
      compare: null,
      limit: 100,
    });
  });

  it('names an unknown metric', () => {
    expect(issuesOf({ metric: { type: 'revenue_magic' } })).toEqual([
      { field: 'metric.type', rule: 'isKnownMetric', message: 'metric.type must be one of event_count, unique_users, aggregate, conversion' },
    ]);
  });

  it('names an unknown operator', () => {
    expect(issuesOf({ filters: [{ field: 'device_type', operator: 'like', value: 'mob%' }] })).toEqual([
      expect.objectContaining({ field: 'filters[0].operator', rule: 'isKnownOperator' }),
    ]);
  });

  it('refuses SQL in a property name, wherever it appears', () => {
    const injection = "properties.plan') OR 1=1; DROP TABLE events; --";
    const issues = issuesOf({
      groupBy: [injection],
      filters: [{ field: injection, operator: 'equals', value: 'x' }],
      metric: { type: 'aggregate', field: injection, aggregation: 'sum' },
    });
    expect(issues.map((issue) => [issue.field, issue.rule])).toEqual([
      ['metric.field', 'isValidPropertyName'],
      ['groupBy[0]', 'isValidPropertyName'],
      ['filters[0].field', 'isValidPropertyName'],
    ]);
  });

  it('refuses an unknown event field', () => {
    expect(issuesOf({ groupBy: ['password_hash'] })).toEqual([expect.objectContaining({ field: 'groupBy[0]', rule: 'isKnownField' })]);
  });

  it('refuses an end before (or at) the start', () => {
    expect(issuesOf({ from: '2026-03-30T00:00:00Z', to: '2026-03-23T00:00:00Z' })).toEqual([
      { field: 'to', rule: 'isAfterFrom', message: 'to must be after from' },
    ]);
  });

  it('refuses instants without an offset', () => {
    expect(issuesOf({ from: '2026-03-23T00:00:00' })).toEqual([expect.objectContaining({ field: 'from', rule: 'isIsoInstant' })]);
  });

  it('refuses more than 5,000 buckets: a week of minutes is 10,080', () => {
    expect(issuesOf({ granularity: 'minute' })).toEqual([expect.objectContaining({ field: 'granularity', rule: 'maxBuckets' })]);
  });

  it('allows exactly 5,000 buckets and refuses 5,001', () => {
    // 5,000 minutes = 3 days 11 h 20 min.
    const exactly = validateMetricQuery(request({ granularity: 'minute', from: '2026-01-01T00:00:00Z', to: '2026-01-04T11:20:00Z' }), BERLIN);
    expect(exactly.ok).toBe(true);
    expect(issuesOf({ granularity: 'minute', from: '2026-01-01T00:00:00Z', to: '2026-01-04T11:21:00Z' })).toEqual([
      expect.objectContaining({ field: 'granularity', rule: 'maxBuckets' }),
    ]);
  });

  it('refuses an unknown time zone', () => {
    expect(issuesOf({ timeZone: 'Mars/Olympus' })).toEqual([expect.objectContaining({ field: 'timeZone', rule: 'isTimeZone' })]);
  });

  it('refuses a numeric comparison on a text field, and a text value for a number field', () => {
    expect(
      issuesOf({
        filters: [
          { field: 'device_type', operator: 'gt', value: 3 },
          { field: 'hour_of_day', operator: 'equals', value: 'nine' },
        ],
      }),
    ).toEqual([
      expect.objectContaining({ field: 'filters[0].operator', rule: 'isOperatorForField' }),
      expect.objectContaining({ field: 'filters[1].value', rule: 'isFieldType' }),
    ]);
  });

  it('checks each operator value shape', () => {
    const issues = issuesOf({
      filters: [
        { field: 'properties.price', operator: 'between', values: [10, 5] },
        { field: 'properties.price', operator: 'gt', value: '5' },
        { field: 'properties.plan', operator: 'in', values: [] },
        { field: 'properties.plan', operator: 'contains', value: 3 },
        { field: 'properties.plan', operator: 'in', values: ['a', 1] },
        { field: 'properties.plan', operator: 'equals' },
      ],
    });
    expect(issues.map((issue) => [issue.field, issue.rule])).toEqual([
      ['filters[0].values', 'isRange'],
      ['filters[1].value', 'isNumber'],
      ['filters[2].values', 'isValueList'],
      ['filters[3].value', 'isString'],
      ['filters[4].values', 'isSameType'],
      ['filters[5].value', 'isScalar'],
    ]);
  });

  it('needs a numeric field for numeric aggregations but counts distinct values of any field', () => {
    expect(issuesOf({ metric: { type: 'aggregate', field: 'browser', aggregation: 'sum' } })).toEqual([
      expect.objectContaining({ field: 'metric.field', rule: 'isNumericField' }),
    ]);
    const distinct = validateMetricQuery(request({ metric: { type: 'aggregate', field: 'session_id', aggregation: 'count_distinct' } }), BERLIN);
    expect(distinct.ok).toBe(true);
  });

  it('needs both steps of a conversion', () => {
    expect(issuesOf({ metric: { type: 'conversion', fromEvent: 'page_viewed' } })).toEqual([
      expect.objectContaining({ field: 'metric.toEvent', rule: 'isEventType' }),
    ]);
  });
});

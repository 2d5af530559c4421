import { metricWidgetRequest, metricWidgetTypeIssues } from './metric-widget-query';

const frame = {
  start: new Date('2026-03-24T23:00:00Z'),
  end: new Date('2026-03-31T22:00:00Z'),
  compare: true,
  properties: [{ field: 'device_type', operator: 'equals', value: 'mobile' }],
};

describe('metricWidgetRequest', () => {
  it('is the POST /v1/query body over the dashboard’s instants: its own filters first, then the dashboard’s, compared when asked', () => {
    const request = metricWidgetRequest('counter', { metric: { type: 'event_count' }, filters: [{ field: 'type', operator: 'equals', value: 'purchase' }] }, frame);
    expect(request).toEqual({
      metric: { type: 'event_count' },
      granularity: 'day',
      from: '2026-03-24T23:00:00.000Z',
      to: '2026-03-31T22:00:00.000Z',
      filters: [
        { field: 'type', operator: 'equals', value: 'purchase' },
        { field: 'device_type', operator: 'equals', value: 'mobile' },
      ],
      compare: 'previous_period',
    });
  });

  it('ranks ten bars unless the widget says otherwise, and never compares a forecast', () => {
    expect(metricWidgetRequest('bar', { metric: { type: 'event_count' }, groupBy: ['type'] }, { ...frame, properties: [] })).toMatchObject({ limit: 10 });
    expect(metricWidgetRequest('forecast', { metric: { type: 'event_count' } }, frame)).not.toHaveProperty('compare');
  });
});

describe('metricWidgetTypeIssues', () => {
  it('asks a bar for exactly one group-by field and a counter for none', () => {
    expect(metricWidgetTypeIssues('bar', { metric: {} })).toEqual([expect.objectContaining({ field: 'query.groupBy', rule: 'exactlyOne' })]);
    expect(metricWidgetTypeIssues('counter', { metric: {}, groupBy: ['type'] })).toEqual([expect.objectContaining({ field: 'query.groupBy', rule: 'notAllowed' })]);
    expect(metricWidgetTypeIssues('table', { metric: {}, groupBy: ['type', 'device_type'] })).toEqual([]);
  });

  it('keeps anomaly bands to hourly or daily buckets', () => {
    expect(metricWidgetTypeIssues('anomaly_band', { metric: {}, granularity: 'month' })).toEqual([expect.objectContaining({ field: 'query.granularity', rule: 'isIn' })]);
  });
});

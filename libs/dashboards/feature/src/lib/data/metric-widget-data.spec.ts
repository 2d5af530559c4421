import type { MetricAnswer } from './metric-query-runner';
import { metricWidgetData } from './metric-widget-data';

const point = (label: string, value: number) => ({ bucket: `${label}T00:00:00.000Z`, label, value });
const answer: MetricAnswer = {
  path: 'rollup',
  from: '2026-03-01T00:00:00.000Z',
  to: '2026-03-03T00:00:00.000Z',
  granularity: 'day',
  timeZone: 'UTC',
  groupCount: 2,
  series: [
    { group: { type: 'page_view' }, points: [point('2026-03-01', 2), point('2026-03-02', 1)], total: 3 },
    { group: { type: 'purchase' }, points: [point('2026-03-01', 1), point('2026-03-02', 0)], total: 1 },
  ],
  comparison: {
    from: '2026-02-27T00:00:00.000Z',
    to: '2026-03-01T00:00:00.000Z',
    series: [
      { group: { type: 'page_view' }, points: [], total: 1, growthRate: 2 },
      { group: { type: 'purchase' }, points: [], total: 0, growthRate: 1 },
    ],
  },
};

describe('metricWidgetData', () => {
  it('ranks top-list items with their share of the listed total', () => {
    expect(metricWidgetData('top_list', { ...answer, comparison: undefined }, ['type'])).toEqual({
      groupBy: 'type',
      items: [
        { label: 'page_view', value: 3, share: 0.75 },
        { label: 'purchase', value: 1, share: 0.25 },
      ],
    });
  });

  it('puts the previous period beside each bar and table row when compared', () => {
    expect(metricWidgetData('bar', answer, ['type'])).toEqual({
      groupBy: 'type',
      bars: [
        { label: 'page_view', value: 3, previous: 1 },
        { label: 'purchase', value: 1, previous: 0 },
      ],
    });
    expect(metricWidgetData('table', answer, ['type'])).toEqual({ columns: ['type', 'value', 'previous'], rows: [['page_view', 3, 1], ['purchase', 1, 0]] });
  });

  it('shows the first line’s total and its growth as a counter, 0 when the range holds nothing', () => {
    expect(metricWidgetData('counter', answer, [])).toEqual({ value: 3, previous: 1, change: 2 });
    expect(metricWidgetData('counter', { ...answer, series: [], comparison: undefined }, [])).toEqual({ value: 0 });
  });
});

import type { MultiSeriesQueryResponse } from '../query/metric-query-response.dto';
import { watchedLineIssues, watchedLinePoints, watchedLineRequest, watchedQueryOf } from './watched-metric';

const range = { from: new Date('2026-03-10T10:00:00Z'), to: new Date('2026-03-10T10:05:00Z'), granularity: 'minute' as const };

describe('the watched line of an alert rule', () => {
  it('keeps only the fields a rule stores', () => {
    expect(watchedQueryOf({ metric: { type: 'event_count' }, filters: undefined, timeZone: 'Europe/Berlin' })).toEqual({
      metric: { type: 'event_count' },
      timeZone: 'Europe/Berlin',
    });
  });

  it('reads one metric as a single series, zero-filled, over the range, with the shared filters and zone', () => {
    const filters = [{ field: 'device_type', operator: 'equals', value: 'mobile' }];
    expect(watchedLineRequest({ metric: { type: 'event_count', events: ['purchase'] }, filters, timeZone: 'Asia/Kolkata' }, range)).toEqual({
      series: [{ metric: { type: 'event_count', events: ['purchase'] } }],
      filters,
      timeZone: 'Asia/Kolkata',
      from: '2026-03-10T10:00:00.000Z',
      to: '2026-03-10T10:05:00.000Z',
      granularity: 'minute',
      fillMissing: true,
    });
  });

  it('reads series and formulas as given', () => {
    const series = [{ metric: { type: 'event_count', events: ['a'] } }, { metric: { type: 'event_count', events: ['b'] } }];
    const formulas = [{ formula: 'A / B' }];
    expect(watchedLineRequest({ series, formulas }, range)).toMatchObject({ series, formulas, fillMissing: true });
  });

  it('refuses several series without a formula to combine them', () => {
    const two = [{ metric: { type: 'event_count' } }, { metric: { type: 'unique_users' } }];
    expect(watchedLineIssues({ series: two })).toEqual([expect.objectContaining({ field: 'query.series', rule: 'watchesOneLine' })]);
    expect(watchedLineIssues({ series: two, formulas: [{ formula: 'A / B' }] })).toEqual([]);
    expect(watchedLineIssues({ series: [two[0]] })).toEqual([]);
  });

  it('watches the last formula, else the one series, keeping empty buckets as null', () => {
    const line = (label: string, kind: 'series' | 'formula', values: Array<number | null>) => ({
      label,
      kind,
      series: [{ group: {}, total: 0, points: values.map((value, index) => ({ bucket: `2026-03-10T10:0${index}:00.000Z`, label: '', value })) }],
    });
    const response = {
      results: [line('A', 'series', [1, 2]), line('B', 'series', [4, 4]), line('F1', 'formula', [9, 9]), line('F2', 'formula', [0.25, null])],
    } as unknown as MultiSeriesQueryResponse;
    expect(watchedLinePoints(response)).toEqual([
      { time: Date.parse('2026-03-10T10:00:00Z'), value: 0.25 },
      { time: Date.parse('2026-03-10T10:01:00Z'), value: null },
    ]);
    const single = { results: [line('A', 'series', [3])] } as unknown as MultiSeriesQueryResponse;
    expect(watchedLinePoints(single)).toEqual([{ time: Date.parse('2026-03-10T10:00:00Z'), value: 3 }]);
  });
});

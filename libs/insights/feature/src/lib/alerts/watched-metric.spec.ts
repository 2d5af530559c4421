import { watchedLineIssues, watchedLineRequest, watchedQueryOf } from './watched-metric';

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
});

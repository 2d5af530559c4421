import type { QueryBucket } from './bucket-calendar';
import { assembleQuerySeries, compareQuerySeries } from './series-assembly';

const DAYS: QueryBucket[] = [
  { start: new Date('2026-03-27T23:00:00Z'), end: new Date('2026-03-28T23:00:00Z'), label: '2026-03-28' },
  { start: new Date('2026-03-28T23:00:00Z'), end: new Date('2026-03-29T22:00:00Z'), label: '2026-03-29' },
  { start: new Date('2026-03-29T22:00:00Z'), end: new Date('2026-03-30T22:00:00Z'), label: '2026-03-30' },
];

describe('assembleQuerySeries', () => {
  it('fills missing buckets with zero and keeps the total as computed over the range', () => {
    // Unique users: 2 on the 28th, 3 on the 30th, 4 over the range (one user came on both days).
    const { series } = assembleQuerySeries(
      [
        { group: [], bucket: 0, value: 2 },
        { group: [], bucket: 2, value: 3 },
        { group: [], bucket: null, value: 4 },
      ],
      DAYS,
      [],
      { fillMissing: true, limit: 100 },
    );
    expect(series).toEqual([
      {
        group: {},
        points: [
          { bucket: '2026-03-27T23:00:00.000Z', label: '2026-03-28', value: 2 },
          { bucket: '2026-03-28T23:00:00.000Z', label: '2026-03-29', value: 0 },
          { bucket: '2026-03-29T22:00:00.000Z', label: '2026-03-30', value: 3 },
        ],
        total: 4,
      },
    ]);
  });

  it('leaves gaps when fillMissing is off', () => {
    const { series } = assembleQuerySeries([{ group: [], bucket: 1, value: 7 }, { group: [], bucket: null, value: 7 }], DAYS, [], {
      fillMissing: false,
      limit: 100,
    });
    expect(series[0].points).toEqual([{ bucket: '2026-03-28T23:00:00.000Z', label: '2026-03-29', value: 7 }]);
  });

  it('answers an empty range without group-by with one series of zeros', () => {
    const { series } = assembleQuerySeries([], DAYS, [], { fillMissing: true, limit: 100 });
    expect(series).toEqual([{ group: {}, points: DAYS.map((day) => ({ bucket: day.start.toISOString(), label: day.label, value: 0 })), total: 0 }]);
  });

  it('orders groups by total, largest first, null last among equals, and keeps the first `limit`', () => {
    const rows = [
      { group: ['mobile'], bucket: null, value: 5 },
      { group: [null], bucket: null, value: 9 },
      { group: ['desktop'], bucket: null, value: 9 },
      { group: ['tablet'], bucket: null, value: 1 },
    ];
    const { series, groupCount } = assembleQuerySeries(rows, DAYS, ['device_type'], { fillMissing: false, limit: 3 });
    expect(series.map((entry) => [entry.group['device_type'], entry.total])).toEqual([
      ['desktop', 9],
      [null, 9],
      ['mobile', 5],
    ]);
    expect(groupCount).toBe(4);
  });

  it('follows the given groups, with zeros for groups the period lacks', () => {
    const { series } = assembleQuerySeries([{ group: ['web'], bucket: 0, value: 2 }, { group: ['web'], bucket: null, value: 2 }], DAYS, ['properties.channel'], {
      fillMissing: true,
      limit: 100,
      onlyGroups: [{ 'properties.channel': 'app' }, { 'properties.channel': 'web' }],
    });
    expect(series.map((entry) => [entry.group, entry.total, entry.points.map((point) => point.value)])).toEqual([
      [{ 'properties.channel': 'app' }, 0, [0, 0, 0]],
      [{ 'properties.channel': 'web' }, 2, [2, 0, 0]],
    ]);
  });
});

describe('compareQuerySeries', () => {
  it('computes growth of totals: (12 - 8) / 8 = 0.5; previous 0 → 1.0 when there is something now, else 0.0', () => {
    const current = [
      { group: { plan: 'pro' }, points: [], total: 12 },
      { group: { plan: 'team' }, points: [], total: 3 },
      { group: { plan: 'free' }, points: [], total: 0 },
    ];
    const previous = [
      { group: { plan: 'pro' }, points: [], total: 8 },
      { group: { plan: 'team' }, points: [], total: 0 },
      { group: { plan: 'free' }, points: [], total: 0 },
    ];
    expect(compareQuerySeries(current, previous).map((entry) => entry.growthRate)).toEqual([0.5, 1.0, 0.0]);
  });
});

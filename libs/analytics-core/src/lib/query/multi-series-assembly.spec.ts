import type { QueryBucket } from './bucket-calendar';
import { assembleMultiSeries, type SeriesResultRows } from './multi-series-assembly';
import type { QueryFormula } from './multi-series-query';
import type { MetricResultRow } from './series-assembly';
import { parseSeriesFormula } from './series-formula';

const DAYS: QueryBucket[] = [
  { start: new Date('2026-03-27T23:00:00Z'), end: new Date('2026-03-28T23:00:00Z'), label: '2026-03-28' },
  { start: new Date('2026-03-28T23:00:00Z'), end: new Date('2026-03-29T22:00:00Z'), label: '2026-03-29' },
  { start: new Date('2026-03-29T22:00:00Z'), end: new Date('2026-03-30T22:00:00Z'), label: '2026-03-30' },
];
const BEFORE: QueryBucket[] = [
  { start: new Date('2026-03-24T23:00:00Z'), end: new Date('2026-03-25T23:00:00Z'), label: '2026-03-25' },
  { start: new Date('2026-03-25T23:00:00Z'), end: new Date('2026-03-26T23:00:00Z'), label: '2026-03-26' },
  { start: new Date('2026-03-26T23:00:00Z'), end: new Date('2026-03-27T23:00:00Z'), label: '2026-03-27' },
];

function formula(text: string, label = 'F1'): QueryFormula {
  const parsed = parseSeriesFormula(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return { label, formula: text, expression: parsed.expression, labels: parsed.labels };
}

/** Rows without group-by: `values` per bucket index (undefined: no row), then the range total. */
function ungrouped(values: Array<number | undefined>, total: number | undefined): MetricResultRow[] {
  const rows: MetricResultRow[] = values.flatMap((value, bucket) => (value === undefined ? [] : [{ group: [], bucket, value }]));
  return total === undefined ? rows : [...rows, { group: [], bucket: null, value: total }];
}

function grouped(group: string | null, values: Array<number | undefined>, total: number): MetricResultRow[] {
  return [
    ...values.flatMap((value, bucket) => (value === undefined ? [] : [{ group: [group], bucket, value }])),
    { group: [group], bucket: null, value: total },
  ];
}

const count = (label: string, ...rowsByPeriod: MetricResultRow[][]): SeriesResultRows => ({ label, missingValue: 0, rowsByPeriod });
const average = (label: string, ...rowsByPeriod: MetricResultRow[][]): SeriesResultRows => ({ label, missingValue: null, rowsByPeriod });
const valuesOf = (entry: { points: Array<{ value: number | null }> }) => entry.points.map((point) => point.value);
const options = { fillMissing: true, limit: 100 };
const current = { current: DAYS, previous: null };

describe('assembleMultiSeries', () => {
  it('evaluates orders / visitors * 100 per bucket, and over the range from the totals', () => {
    // Orders 1, –, 3 (total 4); visitors 4, 2, 5 (8 over the range: some came on two days).
    // Per day: 1/4 → 25, 0/2 → 0, 3/5 → 60; range: 4/8 → 50 (not the mean of the days).
    const answer = assembleMultiSeries(
      [count('A', ungrouped([1, undefined, 3], 4)), count('B', ungrouped([4, 2, 5], 8))],
      [formula('A / B * 100')],
      current,
      [],
      options,
    );
    expect(answer.groupCount).toBe(1);
    expect(answer.series.map((line) => [line.label, valuesOf(line.series[0]), line.series[0].total])).toEqual([
      ['A', [1, 0, 3], 4],
      ['B', [4, 2, 5], 8],
    ]);
    expect(answer.formulas).toEqual([
      {
        label: 'F1',
        series: [
          {
            group: {},
            points: [
              { bucket: '2026-03-27T23:00:00.000Z', label: '2026-03-28', value: 25 },
              { bucket: '2026-03-28T23:00:00.000Z', label: '2026-03-29', value: 0 },
              { bucket: '2026-03-29T22:00:00.000Z', label: '2026-03-30', value: 60 },
            ],
            total: 50,
          },
        ],
      },
    ]);
  });

  it('gives null where the denominator is zero, including a bucket with no rows for a count', () => {
    // B has nothing on the 29th: 0 there, so A / B is null; A - B is still 5 - 0.
    const answer = assembleMultiSeries(
      [count('A', ungrouped([2, 5, 0], 7)), count('B', ungrouped([1, undefined, 4], 5))],
      [formula('A / B'), formula('A - B', 'gap')],
      current,
      [],
      options,
    );
    expect(answer.formulas.map((line) => [line.label, valuesOf(line.series[0]), line.series[0].total])).toEqual([
      ['F1', [2, null, 0], 1.4],
      ['gap', [1, 5, -4], 2],
    ]);
  });

  it('counts an average without events as no value (null), not 0, and formulas over it as null', () => {
    // Average order value 10 on the 28th only; orders 1, 2, 0. A * B: 10 × 1, then unknown (no average).
    const answer = assembleMultiSeries(
      [average('A', ungrouped([10, undefined, undefined], 10)), count('B', ungrouped([1, 2, undefined], 3))],
      [formula('A * B')],
      current,
      [],
      options,
    );
    expect([valuesOf(answer.series[0].series[0]), answer.series[0].series[0].total]).toEqual([[10, null, null], 10]);
    expect([valuesOf(answer.formulas[0].series[0]), answer.formulas[0].series[0].total]).toEqual([[10, null, null], 30]);
    const empty = assembleMultiSeries([average('A', ungrouped([], undefined))], [formula('A + 1')], current, [], options);
    expect([valuesOf(empty.series[0].series[0]), empty.series[0].series[0].total]).toEqual([[null, null, null], null]);
    expect(empty.formulas[0].series[0].total).toBeNull();
  });

  describe('with group-by', () => {
    // Orders by device: desktop 2 (28th), mobile 1 (29th). Visitors: desktop 4 (28th), tablet 2 (30th).
    const orders = count('A', [...grouped('desktop', [2], 2), ...grouped('mobile', [undefined, 1], 1)]);
    const visitors = count('B', [...grouped('desktop', [4], 4), ...grouped('tablet', [undefined, undefined, 2], 2)]);

    it('lists the union of the groups for every series and formula, ordered by the first series, a missing group as 0', () => {
      const answer = assembleMultiSeries([orders, visitors], [formula('A / B')], current, ['device_type'], options);
      expect(answer.groupCount).toBe(3);
      const table = (line: { series: Array<{ group: Record<string, string | null>; points: Array<{ value: number | null }>; total: number | null }> }) =>
        line.series.map((entry) => [entry.group['device_type'], valuesOf(entry), entry.total]);
      expect(table(answer.series[0])).toEqual([
        ['desktop', [2, 0, 0], 2],
        ['mobile', [0, 1, 0], 1],
        ['tablet', [0, 0, 0], 0],
      ]);
      expect(table(answer.series[1])).toEqual([
        ['desktop', [4, 0, 0], 4],
        ['mobile', [0, 0, 0], 0],
        ['tablet', [0, 0, 2], 2],
      ]);
      // desktop: 2/4, 0/0, 0/0, total 2/4; mobile: no visitors at all; tablet: 0 orders of 2 visitors on the 30th.
      expect(table(answer.formulas[0])).toEqual([
        ['desktop', [0.5, null, null], 0.5],
        ['mobile', [null, null, null], null],
        ['tablet', [null, null, 0], 0],
      ]);
    });

    it('breaks ties of the first series by the next one, and cuts to the limit after ordering', () => {
      // Orders: desktop 1, tablet 1 (tie); visitors: tablet 5, desktop 3 → tablet first.
      const tied = assembleMultiSeries(
        [count('A', [...grouped('desktop', [1], 1), ...grouped('tablet', [1], 1)]), count('B', [...grouped('desktop', [3], 3), ...grouped('tablet', [5], 5)])],
        [],
        current,
        ['device_type'],
        options,
      );
      expect(tied.series[0].series.map((entry) => entry.group['device_type'])).toEqual(['tablet', 'desktop']);
      const cut = assembleMultiSeries([orders, visitors], [formula('A / B')], current, ['device_type'], { fillMissing: true, limit: 2 });
      expect([cut.groupCount, cut.formulas[0].series.map((entry) => entry.group['device_type'])]).toEqual([3, ['desktop', 'mobile']]);
    });

    it('without fillMissing, gives a formula a point where any series it names has one', () => {
      const answer = assembleMultiSeries([orders, visitors], [formula('A / B')], current, ['device_type'], { fillMissing: false, limit: 100 });
      expect(answer.formulas[0].series.map((entry) => [entry.group['device_type'], entry.points.map((point) => [point.label, point.value])])).toEqual([
        ['desktop', [['2026-03-28', 0.5]]],
        ['mobile', [['2026-03-29', null]]],
        ['tablet', [['2026-03-30', 0]]],
      ]);
      expect(answer.series[1].series[1].points).toEqual([]); // mobile had no visitors
    });
  });

  it('compares series and formulas with the previous period, over the current groups in their order', () => {
    // Now: orders desktop 2 / visitors 4 → 0.5; mobile 1 / 0 → null. Before: desktop 1 / 4 → 0.25; mobile 3 / 3 → 1;
    // tablet (before only) is not listed.
    const orders = count('A', [...grouped('desktop', [2], 2), ...grouped('mobile', [1], 1)], [...grouped('mobile', [3], 3), ...grouped('desktop', [1], 1), ...grouped('tablet', [9], 9)]);
    const visitors = count('B', grouped('desktop', [4], 4), [...grouped('desktop', [undefined, 4], 4), ...grouped('mobile', [3], 3)]);
    const answer = assembleMultiSeries([orders, visitors], [formula('A / B')], { current: DAYS, previous: BEFORE }, ['device_type'], options);
    const compared = (line: { comparison?: Array<{ group: Record<string, string | null>; points: Array<{ value: number | null }>; total: number | null; growthRate: number | null }> }) =>
      line.comparison?.map((entry) => [entry.group['device_type'], valuesOf(entry), entry.total, entry.growthRate]);
    // Orders: desktop 2 against 1 → +100 %; mobile 1 against 3 → −2/3.
    expect(compared(answer.series[0])).toEqual([
      ['desktop', [1, 0, 0], 1, 1],
      ['mobile', [3, 0, 0], 3, -2 / 3],
    ]);
    // Visitors: desktop 4 against 4 → 0; mobile 0 against 3 → −1.
    expect(compared(answer.series[1])).toEqual([
      ['desktop', [0, 4, 0], 4, 0],
      ['mobile', [3, 0, 0], 3, -1],
    ]);
    // A / B: desktop 0.5 against 0.25 → +100 %; mobile null now → no growth.
    expect(compared(answer.formulas[0])).toEqual([
      ['desktop', [null, 0, null], 0.25, 1],
      ['mobile', [1, null, null], 1, null],
    ]);
    expect(answer.formulas[0].comparison?.[0].points[0]).toEqual({ bucket: '2026-03-24T23:00:00.000Z', label: '2026-03-25', value: null });
  });
});

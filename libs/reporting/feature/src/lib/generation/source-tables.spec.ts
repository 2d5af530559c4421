import type { FunnelResult, FunnelStepResult } from '@pulse/analytics-core';
import { sectionChart } from '../formats/section-chart';
import { figuresTable, funnelFigures, funnelTable, retentionTable, revenueSliceTable } from './source-tables';

const step = (step: number, eventType: string, users: number, first: number | null, previous: number | null, dropped: number): FunnelStepResult => ({
  step,
  eventType,
  users,
  conversionFromFirst: first,
  conversionFromPrevious: previous,
  droppedUsers: dropped,
  medianSecondsFromPrevious: step === 1 ? null : 60,
  p95SecondsFromPrevious: null,
});

// 8 viewed, 3 bought: 37.5 % from step 1.
const FUNNEL: FunnelResult = {
  steps: [step(1, 'page_view', 8, 1, 1, 0), step(2, 'purchase', 3, 0.375, 0.375, 5)],
  breakdowns: [
    { breakdownValue: 'mobile', steps: [step(1, 'page_view', 6, 1, 1, 0), step(2, 'purchase', 2, 1 / 3, 1 / 3, 4)] },
    { breakdownValue: null, steps: [step(1, 'page_view', 2, 1, 1, 0), step(2, 'purchase', 1, 0.5, 0.5, 1)] },
  ],
};

describe('source tables', () => {
  it('lays figures out against the previous period, the change in % with two decimals', () => {
    const table = figuresTable('Shop', [
      { label: 'Orders', current: 4, previous: 3 },
      { label: 'Revenue', current: 10, previous: 0 },
    ], { from: '2026-03-18', to: '2026-03-24' });
    expect(table).toMatchObject({ kind: 'metric', columns: ['figure', 'value', 'previous', 'change', 'changePercent'], groupColumns: 1 });
    // +1 on 3 is +33.33 %; against 0 there is no percentage.
    expect(table.rows).toEqual([
      ['Orders', 4, 3, 1, 33.33],
      ['Revenue', 10, 0, 10, null],
    ]);
    expect(sectionChart(table)).toBeNull();
  });

  it('reads a funnel’s entries, completions and conversion, and lists its steps', () => {
    const before: FunnelResult = { steps: [step(1, 'page_view', 4, 1, 1, 0), step(2, 'purchase', 1, 0.25, 0.25, 3)] };
    expect(funnelFigures(FUNNEL, before)).toEqual([
      { label: 'Entered', current: 8, previous: 4 },
      { label: 'Completed', current: 3, previous: 1 },
      { label: 'Conversion %', current: 37.5, previous: 25 },
    ]);
    expect(funnelTable('Checkout', 'table', { steps: FUNNEL.steps }).rows).toEqual([
      [1, 'page_view', 8, 100, 100, 0, null],
      [2, 'purchase', 3, 37.5, 37.5, 5, 60],
    ]);
    const broken = funnelTable('Checkout', 'chart', FUNNEL, 'device_type');
    expect(broken.columns[0]).toBe('device_type');
    expect(broken.rows.map((row) => [row[0], row[1], row[3]])).toEqual([
      ['(all)', 1, 8],
      ['(all)', 2, 3],
      ['mobile', 1, 6],
      ['mobile', 2, 2],
      ['(none)', 1, 2],
      ['(none)', 2, 1],
    ]);
    // The chart draws the overall funnel only: 8 then 3, not the groups' 6 and 2.
    const svg = sectionChart(broken) as string;
    expect(svg).toContain('1. page_view');
    expect(svg).toContain('2. purchase');
    expect(svg).toContain('37.5%');
  });

  it('writes retention as % per period, blank where a cohort has not reached it', () => {
    const table = retentionTable('Retention', 'table', {
      cohorts: [
        { periodStart: '2026-03-23', size: 4, counts: [4, 1, 2], percentages: [1, 0.25, 0.5] },
        { periodStart: '2026-03-24', size: 3, counts: [3, 1], percentages: [1, 1 / 3] },
        { periodStart: '2026-03-25', size: 0, counts: [0], percentages: [0] },
      ],
    }, 'day');
    expect(table.columns).toEqual(['cohort', 'size', 'day_0', 'day_1', 'day_2']);
    expect(table.rows).toEqual([
      ['2026-03-23', 4, 100, 25, 50],
      ['2026-03-24', 3, 100, 33.33, null],
      ['2026-03-25', 0, 0, null, null],
    ]);
    const svg = sectionChart(table) as string;
    expect(svg).toContain('Day 2');
    expect(svg).toContain('>33.3%<');
  });

  it('lists revenue slices with their share and draws them as bars', () => {
    const table = revenueSliceTable('By region', 'chart', 'region', [
      { key: 'EU', revenue: 30, orders: 2, revenueShare: 0.75 },
      { key: 'US', revenue: 10, orders: 1, revenueShare: 0.25 },
    ]);
    expect(table.rows).toEqual([
      ['EU', 30, 2, 75],
      ['US', 10, 1, 25],
    ]);
    expect(sectionChart(table)).toContain('EU');
  });
});

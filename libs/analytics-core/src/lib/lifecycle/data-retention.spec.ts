import type { QueryPlan } from '../query/query-planner';
import { dataReadBy, expiredRangeIssue, KEEP_EVERYTHING, retentionCutoffs, type RetentionPolicy } from './data-retention';

const NOW = new Date('2026-12-07T12:00:00Z');
const POLICY: RetentionPolicy = { rawEventsDays: 30, rollupDays: { minute: 7, hour: 90, day: 730, week: null, month: null } };

describe('data retention', () => {
  it('cuts each kind of data its window before now, and keeps what has no window', () => {
    const cutoffs = retentionCutoffs(POLICY, NOW);
    expect(cutoffs.rawEvents?.toISOString()).toBe('2026-11-07T12:00:00.000Z');
    expect(cutoffs.rollups.minute?.toISOString()).toBe('2026-11-30T12:00:00.000Z');
    expect(cutoffs.rollups.hour?.toISOString()).toBe('2026-09-08T12:00:00.000Z');
    expect(cutoffs.rollups.day?.toISOString()).toBe('2024-12-07T12:00:00.000Z');
    expect(cutoffs.rollups.week).toBeNull();
    expect(retentionCutoffs(KEEP_EVERYTHING, NOW)).toEqual({ rawEvents: null, rollups: { minute: null, hour: null, day: null, week: null, month: null } });
  });

  it('names what a plan reads: raw events, rollups of a granularity, or the all-types tiles and their fallback', () => {
    const byType: QueryPlan = { path: 'rollup', rollups: 'by_type', granularity: 'hour', dimensionSet: [], dimensionOf: {} } as unknown as QueryPlan;
    const raw: QueryPlan = { path: 'raw', reason: 'a property filter' };
    expect(dataReadBy(raw, 'day')).toEqual([{ kind: 'raw' }]);
    expect(dataReadBy(byType, 'hour')).toEqual([{ kind: 'rollup', granularity: 'hour' }]);
    expect(dataReadBy({ path: 'rollup', rollups: 'all_types', fallback: raw }, 'quarter')).toEqual([{ kind: 'rollup', granularity: 'month' }, { kind: 'raw' }]);
  });

  it('refuses a range that starts before what the data read still holds, naming from and the window', () => {
    const hourRollups = [{ kind: 'rollup' as const, granularity: 'hour' as const }];
    // 89 days back is within the 90 days of hour rollups; 91 days is not, though day rollups would still have it.
    expect(expiredRangeIssue(new Date('2026-09-09T00:00:00Z'), hourRollups, POLICY, NOW)).toBeNull();
    expect(expiredRangeIssue(new Date('2026-09-07T00:00:00Z'), hourRollups, POLICY, NOW)).toEqual({
      field: 'from',
      rule: 'dataExpired',
      message: 'from must be on or after 2026-09-08T12:00:00.000Z: this tenant keeps hour rollups for 90 days, older data has expired',
    });
    expect(expiredRangeIssue(new Date('2026-09-07T00:00:00Z'), [{ kind: 'rollup', granularity: 'day' }], POLICY, NOW)).toBeNull();
    expect(expiredRangeIssue(new Date('2026-11-01T00:00:00Z'), [{ kind: 'raw' }], POLICY, NOW)?.message).toContain('raw events for 30 days');
    expect(expiredRangeIssue(new Date('2000-01-01T00:00:00Z'), [{ kind: 'raw' }], KEEP_EVERYTHING, NOW)).toBeNull();
  });
});

import { retentionPeriodBoundaries, type RetentionPeriod } from '@pulse/analytics-core';
import { returnsGranularity } from './retention-first-seen.sql';

const BERLIN = 'Europe/Berlin';

function input(period: RetentionPeriod, returnEvent?: { eventType: string }, start = { year: 2026, month: 10, day: 1 }) {
  const boundaries = retentionPeriodBoundaries(start, period, 6, BERLIN).map((boundary) => new Date(boundary));
  return { definition: { returnEvent }, boundaries, tenantTimeZone: BERLIN };
}

describe('returnsGranularity', () => {
  it('reads one all-types list per period when the periods are weeks or months (across the October clock change)', () => {
    expect(returnsGranularity(input('week'))).toEqual({ granularity: 'week', onePerPeriod: true });
    expect(returnsGranularity(input('month'))).toEqual({ granularity: 'month', onePerPeriod: true });
    expect(returnsGranularity(input('day'))).toEqual({ granularity: 'day', onePerPeriod: true });
  });

  it('reads day lists, de-duplicated per period, for a chosen return type (per-type rollups stop at days)', () => {
    expect(returnsGranularity(input('week', { eventType: 'purchase' }))).toEqual({ granularity: 'day', onePerPeriod: false });
    expect(returnsGranularity(input('day', { eventType: 'purchase' }))).toEqual({ granularity: 'day', onePerPeriod: true });
  });

  it('never takes a coarser bucket that would straddle two periods', () => {
    // Day periods from a Monday that is also the 1st (2026-06-01): the first boundary starts a week and a month.
    expect(returnsGranularity(input('day', undefined, { year: 2026, month: 6, day: 1 }))).toEqual({ granularity: 'day', onePerPeriod: true });
    // Week periods starting on 2026-06-01 (a Monday and a 1st): months would straddle, weeks fit.
    expect(returnsGranularity(input('week', undefined, { year: 2026, month: 6, day: 1 }))).toEqual({ granularity: 'week', onePerPeriod: true });
  });
});

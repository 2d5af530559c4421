import { dashboardFrame } from './dashboard-frame';
import { toDashboardFilters } from './dashboard-filters';

const BERLIN = 'Europe/Berlin';
const NOW = new Date('2026-04-01T10:00:00Z');

describe('dashboardFrame', () => {
  const stored = { period: 'last_7_days', compare: false, properties: [{ field: 'device_type', operator: 'equals', value: 'mobile' }] };

  it('resolves the stored period in the tenant’s zone, keeping the property filters', () => {
    const result = dashboardFrame(stored, {}, BERLIN, NOW);
    if (!result.ok) throw new Error('expected a frame');
    expect([result.frame.range.from, result.frame.range.to]).toEqual(['2026-03-25', '2026-03-31']);
    expect(result.frame.start.toISOString()).toBe('2026-03-24T23:00:00.000Z');
    expect(result.frame.previous).toBeNull();
    expect(result.frame.properties).toEqual(stored.properties);
  });

  it('lets the call’s days replace the stored period and turn compare on: the previous range has as many days', () => {
    const result = dashboardFrame(stored, { from: '2026-03-01', to: '2026-03-10', compare: true }, BERLIN, NOW);
    if (!result.ok) throw new Error('expected a frame');
    expect(result.frame.period).toBeNull();
    expect([result.frame.previous?.from, result.frame.previous?.to]).toEqual(['2026-02-19', '2026-02-28']);
  });

  it('names the rule a call’s range breaks', () => {
    expect(dashboardFrame(stored, { from: '2026-03-10', to: '2026-03-01' }, BERLIN, NOW)).toEqual({
      ok: false,
      issues: [expect.objectContaining({ field: 'to', rule: 'isWithinRange' })],
    });
    expect(dashboardFrame(stored, { from: '2025-01-01', to: '2026-03-01' }, BERLIN, NOW)).toMatchObject({ ok: false, issues: [{ field: 'to', rule: 'isWithinRange' }] });
  });
});

describe('toDashboardFilters', () => {
  it('gives the last 7 days without comparison when no filters are sent', () => {
    expect(toDashboardFilters(undefined, BERLIN, NOW)).toEqual({ ok: true, filters: { period: 'last_7_days', compare: false, properties: [] } });
  });

  it('keeps compare and property filters given without a range, with the default period', () => {
    expect(toDashboardFilters({ compare: true }, BERLIN, NOW)).toEqual({ ok: true, filters: { period: 'last_7_days', compare: true, properties: [] } });
  });

  it('refuses an operator the engine does not know, naming the filter', () => {
    const result = toDashboardFilters({ properties: [{ field: 'device_type', operator: 'resembles', value: 'x' }] }, BERLIN, NOW);
    expect(result).toMatchObject({ ok: false, issues: [{ field: expect.stringMatching(/^filters\.properties\[0\]/) }] });
  });
});

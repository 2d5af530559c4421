import { engagementScore, engagementWindowBoundaries } from './engagement-score';

describe('engagement score', () => {
  it('is 0 without activity and 100 at or beyond every saturation level', () => {
    expect(engagementScore({ activeDays: 0, sessions: 0, events: 0 })).toBe(0);
    expect(engagementScore({ activeDays: 20, sessions: 30, events: 300 })).toBe(100);
    expect(engagementScore({ activeDays: 30, sessions: 90, events: 5_000 })).toBe(100);
  });

  it('weighs the parts 40/30/30 (hand-computed)', () => {
    // 40 × 5/20 + 30 × 6/30 + 30 × 45/300 = 10 + 6 + 4.5 = 20.5
    expect(engagementScore({ activeDays: 5, sessions: 6, events: 45 })).toBeCloseTo(20.5, 10);
    // only days saturate: 40 + 30 × 3/30 + 30 × 1/300 = 40 + 3 + 0.1 = 43.1, not rounded
    expect(engagementScore({ activeDays: 25, sessions: 3, events: 1 })).toBeCloseTo(43.1, 10);
  });

  it('looks at the 30 local days ending with the day asked about', () => {
    // 2026-04-10 01:30 in Berlin (CEST) is 2026-04-09T23:30Z: the window is 03-12 … 04-10, local midnights.
    const boundaries = engagementWindowBoundaries(Date.parse('2026-04-09T23:30:00Z'), 'Europe/Berlin');
    expect(boundaries).toHaveLength(31);
    // 03-12 00:00 CET = 03-11T23:00Z; 04-11 00:00 CEST = 04-10T22:00Z; the DST switch on 03-29 makes the window one hour short of 30 × 24 h.
    expect([new Date(boundaries[0]).toISOString(), new Date(boundaries[30]).toISOString()]).toEqual(['2026-03-11T23:00:00.000Z', '2026-04-10T22:00:00.000Z']);
    expect(boundaries[30] - boundaries[0]).toBe(30 * 86_400_000 - 3_600_000);
  });
});

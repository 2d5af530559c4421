import type { BehaviourEvent } from './behaviour-event';
import { computeRetention, periodIndex, retentionPeriodBoundaries } from './retention';

let sequence = 0;
function event(personKey: string, type: string, at: string): BehaviourEvent {
  sequence += 1;
  return { eventId: `r${String(sequence).padStart(4, '0')}`, personKey, type, occurredAt: Date.parse(at) };
}

describe('retention period boundaries', () => {
  it('starts days at local midnight, so the DST day in Berlin lasts 23 hours', () => {
    // 2026-03-29: clocks go from 02:00 CET to 03:00 CEST. Local midnights: 03-28 → 03-27T23:00Z and 03-29 → 03-28T23:00Z (CET), 03-30 → 03-29T22:00Z (CEST).
    const boundaries = retentionPeriodBoundaries({ year: 2026, month: 3, day: 28 }, 'day', 3, 'Europe/Berlin');
    expect(boundaries.map((at) => new Date(at).toISOString())).toEqual([
      '2026-03-27T23:00:00.000Z',
      '2026-03-28T23:00:00.000Z',
      '2026-03-29T22:00:00.000Z',
      '2026-03-30T22:00:00.000Z',
    ]);
    expect(boundaries[2] - boundaries[1]).toBe(23 * 3_600_000);
  });

  it('starts weeks on Monday and months on the 1st, in the time zone', () => {
    // 2026-03-04 is a Wednesday: its week begins Monday 2026-03-02, 00:00 in New York = 05:00Z (EST).
    const weeks = retentionPeriodBoundaries({ year: 2026, month: 3, day: 4 }, 'week', 2, 'America/New_York');
    // The next Monday, 03-09, is after the 03-08 switch to EDT: 04:00Z.
    expect(weeks.map((at) => new Date(at).toISOString())).toEqual(['2026-03-02T05:00:00.000Z', '2026-03-09T04:00:00.000Z', '2026-03-16T04:00:00.000Z']);
    const months = retentionPeriodBoundaries({ year: 2025, month: 12, day: 15 }, 'month', 2, 'UTC');
    expect(months.map((at) => new Date(at).toISOString())).toEqual(['2025-12-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z']);
  });

  it('refuses more periods than the maximum', () => {
    expect(() => retentionPeriodBoundaries({ year: 2026, month: 1, day: 1 }, 'day', 91, 'UTC')).toThrow(/periods must be an integer from 1 to 90/);
  });

  it('finds the period of an instant, with each boundary belonging to the period it starts', () => {
    expect([periodIndex([10, 20, 30], 9), periodIndex([10, 20, 30], 10), periodIndex([10, 20, 30], 29), periodIndex([10, 20, 30], 30)]).toEqual([undefined, 0, 1, undefined]);
  });
});

describe('retention', () => {
  const BERLIN_DAYS = retentionPeriodBoundaries({ year: 2026, month: 3, day: 28 }, 'day', 3, 'Europe/Berlin');

  it('builds the first-seen matrix in local days across a DST change (hand-computed)', () => {
    const events = [
      // ann: first seen 03-28 (local), back 03-29 23:30 local (= 21:30Z, still 03-29 in CEST) and 03-30.
      event('ann', 'open', '2026-03-28T10:00:00Z'),
      event('ann', 'open', '2026-03-29T21:30:00Z'),
      event('ann', 'open', '2026-03-30T08:00:00Z'),
      // ben: first seen 03-28 23:30Z = 03-29 00:30 local: cohort 03-29; back 03-30.
      event('ben', 'open', '2026-03-28T23:30:00Z'),
      event('ben', 'open', '2026-03-30T10:00:00Z'),
      // cid: first seen 03-28, twice more that day; never back.
      event('cid', 'open', '2026-03-28T09:00:00Z'),
      event('cid', 'open', '2026-03-28T12:00:00Z'),
      // dee: first seen before the first period: in no cohort, though active in it.
      event('dee', 'open', '2026-03-20T09:00:00Z'),
      event('dee', 'open', '2026-03-29T09:00:00Z'),
    ];
    expect(computeRetention(events, {}, BERLIN_DAYS, 'Europe/Berlin')).toEqual({
      cohorts: [
        // 03-28: ann, cid (2). +1 day (03-29): ann. +2 days (03-30): ann.
        { periodStart: '2026-03-28', size: 2, counts: [2, 1, 1], percentages: [1, 0.5, 0.5] },
        // 03-29: ben (1). +1 day: ben.
        { periodStart: '2026-03-29', size: 1, counts: [1, 1], percentages: [1, 1] },
        { periodStart: '2026-03-30', size: 0, counts: [0], percentages: [0] },
      ],
    });
  });

  it('uses a chosen start event for cohorts and a chosen return event', () => {
    const events = [
      // eve: opens on 03-28 but signs up on 03-29 (cohort 03-29); buys 03-30, only opens afterwards.
      event('eve', 'open', '2026-03-28T10:00:00Z'),
      event('eve', 'signup', '2026-03-29T10:00:00Z'),
      event('eve', 'buy', '2026-03-30T10:00:00Z'),
      // fay: signs up 03-28, only opens afterwards: not retained by "buy".
      event('fay', 'signup', '2026-03-28T10:00:00Z'),
      event('fay', 'open', '2026-03-29T10:00:00Z'),
    ];
    const result = computeRetention(events, { cohortEvent: { eventType: 'signup' }, returnEvent: { eventType: 'buy' } }, BERLIN_DAYS, 'Europe/Berlin');
    expect(result.cohorts.map((cohort) => [cohort.periodStart, cohort.counts])).toEqual([
      ['2026-03-28', [1, 0, 0]],
      ['2026-03-29', [1, 1]],
      ['2026-03-30', [0]],
    ]);
  });

  it('answers empty cohorts for no events', () => {
    expect(computeRetention([], {}, BERLIN_DAYS, 'Europe/Berlin').cohorts.map((cohort) => cohort.size)).toEqual([0, 0, 0]);
  });
});

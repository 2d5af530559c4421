import type { BehaviourEvent } from './behaviour-event';
import { computeStickiness, stickinessDayBoundaries } from './stickiness';

let sequence = 0;
function event(personKey: string, at: string): BehaviourEvent {
  sequence += 1;
  return { eventId: `k${String(sequence).padStart(4, '0')}`, personKey, type: 'open', occurredAt: Date.parse(at) };
}

const BERLIN = 'Europe/Berlin';

describe('stickiness', () => {
  it('cuts whole weeks into local days, the DST Sunday lasting 23 hours', () => {
    // Week of Monday 2026-03-23 in Berlin: Sunday 03-29 switches from CET to CEST at 02:00.
    const boundaries = stickinessDayBoundaries({ year: 2026, month: 3, day: 23 }, 1, BERLIN);
    expect(boundaries).toHaveLength(8);
    expect(new Date(boundaries[0]).toISOString()).toBe('2026-03-22T23:00:00.000Z');
    expect(new Date(boundaries[6]).toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(new Date(boundaries[7]).toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(boundaries[7] - boundaries[6]).toBe(23 * 3_600_000);
  });

  it('refuses a start that is not a Monday, or too many weeks', () => {
    expect(() => stickinessDayBoundaries({ year: 2026, month: 3, day: 24 }, 1, BERLIN)).toThrow(/Monday/);
    expect(() => stickinessDayBoundaries({ year: 2026, month: 3, day: 23 }, 27, BERLIN)).toThrow(/weeks must be an integer from 1 to 26/);
  });

  it('counts distinct active local days per person and week across the DST change (hand-computed)', () => {
    const events = [
      // ann: twice on Monday 03-23 (one day), and Sunday 03-29 at 23:30 CEST (21:30Z): 2 days in week 1.
      event('ann', '2026-03-23T10:00:00Z'),
      event('ann', '2026-03-23T12:00:00Z'),
      event('ann', '2026-03-29T21:30:00Z'),
      // ben: Sunday 03-29 at 00:30 CET (03-28T23:30Z): 1 day in week 1; Monday 03-30 at 00:30 CEST (03-29T22:30Z): 1 day in week 2.
      event('ben', '2026-03-28T23:30:00Z'),
      event('ben', '2026-03-29T22:30:00Z'),
      // cid: every day of week 1 at 12:00Z: 7 days.
      ...['23', '24', '25', '26', '27', '28', '29'].map((day) => event('cid', `2026-03-${day}T12:00:00Z`)),
      // dee: Sunday 03-22 at 23:30 CET, the day before the range: not counted.
      event('dee', '2026-03-22T22:30:00Z'),
    ];
    const result = computeStickiness(events, stickinessDayBoundaries({ year: 2026, month: 3, day: 23 }, 2, BERLIN), BERLIN);
    // week 1: ann 2, ben 1, cid 7 → mean 10/3 days, DAU/WAU 10/21; week 2: ben 1 → 1, 1/7.
    // overall: 4 person-weeks with 1, 2, 7, 1 days → [2, 1, 0, 0, 0, 0, 1], mean 11/4 = 2.75.
    expect(result).toEqual({
      weeks: [
        { weekStart: '2026-03-23', activeUsers: 3, usersByActiveDays: [1, 1, 0, 0, 0, 0, 1], averageActiveDays: expect.closeTo(10 / 3, 10), dauOverWau: expect.closeTo(10 / 21, 10) },
        { weekStart: '2026-03-30', activeUsers: 1, usersByActiveDays: [1, 0, 0, 0, 0, 0, 0], averageActiveDays: 1, dauOverWau: expect.closeTo(1 / 7, 10) },
      ],
      usersByActiveDays: [2, 1, 0, 0, 0, 0, 1],
      averageActiveDays: 2.75,
      dauOverWau: expect.closeTo(2.75 / 7, 10),
    });
  });

  it('answers empty weeks with zeros and null averages', () => {
    const result = computeStickiness([], stickinessDayBoundaries({ year: 2026, month: 3, day: 2 }, 1, 'UTC'), 'UTC');
    expect(result).toEqual({
      weeks: [{ weekStart: '2026-03-02', activeUsers: 0, usersByActiveDays: [0, 0, 0, 0, 0, 0, 0], averageActiveDays: null, dauOverWau: null }],
      usersByActiveDays: [0, 0, 0, 0, 0, 0, 0],
      averageActiveDays: null,
      dauOverWau: null,
    });
  });
});

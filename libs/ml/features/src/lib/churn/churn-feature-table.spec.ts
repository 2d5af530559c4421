import { CHURN_FEATURES, churnFeatureTable, churnReadableValue } from './churn-feature-table';
import type { PersonActivity } from './churn-observation';

const fading: PersonActivity = {
  person: 'ada',
  daysSinceLastEvent: 2.5,
  // Most recent week first: 6, 2, then a silent week, then 10 four weeks ago.
  periodEvents: [6, 2, 0, 10],
  periodActiveDays: [3, 1, 0, 4],
  sessions: 5,
  conversions: 0,
  escalations: 2,
};

describe('churnFeatureTable', () => {
  it('adds up the periods and puts counts on a log scale (hand-computed)', () => {
    const table = churnFeatureTable([fading]);
    expect(table.featureNames).toEqual(CHURN_FEATURES);
    expect(table.keys).toEqual(['ada']);
    // events 18 → ln 19; sessions 5 → ln 6; escalations 2 → ln 3.
    const [recency, activeDays, activePeriods, events, trend, sessions, conversions, escalations] = table.values[0];
    expect([recency, activeDays, activePeriods, conversions]).toEqual([2.5, 8, 3, 0]);
    expect(events).toBeCloseTo(Math.log(19), 14);
    expect(sessions).toBeCloseTo(Math.log(6), 14);
    expect(escalations).toBeCloseTo(Math.log(3), 14);
    // Two-week halves: latest 6 + 2 = 8, earlier 0 + 10 = 10 → (8 − 10) / 18.
    expect(trend).toBeCloseTo(-1 / 9, 14);
    expect(table.readable[0]).toEqual([2.5, 8, 3, 18, trend, 5, 0, 2]);
  });

  it('reads a person active only in the latest half as a rising trend of 1', () => {
    const table = churnFeatureTable([{ ...fading, periodEvents: [1, 4, 0, 0], periodActiveDays: [1, 2, 0, 0] }]);
    expect(table.values[0][CHURN_FEATURES.indexOf('activity_trend')]).toBe(1);
    expect(table.values[0][CHURN_FEATURES.indexOf('active_periods')]).toBe(2);
  });

  it('refuses activity that cannot come from a 28-day window', () => {
    expect(() => churnFeatureTable([{ ...fading, periodEvents: [1, 2, 3] }])).toThrow(RangeError);
    expect(() => churnFeatureTable([{ ...fading, daysSinceLastEvent: 29 }])).toThrow(RangeError);
    expect(() => churnFeatureTable([{ ...fading, periodActiveDays: [8, 0, 0, 0] }])).toThrow(RangeError);
  });

  it('reads a log-scaled model value back as a count, and other features as they are', () => {
    expect(churnReadableValue('events', Math.log(19))).toBeCloseTo(18, 12);
    expect(churnReadableValue('days_since_last_event', 2.5)).toBe(2.5);
  });
});

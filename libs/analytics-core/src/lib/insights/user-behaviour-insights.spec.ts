import { userBehaviourInsights } from './user-behaviour-insights';

// Confidences from statsmodels 0.14 (`proportions_ztest`) and SciPy (`norm.sf`), /usr/bin/python3.
const steady = {
  activeUsers: 100,
  newUsers: 20,
  events: 300,
  eventsSquared: 1_000,
};
const reach = (
  eventType: string,
  currentUsers: number,
  previousUsers: number,
) => ({
  eventType,
  currentUsers,
  previousUsers,
  currentEvents: currentUsers * 2,
  previousEvents: previousUsers * 2,
});

describe('userBehaviourInsights', () => {
  const found = userBehaviourInsights({
    current: { activeUsers: 80, newUsers: 30, events: 240, eventsSquared: 900 },
    previous: steady,
    eventTypes: [
      reach('search', 20, 50),
      reach('share', 40, 30),
      reach('export', 5, 6),
    ],
  });
  const byId = new Map(found.map((insight) => [insight.id, insight]));

  it('reports active users that fell, with the Poisson count test’s confidence', () => {
    // z = (80 − 100) / √180 = −1.4907; a fifth of the previous users gone: high.
    expect(byId.get('user_behaviour:active_users_change:all')).toMatchObject({
      title: 'Active users fell by 20 %: 100 → 80',
      impact: 'high',
      impactScore: 0.2,
      confidence: 0.864,
      supportingData: { newUsers: 30, previousNewUsers: 20, z: -1.491 },
    });
  });

  it('reports the share of returning users that fell, with the two-proportion test', () => {
    // 50 of 80 (62.5 %) against 80 of 100 (80 %).
    expect(byId.get('user_behaviour:returning_share_change:all')).toMatchObject(
      {
        impact: 'high',
        impactScore: 0.175,
        confidence: 0.9908,
        supportingData: { returningShare: 0.625, previousReturningShare: 0.8 },
      },
    );
  });

  it('says nothing of events per user when they did not change (3 each)', () => {
    expect(byId.has('user_behaviour:events_per_user_change:all')).toBe(false);
  });

  it('reports event types reaching fewer and more users, growth ranked a tenth', () => {
    // search: 20/80 = 25 % against 50/100 = 50 %; share: 40/80 = 50 % against 30/100 = 30 %.
    expect(byId.get('user_behaviour:event_type_reach:search')).toMatchObject({
      impact: 'critical',
      impactScore: 0.25,
      confidence: 0.9994,
    });
    expect(byId.get('user_behaviour:event_type_reach:share')).toMatchObject({
      impact: 'low',
      impactScore: 0.02,
      confidence: 0.9938,
    });
    // export: 5 and 6 users, under the minimum of 30.
    expect(byId.has('user_behaviour:event_type_reach:export')).toBe(false);
  });

  it('keeps only the largest changes of each direction', () => {
    const limited = userBehaviourInsights({
      current: steady,
      previous: steady,
      eventTypes: [reach('a', 40, 50), reach('b', 30, 50), reach('c', 60, 50)],
      maxEventTypes: 1,
    });
    expect(limited.map((insight) => insight.id)).toEqual([
      'user_behaviour:event_type_reach:c',
      'user_behaviour:event_type_reach:b',
    ]);
  });

  it('tests events per user on the persons’ own spread', () => {
    // 60 persons each period: 30 × 1 + 30 × 3 events (mean 2, s² = 60/59) against 60 × 1 (no spread).
    const [change] = userBehaviourInsights({
      current: {
        activeUsers: 60,
        newUsers: 0,
        events: 120,
        eventsSquared: 300,
      },
      previous: { activeUsers: 60, newUsers: 0, events: 60, eventsSquared: 60 },
      eventTypes: [],
    });
    // z = 1 / √((60/59) / 60) = 7.681
    expect(change).toMatchObject({
      id: 'user_behaviour:events_per_user_change:all',
      impact: 'low', // a rise: good news
      impactScore: 0.1,
      supportingData: { eventsPerUser: 2, previousEventsPerUser: 1, z: 7.681 },
    });
  });

  it('reports a bounce rate that rose, from the sessions', () => {
    const found = userBehaviourInsights({
      current: steady,
      previous: steady,
      eventTypes: [],
      sessions: {
        current: { sessions: 60, bounceRate: 0.6, averageDurationSeconds: 30 },
        previous: { sessions: 60, bounceRate: 0.5, averageDurationSeconds: 45 },
      },
    });
    // 36 of 60 against 30 of 60.
    expect(found).toEqual([
      expect.objectContaining({
        id: 'user_behaviour:bounce_rate_change:all',
        impact: 'high', // ten points: the high band starts at 0.1
        impactScore: 0.1,
        confidence: 0.7291,
      }),
    ]);
  });

  it('finds nothing on a steady tenant, nor with too few users', () => {
    expect(
      userBehaviourInsights({
        current: steady,
        previous: steady,
        eventTypes: [reach('search', 50, 50)],
      }),
    ).toEqual([]);
    expect(
      userBehaviourInsights({
        current: {
          activeUsers: 10,
          newUsers: 10,
          events: 10,
          eventsSquared: 10,
        },
        previous: steady,
        eventTypes: [],
      }),
    ).toEqual([]);
  });
});

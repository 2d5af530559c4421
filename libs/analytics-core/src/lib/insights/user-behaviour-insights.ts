import type { SessionSummary } from '../behaviour/paths';
import {
  countChange,
  meanChange,
  proportionChange,
} from './change-significance';
import { rankedImpact, type Insight } from './insight';
import { formatPercent as percent, roundTo } from './insight-text';

/** Who was active in a period, and how much. */
export interface PeriodActivity {
  /** Persons with at least one event in the period. */
  activeUsers: number;
  /** Of them, persons whose first event ever fell in the period. */
  newUsers: number;
  events: number;
  /** Σ over persons of (their events)²: with `events` and `activeUsers`, the spread of events per person. */
  eventsSquared: number;
}

/** Persons who did one event type in each period (and the type's events). */
export interface EventTypeReach {
  eventType: string;
  currentUsers: number;
  previousUsers: number;
  currentEvents: number;
  previousEvents: number;
}

export interface UserBehaviourInput {
  current: PeriodActivity;
  previous: PeriodActivity;
  eventTypes: readonly EventTypeReach[];
  /** Sessions as the processor cut them, when the tenant sends session ids. */
  sessions?: { current: SessionSummary; previous: SessionSummary };
  /** Fewer persons (or sessions) than this in either period say nothing. */
  minUsers?: number;
  /** Event types reported per direction (growing, declining), the largest changes first. */
  maxEventTypes?: number;
}

/**
 * How the tenant's users changed against the previous period of equal length: active users (Poisson count
 * test), the share of them who were returning rather than new (two-proportion test), events per active user
 * (unequal-variance z-test on per-person counts, so a few heavy users cannot fake a trend), the share of
 * active users reaching each event type (two-proportion test: adoption, not volume) and the bounce rate.
 * A decline ranks at its size; a growth is good news and ranks a tenth as high.
 */
export function userBehaviourInsights(input: UserBehaviourInput): Insight[] {
  const minUsers = input.minUsers ?? 30;
  const { current, previous } = input;
  if (current.activeUsers < minUsers || previous.activeUsers < minUsers)
    return [];
  return [
    activeUsersChange(current, previous),
    returningShareChange(current, previous),
    eventsPerUserChange(current, previous),
    ...eventTypeChanges(input, minUsers),
    ...bounceRateChange(input.sessions, minUsers),
  ].filter((insight): insight is Insight => insight !== undefined);
}

function activeUsersChange(
  current: PeriodActivity,
  previous: PeriodActivity,
): Insight | undefined {
  if (current.activeUsers === previous.activeUsers) return undefined;
  const { z, confidence } = countChange(
    current.activeUsers,
    previous.activeUsers,
  );
  const change = current.activeUsers / previous.activeUsers - 1;
  const fell = change < 0;
  return {
    id: 'user_behaviour:active_users_change:all',
    type: 'user_behaviour',
    title: `Active users ${fell ? 'fell' : 'rose'} by ${percent(Math.abs(change))}: ${previous.activeUsers} → ${current.activeUsers}`,
    explanation:
      `${current.activeUsers} persons were active in the period (${current.newUsers} new, ` +
      `${current.activeUsers - current.newUsers} returning), against ${previous.activeUsers} in the previous period ` +
      `(${previous.newUsers} new, ${previous.activeUsers - previous.newUsers} returning).`,
    recommendation: fell
      ? 'See whether new or returning users fell: fewer new users points at acquisition (campaigns, sign-up), fewer returning ones at retention (onboarding, notifications, a broken release).'
      : 'Find what brought the new users (campaign, channel, release) and check in the retention report that they come back.',
    ...rankedImpact(
      fell,
      Math.abs(current.activeUsers - previous.activeUsers) /
        Math.max(current.activeUsers, previous.activeUsers),
    ),
    confidence: roundTo(confidence, 4),
    supportingData: {
      activeUsers: current.activeUsers,
      previousActiveUsers: previous.activeUsers,
      newUsers: current.newUsers,
      previousNewUsers: previous.newUsers,
      change: roundTo(change, 4),
      z: roundTo(z, 3),
    },
  };
}

function returningShareChange(
  current: PeriodActivity,
  previous: PeriodActivity,
): Insight | undefined {
  const returning = current.activeUsers - current.newUsers;
  const previousReturning = previous.activeUsers - previous.newUsers;
  const now = returning / current.activeUsers;
  const before = previousReturning / previous.activeUsers;
  if (now === before) return undefined;
  const { z, confidence } = proportionChange(
    returning,
    current.activeUsers,
    previousReturning,
    previous.activeUsers,
  );
  const fell = now < before;
  return {
    id: 'user_behaviour:returning_share_change:all',
    type: 'user_behaviour',
    title: `Returning users made up ${percent(now)} of active users, against ${percent(before)}`,
    explanation:
      `${returning} of the ${current.activeUsers} active persons had been seen before the period (${percent(now)}), ` +
      `against ${previousReturning} of ${previous.activeUsers} in the previous period (${percent(before)}).`,
    recommendation: fell
      ? 'Fewer users come back: compare the retention of recent cohorts with older ones, and look at what returning users used to do first.'
      : 'More of the activity comes from users who return: find which features they come back for and surface them to new users.',
    ...rankedImpact(fell, Math.abs(now - before)),
    confidence: roundTo(confidence, 4),
    supportingData: {
      returningShare: roundTo(now, 4),
      previousReturningShare: roundTo(before, 4),
      returningUsers: returning,
      previousReturningUsers: previousReturning,
      z: roundTo(z, 3),
    },
  };
}

function eventsPerUserChange(
  current: PeriodActivity,
  previous: PeriodActivity,
): Insight | undefined {
  const now = current.events / current.activeUsers;
  const before = previous.events / previous.activeUsers;
  if (now === before) return undefined;
  const moments = (period: PeriodActivity) => ({
    count: period.activeUsers,
    sum: period.events,
    sumOfSquares: period.eventsSquared,
  });
  const { z, confidence } = meanChange(moments(current), moments(previous));
  const fell = now < before;
  return {
    id: 'user_behaviour:events_per_user_change:all',
    type: 'user_behaviour',
    title: `Events per active user ${fell ? 'fell' : 'rose'} from ${roundTo(before, 2)} to ${roundTo(now, 2)}`,
    explanation:
      `${current.activeUsers} active persons sent ${current.events} events (${roundTo(now, 2)} each), against ` +
      `${previous.events} from ${previous.activeUsers} persons (${roundTo(before, 2)} each) in the previous period.`,
    recommendation: fell
      ? 'Users do less per visit: check the event types below for the features used less, and recent changes to them.'
      : 'Users do more: see which event types grew, and whether it is engagement or repeated attempts (errors, retries).',
    ...rankedImpact(fell, Math.abs(now - before) / before),
    confidence: roundTo(confidence, 4),
    supportingData: {
      eventsPerUser: roundTo(now, 4),
      previousEventsPerUser: roundTo(before, 4),
      events: current.events,
      previousEvents: previous.events,
      z: roundTo(z, 3),
    },
  };
}

function eventTypeChanges(
  input: UserBehaviourInput,
  minUsers: number,
): Insight[] {
  const { current, previous } = input;
  const found = input.eventTypes.flatMap((type): Insight[] => {
    if (Math.max(type.currentUsers, type.previousUsers) < minUsers) return [];
    const now = type.currentUsers / current.activeUsers;
    const before = type.previousUsers / previous.activeUsers;
    if (now === before) return [];
    const { z, confidence } = proportionChange(
      type.currentUsers,
      current.activeUsers,
      type.previousUsers,
      previous.activeUsers,
    );
    const fell = now < before;
    return [
      {
        id: `user_behaviour:event_type_reach:${type.eventType}`,
        type: 'user_behaviour',
        title: `${percent(now)} of active users did ${type.eventType}, against ${percent(before)}`,
        explanation:
          `${type.currentUsers} of ${current.activeUsers} active persons sent ${type.eventType} ` +
          `(${type.currentEvents} events), against ${type.previousUsers} of ${previous.activeUsers} ` +
          `(${type.previousEvents} events) in the previous period.`,
        recommendation: fell
          ? `Fewer users reach ${type.eventType}: check the path to it (funnel report) and releases touching it.`
          : `${type.eventType} reaches more users: find what drove it and whether the next step of the journey keeps up.`,
        ...rankedImpact(fell, Math.abs(now - before)),
        confidence: roundTo(confidence, 4),
        supportingData: {
          eventType: type.eventType,
          userShare: roundTo(now, 4),
          previousUserShare: roundTo(before, 4),
          users: type.currentUsers,
          previousUsers: type.previousUsers,
          events: type.currentEvents,
          previousEvents: type.previousEvents,
          z: roundTo(z, 3),
        },
      },
    ];
  });
  const largestFirst = (a: Insight, b: Insight) =>
    Math.abs(Number(b.supportingData['z'])) -
      Math.abs(Number(a.supportingData['z'])) || a.id.localeCompare(b.id);
  const maxEventTypes = input.maxEventTypes ?? 5;
  const direction = (growing: boolean) =>
    found
      .filter(
        (insight) =>
          Number(insight.supportingData['userShare']) >
            Number(insight.supportingData['previousUserShare']) ===
          growing,
      )
      .sort(largestFirst)
      .slice(0, maxEventTypes);
  return [...direction(true), ...direction(false)];
}

function bounceRateChange(
  sessions: UserBehaviourInput['sessions'],
  minSessions: number,
): Insight[] {
  if (sessions === undefined) return [];
  const { current, previous } = sessions;
  if (
    current.sessions < minSessions ||
    previous.sessions < minSessions ||
    current.bounceRate === null ||
    previous.bounceRate === null ||
    current.bounceRate === previous.bounceRate
  )
    return [];
  const bounces = Math.round(current.bounceRate * current.sessions);
  const previousBounces = Math.round(previous.bounceRate * previous.sessions);
  const { z, confidence } = proportionChange(
    bounces,
    current.sessions,
    previousBounces,
    previous.sessions,
  );
  const rose = current.bounceRate > previous.bounceRate;
  return [
    {
      id: 'user_behaviour:bounce_rate_change:all',
      type: 'user_behaviour',
      title: `The bounce rate ${rose ? 'rose' : 'fell'} from ${percent(previous.bounceRate)} to ${percent(current.bounceRate)}`,
      explanation:
        `${bounces} of ${current.sessions} sessions had a single event, against ${previousBounces} of ` +
        `${previous.sessions} in the previous period; sessions lasted ${roundTo(current.averageDurationSeconds ?? 0, 1)} s ` +
        `on average, against ${roundTo(previous.averageDurationSeconds ?? 0, 1)} s.`,
      recommendation: rose
        ? 'More sessions end after one event: check the landing pages and traffic sources of the period (a campaign sending the wrong audience, a slow or broken first page).'
        : 'Fewer sessions end at once: keep what changed on the entry pages.',
      ...rankedImpact(rose, Math.abs(current.bounceRate - previous.bounceRate)),
      confidence: roundTo(confidence, 4),
      supportingData: {
        bounceRate: roundTo(current.bounceRate, 4),
        previousBounceRate: roundTo(previous.bounceRate, 4),
        sessions: current.sessions,
        previousSessions: previous.sessions,
        averageDurationSeconds: current.averageDurationSeconds,
        previousAverageDurationSeconds: previous.averageDurationSeconds,
        z: roundTo(z, 3),
      },
    },
  ];
}

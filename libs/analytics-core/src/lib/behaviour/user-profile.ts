import { toEpochMilliseconds, type Instant } from '../time-zone';
import { compareCodePoints } from './behaviour-event';
import { engagementScore, type EngagementActivity } from './engagement-score';
import { displayedTraits, mergeTraits, type IdentifyTraits } from './person-traits';

export const PROFILE_TOP_EVENT_TYPES = 20;

/** A value and how many of the person's events carry it (event type, channel, device type). */
export interface ValueCount {
  value: string;
  count: number;
}

/** What the profile query reads for one person (all ids linked to them). */
export interface UserProfileRows {
  firstSeen: Instant | null;
  lastSeen: Instant | null;
  events: number;
  sessions: number;
  eventTypes: readonly ValueCount[];
  channels: readonly ValueCount[];
  deviceTypes: readonly ValueCount[];
  identifies: readonly IdentifyTraits[];
  engagement: EngagementActivity;
}

export interface UserProfile {
  traits: Record<string, unknown>;
  firstSeen: string | null;
  lastSeen: string | null;
  eventCount: number;
  sessionCount: number;
  /** Most frequent first (ties: type in code-point order), at most PROFILE_TOP_EVENT_TYPES. */
  eventTypes: Array<{ eventType: string; count: number }>;
  preferredChannel: string | null;
  preferredDevice: string | null;
  engagement: EngagementActivity & { score: number };
}

/** The profile from the query's rows: traits merged, counts ranked, preferred values picked. */
export function assembleUserProfile(rows: UserProfileRows): UserProfile {
  const iso = (instant: Instant | null) => (instant === null ? null : new Date(toEpochMilliseconds(instant)).toISOString());
  return {
    traits: displayedTraits(mergeTraits(rows.identifies)),
    firstSeen: iso(rows.firstSeen),
    lastSeen: iso(rows.lastSeen),
    eventCount: rows.events,
    sessionCount: rows.sessions,
    eventTypes: rankedCounts(rows.eventTypes)
      .slice(0, PROFILE_TOP_EVENT_TYPES)
      .map((entry) => ({ eventType: entry.value, count: entry.count })),
    preferredChannel: mostFrequent(rows.channels),
    preferredDevice: mostFrequent(rows.deviceTypes),
    engagement: { ...rows.engagement, score: engagementScore(rows.engagement) },
  };
}

/** The value with the highest count; ties go to the first in code-point order, so the answer is stable. */
export function mostFrequent(counts: readonly ValueCount[]): string | null {
  return rankedCounts(counts)[0]?.value ?? null;
}

function rankedCounts(counts: readonly ValueCount[]): ValueCount[] {
  return counts.filter((entry) => entry.count > 0).sort((a, b) => b.count - a.count || compareCodePoints(a.value, b.value));
}

import { localDateTime, toEpochMilliseconds, wallClockToInstant, type Instant } from '../time-zone';

/** A person's activity over the engagement window (the 30 local days ending with the day asked about). */
export interface EngagementActivity {
  /** Distinct local days (tenant's time zone) with at least one event. */
  activeDays: number;
  /** Distinct sessions with an event in the window. */
  sessions: number;
  events: number;
}

export const ENGAGEMENT_WINDOW_DAYS = 30;

/**
 * Engagement from 0 to 100, each part saturating at a level we call "fully engaged":
 *   40 × min(activeDays / 20, 1) + 30 × min(sessions / 30, 1) + 30 × min(events / 300, 1).
 * Active days weigh most because coming back is a stronger signal than volume. Not rounded: round
 * only for display, so sorting and comparing use the exact value.
 */
export function engagementScore(activity: EngagementActivity): number {
  const part = (value: number, fullAt: number) => Math.min(Math.max(value, 0) / fullAt, 1);
  return 40 * part(activity.activeDays, 20) + 30 * part(activity.sessions, 30) + 30 * part(activity.events, 300);
}

/**
 * ENGAGEMENT_WINDOW_DAYS + 1 instants (epoch ms): the local midnights of the 30 days ending with the day
 * `asOf` falls on (that day included), then the following midnight, in the time zone.
 */
export function engagementWindowBoundaries(asOf: Instant, timeZone: string): number[] {
  const today = localDateTime(toEpochMilliseconds(asOf), timeZone);
  return Array.from({ length: ENGAGEMENT_WINDOW_DAYS + 1 }, (_, index) => {
    const day = new Date(Date.UTC(today.year, today.month - 1, today.day - (ENGAGEMENT_WINDOW_DAYS - 1) + index));
    return wallClockToInstant({ year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate() }, timeZone);
  });
}

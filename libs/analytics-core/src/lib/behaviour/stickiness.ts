import { formatLocalDate, localDateTime, wallClockToInstant } from '../time-zone';
import { BehaviourEvent, epochMs, eventsByPerson } from './behaviour-event';
import { periodIndex, type LocalDate } from './retention';

export const MAX_STICKINESS_WEEKS = 26;
const DAYS_PER_WEEK = 7;

/**
 * 7 × weeks + 1 instants (epoch ms): the local midnights of the days of `weeks` whole ISO weeks from
 * the Monday `firstMonday`, then the end of the last day. A DST day lasts 23 or 25 hours.
 */
export function stickinessDayBoundaries(firstMonday: LocalDate, weeks: number, timeZone: string): number[] {
  if (!Number.isInteger(weeks) || weeks < 1 || weeks > MAX_STICKINESS_WEEKS) throw new RangeError(`weeks must be an integer from 1 to ${MAX_STICKINESS_WEEKS}`);
  const monday = new Date(Date.UTC(firstMonday.year, firstMonday.month - 1, firstMonday.day));
  if (monday.getUTCDay() !== 1) throw new RangeError('firstMonday must be a Monday');
  return Array.from({ length: weeks * DAYS_PER_WEEK + 1 }, (_, index) => {
    const day = new Date(monday);
    day.setUTCDate(day.getUTCDate() + index);
    return wallClockToInstant({ year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate() }, timeZone);
  });
}

/** Persons active on exactly `activeDays` distinct days of week `week` (0-based). What the SQL path returns. */
export interface StickinessCount {
  week: number;
  activeDays: number;
  users: number;
}

export interface StickinessWeek {
  /** Local date of the week's Monday. */
  weekStart: string;
  /** Persons with at least one event in the week (WAU). */
  activeUsers: number;
  /** Index k: persons active on k + 1 distinct days (1 … 7). */
  usersByActiveDays: number[];
  /** Mean active days of the week's active persons; null without any. */
  averageActiveDays: number | null;
  /**
   * Mean daily active persons / weekly active persons. Summing active days over persons equals summing
   * daily actives over days, so this is averageActiveDays / 7.
   */
  dauOverWau: number | null;
}

export interface StickinessResult {
  weeks: StickinessWeek[];
  /** Over all (person, week) pairs of the range: the weekly distributions added up. */
  usersByActiveDays: number[];
  averageActiveDays: number | null;
  dauOverWau: number | null;
}

/** Counts in memory, the reference for the SQL path. Events outside the boundaries are ignored. */
export function stickinessCounts(events: readonly BehaviourEvent[], boundaries: readonly number[]): StickinessCount[] {
  const counts = new Map<string, number>();
  for (const personEvents of eventsByPerson(events).values()) {
    const daysByWeek = new Map<number, Set<number>>();
    for (const event of personEvents) {
      const day = periodIndex(boundaries, epochMs(event));
      if (day === undefined) continue;
      const week = Math.floor(day / DAYS_PER_WEEK);
      const days = daysByWeek.get(week) ?? new Set<number>();
      days.add(day);
      daysByWeek.set(week, days);
    }
    for (const [week, days] of daysByWeek) counts.set(`${week}:${days.size}`, (counts.get(`${week}:${days.size}`) ?? 0) + 1);
  }
  return [...counts].map(([key, users]) => {
    const [week, activeDays] = key.split(':').map(Number);
    return { week, activeDays, users };
  });
}

export function assembleStickiness(boundaries: readonly number[], counts: readonly StickinessCount[], timeZone: string): StickinessResult {
  const weekCount = (boundaries.length - 1) / DAYS_PER_WEEK;
  const distribution = (week?: number) => {
    const users = new Array<number>(DAYS_PER_WEEK).fill(0);
    for (const count of counts) if (week === undefined || count.week === week) users[count.activeDays - 1] += count.users;
    return users;
  };
  const summary = (usersByActiveDays: number[]) => {
    const persons = usersByActiveDays.reduce((sum, users) => sum + users, 0);
    const activeDays = usersByActiveDays.reduce((sum, users, index) => sum + users * (index + 1), 0);
    const average = persons > 0 ? activeDays / persons : null;
    return { persons, averageActiveDays: average, dauOverWau: average === null ? null : average / DAYS_PER_WEEK };
  };
  const weeks = Array.from({ length: weekCount }, (_, week) => {
    const local = localDateTime(boundaries[week * DAYS_PER_WEEK], timeZone);
    const usersByActiveDays = distribution(week);
    const { persons, averageActiveDays, dauOverWau } = summary(usersByActiveDays);
    return { weekStart: formatLocalDate(local.year, local.month, local.day), activeUsers: persons, usersByActiveDays, averageActiveDays, dauOverWau };
  });
  const total = distribution();
  const { averageActiveDays, dauOverWau } = summary(total);
  return { weeks, usersByActiveDays: total, averageActiveDays, dauOverWau };
}

export function computeStickiness(events: readonly BehaviourEvent[], boundaries: readonly number[], timeZone: string): StickinessResult {
  return assembleStickiness(boundaries, stickinessCounts(events, boundaries), timeZone);
}

import { formatLocalDate, localDateTime, wallClockToInstant } from '../time-zone';
import { BehaviourEvent, epochMs, eventsByPerson } from './behaviour-event';
import { EventMatcher, matchesEvent } from './property-filter';

export const RETENTION_PERIODS = ['day', 'week', 'month'] as const;
export type RetentionPeriod = (typeof RETENTION_PERIODS)[number];
/** Upper bound on N: the matrix has N(N + 1)/2 cells. */
export const MAX_RETENTION_PERIODS = 90;

export interface RetentionDefinition {
  /** A person's cohort is the period of their first event matching this; their first event of any kind when absent ("first seen"). */
  cohortEvent?: EventMatcher;
  /** What counts as coming back; any event when absent. */
  returnEvent?: EventMatcher;
}

export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

/**
 * N + 1 instants (epoch ms): the starts of N consecutive periods in the time zone, the first being the
 * period that contains `start`, then the end of the last. Days begin at local midnight (a DST day lasts
 * 23 or 25 hours), weeks on Monday, months on the 1st.
 */
export function retentionPeriodBoundaries(start: LocalDate, period: RetentionPeriod, periods: number, timeZone: string): number[] {
  if (!Number.isInteger(periods) || periods < 1 || periods > MAX_RETENTION_PERIODS) {
    throw new RangeError(`periods must be an integer from 1 to ${MAX_RETENTION_PERIODS}`);
  }
  const first = new Date(Date.UTC(start.year, start.month - 1, start.day));
  if (period === 'week') first.setUTCDate(first.getUTCDate() - ((first.getUTCDay() + 6) % 7));
  if (period === 'month') first.setUTCDate(1);
  return Array.from({ length: periods + 1 }, (_, index) => {
    const wall = new Date(first);
    if (period === 'day') wall.setUTCDate(wall.getUTCDate() + index);
    if (period === 'week') wall.setUTCDate(wall.getUTCDate() + 7 * index);
    if (period === 'month') wall.setUTCMonth(wall.getUTCMonth() + index);
    return wallClockToInstant({ year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate() }, timeZone);
  });
}

/** Index i of the period with boundaries[i] <= at < boundaries[i + 1], or undefined outside them (SQL `width_bucket` − 1). */
export function periodIndex(boundaries: readonly number[], at: number): number | undefined {
  if (at < boundaries[0] || at >= boundaries[boundaries.length - 1]) return undefined;
  let low = 0;
  let high = boundaries.length - 1;
  while (high - low > 1) {
    const middle = (low + high) >> 1;
    if (boundaries[middle] <= at) low = middle;
    else high = middle;
  }
  return low;
}

/** Persons of cohort `cohort` active in period cohort + offset (offset 0: the cohort's size). What the SQL path returns. */
export interface RetentionCount {
  cohort: number;
  offset: number;
  users: number;
}

export interface RetentionCohort {
  /** Local date the cohort's period begins on (YYYY-MM-DD). */
  periodStart: string;
  size: number;
  /** Index k: persons who came back k periods after their cohort's (index 0 = size); only periods that have begun within the N. */
  counts: number[];
  /** counts / size (0 for an empty cohort). */
  percentages: number[];
}

export interface RetentionResult {
  cohorts: RetentionCohort[];
}

/**
 * Cohort counts in memory, the reference for the SQL path. Pass the persons' whole history up to the
 * last boundary: someone first seen before the first period belongs to no cohort.
 */
export function retentionCounts(events: readonly BehaviourEvent[], definition: RetentionDefinition, boundaries: readonly number[]): RetentionCount[] {
  const counts = new Map<string, number>();
  const bump = (cohort: number, offset: number) => counts.set(`${cohort}:${offset}`, (counts.get(`${cohort}:${offset}`) ?? 0) + 1);
  const end = boundaries[boundaries.length - 1];
  for (const personEvents of eventsByPerson(events).values()) {
    const entry = personEvents.find((event) => epochMs(event) < end && (definition.cohortEvent === undefined || matchesEvent(event, definition.cohortEvent)));
    const cohort = entry === undefined ? undefined : periodIndex(boundaries, epochMs(entry));
    if (cohort === undefined) continue;
    bump(cohort, 0);
    const returned = new Set<number>();
    for (const event of personEvents) {
      const index = periodIndex(boundaries, epochMs(event));
      if (index === undefined || index <= cohort) continue;
      if (definition.returnEvent === undefined || matchesEvent(event, definition.returnEvent)) returned.add(index);
    }
    for (const index of returned) bump(cohort, index - cohort);
  }
  return [...counts].map(([key, users]) => {
    const [cohort, offset] = key.split(':').map(Number);
    return { cohort, offset, users };
  });
}

/** The matrix from counts: one row per period, each as long as the periods that follow it within the N. */
export function assembleRetention(boundaries: readonly number[], counts: readonly RetentionCount[], timeZone: string): RetentionResult {
  const periods = boundaries.length - 1;
  const lookup = new Map(counts.map((count) => [`${count.cohort}:${count.offset}`, count.users]));
  return {
    cohorts: Array.from({ length: periods }, (_, cohort) => {
      const local = localDateTime(boundaries[cohort], timeZone);
      const size = lookup.get(`${cohort}:0`) ?? 0;
      const row = Array.from({ length: periods - cohort }, (_, offset) => lookup.get(`${cohort}:${offset}`) ?? 0);
      return {
        periodStart: formatLocalDate(local.year, local.month, local.day),
        size,
        counts: row,
        percentages: row.map((users) => (size > 0 ? users / size : 0)),
      };
    }),
  };
}

export function computeRetention(events: readonly BehaviourEvent[], definition: RetentionDefinition, boundaries: readonly number[], timeZone: string): RetentionResult {
  return assembleRetention(boundaries, retentionCounts(events, definition, boundaries), timeZone);
}

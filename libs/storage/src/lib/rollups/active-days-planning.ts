import { activeDayWords, localDayOfYear } from '@pulse/analytics-core';

/** A stored event as active-day tracking sees it. */
export interface ActiveDaySource {
  occurredAt: Date;
  /** Null for machine events: nobody to remember. */
  userKey: string | null;
}

/** The local days of one tenant-local year on which one person had events of a batch, as bitmap words. */
export interface PersonActiveDaysInput {
  tenantId: string;
  year: number;
  userKey: string;
  /** ACTIVE_DAY_WORDS signed 64-bit words (see analytics-core `person-active-days`). */
  words: bigint[];
}

/**
 * One row per (year, person) of one tenant's NEW events, the days cut in the tenant's time zone. The
 * store ORs these words into what it had.
 */
export function planActiveDays(tenant: { id: string; timeZone: string }, sources: readonly ActiveDaySource[]): PersonActiveDaysInput[] {
  const days = new Map<string, { year: number; userKey: string; dayIndexes: Set<number> }>();
  for (const source of sources) {
    if (source.userKey === null) continue;
    const { year, dayIndex } = localDayOfYear(source.occurredAt, tenant.timeZone);
    const key = JSON.stringify([year, source.userKey]);
    let person = days.get(key);
    if (person === undefined) {
      person = { year, userKey: source.userKey, dayIndexes: new Set() };
      days.set(key, person);
    }
    person.dayIndexes.add(dayIndex);
  }
  return [...days.values()].map(({ year, userKey, dayIndexes }) => ({ tenantId: tenant.id, year, userKey, words: activeDayWords(dayIndexes) }));
}

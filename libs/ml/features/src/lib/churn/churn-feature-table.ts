import { balance, logCount, rollingSums } from '../feature-scales';
import type { FeatureTable } from '../feature-table';
import { CHURN_OBSERVATION, CHURN_WINDOW_DAYS, type PersonActivity } from './churn-observation';

/** The churn model's features, in column order. */
export const CHURN_FEATURES = [
  'days_since_last_event',
  'active_days',
  'active_periods',
  'events',
  'activity_trend',
  'sessions',
  'conversions',
  'escalations',
] as const;

export type ChurnFeature = (typeof CHURN_FEATURES)[number];

/** Features the model reads as log(1 + n); the others it reads as they are. */
export const CHURN_LOG_FEATURES: ReadonlySet<ChurnFeature> = new Set(['events', 'sessions', 'conversions', 'escalations']);

/** A model value back on the readable scale (e.g. a training mean of log(1 + events) as a count of events). */
export function churnReadableValue(feature: ChurnFeature, modelValue: number): number {
  return CHURN_LOG_FEATURES.has(feature) ? Math.expm1(modelValue) : modelValue;
}

/** Periods in each half of the trend's comparison: the latest two weeks against the two before. */
const TREND_PERIODS = CHURN_OBSERVATION.periods / 2;

/**
 * One row per person:
 * - `days_since_last_event` (recency, 0 … 28), `active_days` (0 … 28), `active_periods` (weeks with any event, 1 … 4);
 * - `events`, `sessions`, `conversions`, `escalations`: counts in the window, model value log(1 + n);
 * - `activity_trend`: events of the latest two weeks against the two before, a balance in [−1, 1] from the
 *   rolling two-week sums (−1: all activity was in the earlier half; 1: all in the later one).
 */
export function churnFeatureTable(people: readonly PersonActivity[]): FeatureTable {
  const table: FeatureTable = { featureNames: CHURN_FEATURES, keys: [], values: [], readable: [] };
  for (const person of people) {
    assertActivity(person);
    // Oldest period first, so the first rolling sum is the earlier half and the last the latest.
    const chronological = [...person.periodEvents].reverse();
    const halves = rollingSums(chronological, TREND_PERIODS);
    const events = sum(person.periodEvents);
    const activeDays = sum(person.periodActiveDays);
    const activePeriods = person.periodEvents.filter((count) => count > 0).length;
    const trend = balance(halves[halves.length - 1], halves[0]);
    table.keys.push(person.person);
    table.values.push([
      person.daysSinceLastEvent,
      activeDays,
      activePeriods,
      logCount(events),
      trend,
      logCount(person.sessions),
      logCount(person.conversions),
      logCount(person.escalations),
    ]);
    table.readable.push([person.daysSinceLastEvent, activeDays, activePeriods, events, trend, person.sessions, person.conversions, person.escalations]);
  }
  return table;
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function assertActivity(person: PersonActivity): void {
  const periods = CHURN_OBSERVATION.periods;
  if (person.periodEvents.length !== periods || person.periodActiveDays.length !== periods) {
    throw new RangeError(`${person.person}: ${periods} periods of events and of active days are needed`);
  }
  if (!(person.daysSinceLastEvent >= 0 && person.daysSinceLastEvent <= CHURN_WINDOW_DAYS)) {
    throw new RangeError(`${person.person}: days since the last event must be within 0 … ${CHURN_WINDOW_DAYS}, got ${person.daysSinceLastEvent}`);
  }
  person.periodActiveDays.forEach((days) => {
    if (!(Number.isInteger(days) && days >= 0 && days <= CHURN_OBSERVATION.periodDays)) {
      throw new RangeError(`${person.person}: active days per period must be 0 … ${CHURN_OBSERVATION.periodDays}, got ${days}`);
    }
  });
}

import { formatLocalDate, formatUtcOffset, Instant, localDateTime } from './time-zone';

/**
 * Working hours in the tenant's local time. `startHour` is inclusive and `endHour` exclusive, so the
 * default 9–18 means 09:00–17:59. A start after the end (22–6) is a night shift that wraps past
 * midnight; the working-day check then uses the calendar day of the instant itself.
 */
export interface BusinessHours {
  startHour: number;
  endHour: number;
  /** ISO days of week, 1 = Monday … 7 = Sunday. */
  workingDays: readonly number[];
}

export const DEFAULT_BUSINESS_HOURS: BusinessHours = Object.freeze({
  startHour: 9,
  endHour: 18,
  workingDays: Object.freeze([1, 2, 3, 4, 5]),
});

export interface TimeContext {
  /** Local calendar date, YYYY-MM-DD. */
  localDate: string;
  /** 0–23, local. */
  hourOfDay: number;
  /** ISO 8601: 1 = Monday … 7 = Sunday, local. */
  dayOfWeek: number;
  isBusinessHours: boolean;
  /** The zone's offset from UTC at this instant, e.g. +05:45. */
  utcOffset: string;
}

export function timeContext(
  instant: Instant,
  timeZone: string,
  businessHours: BusinessHours = DEFAULT_BUSINESS_HOURS,
): TimeContext {
  const local = localDateTime(instant, timeZone);
  return {
    localDate: formatLocalDate(local.year, local.month, local.day),
    hourOfDay: local.hour,
    dayOfWeek: local.dayOfWeek,
    isBusinessHours: isWithinBusinessHours(local.dayOfWeek, local.hour, businessHours),
    utcOffset: formatUtcOffset(local.offsetMs),
  };
}

export function isWithinBusinessHours(
  dayOfWeek: number,
  hourOfDay: number,
  businessHours: BusinessHours = DEFAULT_BUSINESS_HOURS,
): boolean {
  // The default is known to be valid; skip the check on the per-event path.
  if (businessHours !== DEFAULT_BUSINESS_HOURS) assertValidBusinessHours(businessHours);
  if (!businessHours.workingDays.includes(dayOfWeek)) return false;
  const { startHour, endHour } = businessHours;
  return startHour < endHour
    ? hourOfDay >= startHour && hourOfDay < endHour
    : hourOfDay >= startHour || hourOfDay < endHour;
}

function assertValidBusinessHours({ startHour, endHour, workingDays }: BusinessHours): void {
  const isHour = (hour: number, max: number) => Number.isInteger(hour) && hour >= 0 && hour <= max;
  if (!isHour(startHour, 23) || !isHour(endHour, 24) || startHour === endHour) {
    throw new RangeError(`Invalid business hours ${startHour}–${endHour}: need whole hours, start ≠ end`);
  }
  if (workingDays.some((day) => !Number.isInteger(day) || day < 1 || day > 7)) {
    throw new RangeError(`Invalid working days ${workingDays.join(',')}: use ISO days 1–7`);
  }
}

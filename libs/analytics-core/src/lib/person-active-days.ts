import { localDateTime, wallClockToInstant, type Instant } from './time-zone';

/**
 * A person's active days of one tenant-local calendar year as a bitmap: bit `index % 64` of word
 * `index / 64` is set when the person had an event on the local day with that day-of-year index
 * (0 = 1 January … 365 = 31 December of a leap year). Words are signed 64-bit values, as PostgreSQL's
 * bigint holds them (bit 63 is the sign bit). Distinct persons active on some day of a range are then
 * the rows whose words AND the range's mask are non-zero: one pass over one short row per person.
 */
export const ACTIVE_DAY_WORDS = 6;

const BITS_PER_WORD = 64;
const MS_PER_DAY = 86_400_000;
// BigInt() rather than literals: the workspace compiles to ES2015, which has no bigint literal syntax.
const ZERO = BigInt(0);
const ONE = BigInt(1);

/** The tenant-local calendar year of a day and the day's index in it. */
export interface LocalDayOfYear {
  year: number;
  dayIndex: number;
}

/** The bits of one year's local days (`words` has ACTIVE_DAY_WORDS entries). */
export interface ActiveDayYearMask {
  year: number;
  words: bigint[];
}

/** Index of a calendar date in its year: 1 January → 0, 31 December → 364, or 365 in a leap year. */
export function dayIndexInYear(year: number, month: number, day: number): number {
  return (Date.UTC(year, month - 1, day) - Date.UTC(year, 0, 1)) / MS_PER_DAY;
}

/** The local day an instant falls on in a time zone, as (year, day index). */
export function localDayOfYear(instant: Instant, timeZone: string): LocalDayOfYear {
  const local = localDateTime(instant, timeZone);
  return { year: local.year, dayIndex: dayIndexInYear(local.year, local.month, local.day) };
}

/** Words with only the given days' bits set. */
export function activeDayWords(dayIndexes: Iterable<number>): bigint[] {
  const words = emptyWords();
  for (const index of dayIndexes) setDay(words, index);
  return words;
}

/**
 * Per calendar year touched, the mask of the local days in [from, to), years ascending; years with no
 * day of the range are left out. Undefined unless both ends are the first instant of a local day in
 * `timeZone` (a range with part of a day cannot be answered from whole-day bits).
 */
export function activeDayRangeMasks(from: Date, to: Date, timeZone: string): ActiveDayYearMask[] | undefined {
  const first = localDayStartingAt(from.getTime(), timeZone);
  const end = localDayStartingAt(to.getTime(), timeZone);
  if (first === undefined || end === undefined) return undefined;
  if (from.getTime() >= to.getTime()) return [];
  const masks: ActiveDayYearMask[] = [];
  for (let year = first.year; year <= end.year; year++) {
    const startIndex = year === first.year ? first.dayIndex : 0;
    const endIndex = year === end.year ? end.dayIndex : daysInYear(year);
    if (startIndex >= endIndex) continue;
    const words = emptyWords();
    for (let index = startIndex; index < endIndex; index++) setDay(words, index);
    masks.push({ year, words });
  }
  return masks;
}

/** The local day that starts at `epochMs`, or undefined when `epochMs` is not the first instant of a local day. */
function localDayStartingAt(epochMs: number, timeZone: string): LocalDayOfYear | undefined {
  const local = localDateTime(epochMs, timeZone);
  const dayStart = wallClockToInstant({ year: local.year, month: local.month, day: local.day }, timeZone);
  return dayStart === epochMs ? { year: local.year, dayIndex: dayIndexInYear(local.year, local.month, local.day) } : undefined;
}

function daysInYear(year: number): number {
  return dayIndexInYear(year, 12, 31) + 1;
}

function emptyWords(): bigint[] {
  return Array.from({ length: ACTIVE_DAY_WORDS }, () => ZERO);
}

function setDay(words: bigint[], dayIndex: number): void {
  if (!Number.isInteger(dayIndex) || dayIndex < 0 || dayIndex >= ACTIVE_DAY_WORDS * BITS_PER_WORD) {
    throw new RangeError(`Day index out of range: ${dayIndex}`);
  }
  const word = Math.floor(dayIndex / BITS_PER_WORD);
  // asIntN: bit 63 is bigint's sign bit, as in PostgreSQL.
  words[word] = BigInt.asIntN(64, words[word] | (ONE << BigInt(dayIndex % BITS_PER_WORD)));
}

/** An instant in time: a Date or milliseconds since the Unix epoch (UTC). */
export type Instant = Date | number;

/** A wall-clock reading in some time zone. Months are 1–12; day of week is ISO (1 = Monday … 7 = Sunday). */
export interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  dayOfWeek: number;
  /** Local time minus UTC at this instant, in milliseconds (+05:45 → 20_700_000). */
  offsetMs: number;
}

export interface LocalWallClock {
  year: number;
  month: number;
  day: number;
  hour?: number;
  minute?: number;
}

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;
const MAX_CACHED_MINUTES_PER_ZONE = 4_096;

interface ZoneCache {
  formatter: Intl.DateTimeFormat;
  /** UTC minute number → offset in ms. Formatting costs ~10 µs; the processor calls this per event. */
  offsetByMinute: Map<number, number>;
}

const zoneCaches = new Map<string, ZoneCache>();

export function toEpochMilliseconds(instant: Instant): number {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  if (!Number.isFinite(ms)) throw new RangeError(`Invalid instant: ${String(instant)}`);
  return ms;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    zoneCache(timeZone);
    return true;
  } catch {
    return false;
  }
}

function zoneCache(timeZone: string): ZoneCache {
  let cache = zoneCaches.get(timeZone);
  if (cache === undefined) {
    let formatter: Intl.DateTimeFormat;
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
        hourCycle: 'h23',
      });
    } catch {
      throw new RangeError(`Unknown time zone: ${timeZone}`);
    }
    cache = { formatter, offsetByMinute: new Map() };
    zoneCaches.set(timeZone, cache);
  }
  return cache;
}

function computeOffsetMs(formatter: Intl.DateTimeFormat, epochMs: number): number {
  const fields: Record<string, number> = {};
  for (const part of formatter.formatToParts(epochMs)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const wallClockAsUtc = Date.UTC(
    fields['year'],
    fields['month'] - 1,
    fields['day'],
    fields['hour'] % 24,
    fields['minute'],
    fields['second'],
  );
  const wholeSecond = Math.floor(epochMs / 1000) * 1000;
  return wallClockAsUtc - wholeSecond;
}

/**
 * Local time minus UTC at an instant, in milliseconds. Cached per UTC minute: every transition since
 * 1972 happens on a whole minute, and offsets that are not whole minutes (pre-1972 local mean times)
 * are never cached.
 */
export function timeZoneOffsetMs(instant: Instant, timeZone: string): number {
  const epochMs = toEpochMilliseconds(instant);
  const cache = zoneCache(timeZone);
  const minute = Math.floor(epochMs / MS_PER_MINUTE);
  const cached = cache.offsetByMinute.get(minute);
  if (cached !== undefined) return cached;
  const offset = computeOffsetMs(cache.formatter, minute * MS_PER_MINUTE);
  if (offset % MS_PER_MINUTE !== 0) return computeOffsetMs(cache.formatter, epochMs);
  if (cache.offsetByMinute.size >= MAX_CACHED_MINUTES_PER_ZONE) cache.offsetByMinute.clear();
  cache.offsetByMinute.set(minute, offset);
  return offset;
}

export function localDateTime(instant: Instant, timeZone: string): LocalDateTime {
  const epochMs = toEpochMilliseconds(instant);
  const offsetMs = timeZoneOffsetMs(epochMs, timeZone);
  const local = new Date(epochMs + offsetMs);
  const weekday = local.getUTCDay();
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
    millisecond: local.getUTCMilliseconds(),
    dayOfWeek: weekday === 0 ? 7 : weekday,
    offsetMs,
  };
}

/**
 * The first instant (minute resolution) in (from, to] whose offset differs from the offset at `from`,
 * or undefined when the offset is the same throughout. Assumes at most one transition in the range.
 */
export function findOffsetTransition(from: number, to: number, timeZone: string): number | undefined {
  const offsetAtStart = timeZoneOffsetMs(from, timeZone);
  if (timeZoneOffsetMs(to, timeZone) === offsetAtStart) return undefined;
  let unchanged = Math.floor(from / MS_PER_MINUTE);
  let changed = Math.ceil(to / MS_PER_MINUTE);
  while (changed - unchanged > 1) {
    const middle = Math.floor((unchanged + changed) / 2);
    if (timeZoneOffsetMs(middle * MS_PER_MINUTE, timeZone) === offsetAtStart) unchanged = middle;
    else changed = middle;
  }
  return Math.max(from, Math.min(to, changed * MS_PER_MINUTE));
}

/**
 * The instant at which a zone's clocks read the given wall-clock time. When the reading happens twice
 * (clocks go back) the earlier instant; when it never happens (clocks go forward over it) the first
 * instant after the gap, so the start of a local day or hour is the first instant that belongs to it.
 */
export function wallClockToInstant(wallClock: LocalWallClock, timeZone: string): number {
  const asUtc = Date.UTC(
    wallClock.year,
    wallClock.month - 1,
    wallClock.day,
    wallClock.hour ?? 0,
    wallClock.minute ?? 0,
  );
  // Offsets in force a day either side; a real zone changes offset at most once in that window.
  const offsetBefore = timeZoneOffsetMs(asUtc - MS_PER_DAY, timeZone);
  const offsetAfter = timeZoneOffsetMs(asUtc + MS_PER_DAY, timeZone);
  const candidates = [asUtc - offsetBefore, asUtc - offsetAfter]
    .filter((candidate) => candidate + timeZoneOffsetMs(candidate, timeZone) === asUtc)
    .sort((a, b) => a - b);
  if (candidates.length > 0) return candidates[0];
  const gapStart = Math.min(asUtc - offsetBefore, asUtc - offsetAfter);
  const gapEnd = Math.max(asUtc - offsetBefore, asUtc - offsetAfter);
  return findOffsetTransition(gapStart, gapEnd, timeZone) ?? gapEnd;
}

export function formatLocalDate(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** +05:45, -04:00, +00:00 (ISO 8601 offset). */
export function formatUtcOffset(offsetMs: number): string {
  const totalMinutes = Math.round(Math.abs(offsetMs) / MS_PER_MINUTE);
  const sign = offsetMs < 0 ? '-' : '+';
  return `${sign}${pad(Math.floor(totalMinutes / 60), 2)}:${pad(totalMinutes % 60, 2)}`;
}

export function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

import {
  formatUtcOffset,
  isValidTimeZone,
  localDateTime,
  timeZoneOffsetMs,
  toEpochMilliseconds,
  wallClockToInstant,
} from './time-zone';

const at = (iso: string) => Date.parse(iso);
const HOUR = 3_600_000;

describe('time zone arithmetic', () => {
  it('reads offsets that are not whole hours: Kathmandu +05:45, Kolkata +05:30, St Johns -03:30', () => {
    expect(timeZoneOffsetMs(at('2026-03-29T00:00:00Z'), 'Asia/Kathmandu')).toBe(5.75 * HOUR);
    expect(timeZoneOffsetMs(at('2026-03-29T00:00:00Z'), 'Asia/Kolkata')).toBe(5.5 * HOUR);
    expect(timeZoneOffsetMs(at('2026-01-15T00:00:00Z'), 'America/St_Johns')).toBe(-3.5 * HOUR);
  });

  it('switches offset at the exact instant of a DST change (Berlin, 2026-03-29 01:00 UTC)', () => {
    expect(timeZoneOffsetMs(at('2026-03-29T00:59:59.999Z'), 'Europe/Berlin')).toBe(HOUR);
    expect(timeZoneOffsetMs(at('2026-03-29T01:00:00Z'), 'Europe/Berlin')).toBe(2 * HOUR);
  });

  it('gives the same offset on repeated calls within a minute (served from the per-minute cache)', () => {
    const first = timeZoneOffsetMs(at('2026-06-01T12:00:05Z'), 'Europe/Berlin');
    expect(timeZoneOffsetMs(at('2026-06-01T12:00:55Z'), 'Europe/Berlin')).toBe(first);
  });

  it('handles historical offsets with seconds exactly (Monrovia 1970, -00:44:30)', () => {
    const local = localDateTime(at('1970-06-01T12:00:00Z'), 'Africa/Monrovia');
    expect(local.offsetMs).toBe(-(44 * 60 + 30) * 1000);
    expect([local.hour, local.minute, local.second]).toEqual([11, 15, 30]);
  });

  it('splits an instant into local fields with ISO day of week', () => {
    expect(localDateTime(at('2026-03-29T23:30:00.250Z'), 'Asia/Kolkata')).toEqual({
      year: 2026,
      month: 3,
      day: 30,
      hour: 5,
      minute: 0,
      second: 0,
      millisecond: 250,
      dayOfWeek: 1,
      offsetMs: 5.5 * HOUR,
    });
  });

  it('maps a wall-clock time that happens twice to the earlier instant (Berlin 2026-10-25 02:30)', () => {
    expect(wallClockToInstant({ year: 2026, month: 10, day: 25, hour: 2, minute: 30 }, 'Europe/Berlin')).toBe(
      at('2026-10-25T00:30:00Z'),
    );
  });

  it('maps a wall-clock time skipped by DST to the first instant after the gap (Berlin 2026-03-29 02:30)', () => {
    expect(wallClockToInstant({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 }, 'Europe/Berlin')).toBe(
      at('2026-03-29T01:00:00Z'),
    );
  });

  it('maps an ordinary wall-clock time to its single instant (New York, EDT)', () => {
    expect(wallClockToInstant({ year: 2026, month: 7, day: 4, hour: 9 }, 'America/New_York')).toBe(
      at('2026-07-04T13:00:00Z'),
    );
  });

  it('formats offsets as ISO 8601', () => {
    expect(formatUtcOffset(5.75 * HOUR)).toBe('+05:45');
    expect(formatUtcOffset(-3.5 * HOUR)).toBe('-03:30');
    expect(formatUtcOffset(0)).toBe('+00:00');
  });

  it('recognises IANA zones and rejects unknown ones', () => {
    expect(isValidTimeZone('Pacific/Kiritimati')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(() => timeZoneOffsetMs(0, 'Mars/Olympus_Mons')).toThrow(RangeError);
  });

  it('accepts Dates and epoch milliseconds alike, and rejects invalid dates', () => {
    expect(toEpochMilliseconds(new Date('2026-01-01T00:00:00Z'))).toBe(at('2026-01-01T00:00:00Z'));
    expect(toEpochMilliseconds(42)).toBe(42);
    expect(() => toEpochMilliseconds(new Date('not a date'))).toThrow(RangeError);
    expect(() => toEpochMilliseconds(Number.NaN)).toThrow(RangeError);
  });
});

/**
 * ISO-8601 date-time with a mandatory offset ("Z" or ±hh:mm). Without an offset a timestamp is
 * ambiguous across time zones, and every rollup and session boundary depends on it.
 */
const ISO_TIMESTAMP_WITH_OFFSET =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-](\d{2}):(\d{2}))$/;

/** Same shape without the offset: what Python's naive `datetime.utcnow().isoformat()` produces. */
const ISO_TIMESTAMP_WITHOUT_OFFSET =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?$/;

export function isIsoTimestampWithOffset(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = ISO_TIMESTAMP_WITH_OFFSET.exec(value);
  if (!match) return false;
  const [
    ,
    year,
    month,
    day,
    hour,
    minute,
    second,
    ,
    ,
    offsetHours,
    offsetMinutes,
  ] = match;
  const daysInMonth = new Date(
    Date.UTC(Number(year), Number(month), 0),
  ).getUTCDate();
  return (
    Number(month) >= 1 &&
    Number(month) <= 12 &&
    Number(day) >= 1 &&
    // Date.parse would roll 2025-02-30 over to March 2; a calendar check rejects it.
    Number(day) <= daysInMonth &&
    Number(hour) <= 23 &&
    Number(minute) <= 59 &&
    Number(second) <= 59 &&
    (offsetHours === undefined ||
      (Number(offsetHours) <= 23 && Number(offsetMinutes) <= 59))
  );
}

export function isIsoTimestampWithoutOffset(value: unknown): value is string {
  return typeof value === 'string' && ISO_TIMESTAMP_WITHOUT_OFFSET.test(value);
}

/**
 * Segment's clock-skew correction: the client's clock may be wrong, but the interval between the
 * event and its sending is measured on that one clock, so it is re-anchored on the server's clock:
 * `timestamp = receivedAt - (sentAt - timestamp)`. All three must be valid ISO timestamps.
 */
export function correctClockSkew(times: {
  timestamp: string;
  sentAt: string;
  receivedAt: string;
}): string {
  const delay = Date.parse(times.sentAt) - Date.parse(times.timestamp);
  return isoInstantWithinRange(Date.parse(times.receivedAt) - delay);
}

/** `receivedAt - offsetMs`: PostHog's `offset` says how many milliseconds ago the event happened. */
export function subtractMilliseconds(
  timestamp: string,
  milliseconds: number,
): string {
  return isoInstantWithinRange(Date.parse(timestamp) - milliseconds);
}

/** The instants ISO-8601 writes with a four-digit year, as timestamps are validated: 0000-01-01 to 9999-12-31. */
const FIRST_INSTANT_MS = Date.parse('0000-01-01T00:00:00.000Z');
const LAST_INSTANT_MS = Date.parse('9999-12-31T23:59:59.999Z');

/**
 * The instant as ISO-8601, held to the years 0000–9999: a PostHog `offset` of 1e21 ms (or a skew correction
 * as large) made `toISOString` throw (a 500). Held there, the time is still far outside the accepted window and
 * refused as `maxEventAge` or `maxFutureSkew`, which is what it means.
 */
function isoInstantWithinRange(milliseconds: number): string {
  return new Date(Math.min(Math.max(milliseconds, FIRST_INSTANT_MS), LAST_INSTANT_MS)).toISOString();
}

/**
 * `event_time_chunks` keeps, per (tenant, event type, UTC day), every event's person and millisecond as
 * 8-byte records (int4 person id from `person_ids`, int4 milliseconds since the UTC day began, both
 * big-endian), appended in chunks of at most `EVENT_TIME_CHUNK_RECORDS`. A funnel without property filters
 * reads a few thousand chunks instead of sorting millions of event rows (docs/BENCHMARKS.md).
 */

/** Bytes per record: person id, then milliseconds since the UTC day's start. */
export const EVENT_TIME_RECORD_BYTES = 8;

/**
 * Records per chunk before a new one starts. The processor rewrites the day's last chunk on every batch
 * that adds to it (up to 16 KB); a query over 90 days of 10 M events reads ≈ 3 000 of them.
 */
export const EVENT_TIME_CHUNK_RECORDS = 2048;

const DAY_MS = 86_400_000;

/** A stored event as the event-time chunks see it. */
export interface EventTimeSource {
  tenantId: string;
  type: string;
  occurredAt: Date;
  /** Null for machine events: no person to follow through a funnel. */
  userKey: string | null;
}

/** One (tenant, type, UTC day) of a batch's NEW events: whose events, and when within the day. */
export interface EventTimeGroup {
  tenantId: string;
  eventType: string;
  /** UTC date, YYYY-MM-DD. */
  day: string;
  userKeys: string[];
  msOfDay: number[];
}

export function planEventTimes(sources: readonly EventTimeSource[]): EventTimeGroup[] {
  const groups = new Map<string, EventTimeGroup>();
  for (const source of sources) {
    if (source.userKey === null) continue;
    const at = source.occurredAt.getTime();
    const dayStart = utcDayStartOf(at);
    const day = utcDay(source.occurredAt);
    const key = JSON.stringify([source.tenantId, source.type, day]);
    let group = groups.get(key);
    if (group === undefined) {
      group = { tenantId: source.tenantId, eventType: source.type, day, userKeys: [], msOfDay: [] };
      groups.set(key, group);
    }
    group.userKeys.push(source.userKey);
    group.msOfDay.push(at - dayStart);
  }
  return [...groups.values()];
}

/** The records of a group once its persons have ids. */
export function encodeEventTimes(personIds: readonly number[], msOfDay: readonly number[]): Buffer {
  const bytes = Buffer.allocUnsafe(personIds.length * EVENT_TIME_RECORD_BYTES);
  personIds.forEach((personId, index) => {
    bytes.writeInt32BE(personId, index * EVENT_TIME_RECORD_BYTES);
    bytes.writeInt32BE(msOfDay[index], index * EVENT_TIME_RECORD_BYTES + 4);
  });
  return bytes;
}

/** Epoch milliseconds of a UTC date (YYYY-MM-DD), as the chunks' `day` column reads. */
export function utcDayStartMs(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

/** The UTC date an instant falls on. */
export function utcDay(at: Date): string {
  return new Date(utcDayStartOf(at.getTime())).toISOString().slice(0, 10);
}

function utcDayStartOf(epochMs: number): number {
  return Math.floor(epochMs / DAY_MS) * DAY_MS;
}

import { funnelOutcomesFromTimelines, type FunnelDefinition, type PersonFunnelOutcome, type TypeTimesTable } from '@pulse/analytics-core';
import type { SqlExecutor } from '../../repositories/sql-executor';
import { EVENT_TIME_RECORD_BYTES, utcDay, utcDayStartMs } from '../../rollups/event-times-planning';
import type { FunnelQueryInput } from './raw-funnel.query';
import { SqlParameters } from './sql-parameters';

/** True when the event-time chunks hold all a funnel needs: its steps' and exclusions' types and times, no properties. */
export function readsEventTimes(definition: FunnelDefinition): boolean {
  const matchers = [...definition.steps, ...(definition.exclusions ?? [])];
  return definition.breakdownProperty === undefined && matchers.every((matcher) => (matcher.filters ?? []).length === 0);
}

/** 12 M step events (≈ 240 MB while sorting): 90 days of 10 M events, 6.5 M of them the funnel's types, peaked at 342 MB RSS in all (docs/BENCHMARKS.md). */
export const EVENT_TIMES_FUNNEL_MAX_RECORDS = 12_000_000;

/** Outcomes keyed by person id (as a decimal string), and the persons whose order only their event ids decide. */
export interface EventTimesFunnelRead {
  outcomes: PersonFunnelOutcome[];
  ambiguousPersonIds: number[];
}

interface ChunkRow {
  event_type: string;
  day: string;
  data: Uint8Array;
}

/**
 * A funnel without property filters from `event_time_chunks`: the chunks of the steps' (and exclusions') types on the range's
 * UTC days, decoded into each person's times per type, walked by analytics-core's
 * `funnelOutcomesFromTimelines`. No sort of event rows in the database.
 */
export class EventTimesFunnelQuery {
  /**
   * @param maxRecords most step events in range read into the process (≈ 20 bytes each while sorting): the
   *   default keeps a funnel under ≈ 250 MB on top of the service; more, and the database does the work.
   */
  constructor(
    private readonly sql: SqlExecutor,
    private readonly maxRecords = EVENT_TIMES_FUNNEL_MAX_RECORDS,
  ) {}

  /** Undefined when the range holds more than `maxRecords` step events: the caller reads the events instead. */
  async read(tenantId: string, input: FunnelQueryInput): Promise<EventTimesFunnelRead | undefined> {
    const { steps, conversionWindowMs, startMode, order, exclusions = [] } = input.definition;
    const types = [...new Set([...steps, ...exclusions].map((matcher) => matcher.eventType))];
    const allowed = input.persons === undefined ? undefined : await this.personIdsOf(tenantId, input);
    const table = await this.typeTimesTable(tenantId, types, input, allowed);
    if (table === undefined) return undefined;
    const result = funnelOutcomesFromTimelines(table, {
      types,
      stepTypes: steps.map((step) => types.indexOf(step.eventType)),
      conversionWindowMs,
      startMode,
      order,
      exclusions: exclusions.map(({ eventType, afterStep, beforeStep }) => ({ type: types.indexOf(eventType), afterStep, beforeStep })),
    });
    return { outcomes: result.outcomes, ambiguousPersonIds: result.ambiguous.map(Number) };
  }

  /**
   * The persons' times per type within [from, to). Chunks are fetched a few days at a time (the text answer
   * of one statement stays a few MB) and decoded at once into a slot (person × types + type) and a time per
   * record; then a counting sort by slot keeps the order read (days ascending, so mostly already sorted).
   * Memory: ≈ 20 bytes per event in range while sorting (docs/BENCHMARKS.md).
   */
  private async typeTimesTable(tenantId: string, types: string[], input: FunnelQueryInput, allowed: Set<number> | undefined): Promise<TypeTimesTable | undefined> {
    const days: Array<{ day: string; bytes: string }> = await this.sql.query(
      `SELECT "day"::text AS "day", sum(length("data"))::int8 AS "bytes" FROM "event_time_chunks"
        WHERE "tenant_id" = $1::uuid AND "event_type" = ANY($2::text[]) AND "day" >= $3::date AND "day" <= $4::date
        GROUP BY "day" ORDER BY "day"`,
      [tenantId, types, utcDay(input.from), utcDay(new Date(input.to.getTime() - 1))],
    );
    const capacity = days.reduce((total, day) => total + Number(day.bytes) / EVENT_TIME_RECORD_BYTES, 0);
    if (capacity > this.maxRecords) return undefined;
    const [band]: Array<{ low: number | null; high: number | null }> = await this.sql.query(
      `SELECT min("person_id") AS "low", max("person_id") AS "high" FROM "person_ids" WHERE "tenant_id" = $1::uuid`,
      [tenantId],
    );
    const records = new SlotRecords(capacity, types, input, allowed, new PersonSlots(Number(band.low ?? 0), Number(band.high ?? 0), capacity));
    const fetchSlice = (slice: { first: string; last: string }): Promise<ChunkRow[]> => {
      const rows: Promise<ChunkRow[]> = this.sql.query(
        `SELECT "event_type", "day"::text AS "day", "data" FROM "event_time_chunks"
          WHERE "tenant_id" = $1::uuid AND "event_type" = ANY($2::text[]) AND "day" >= $3::date AND "day" <= $4::date
          ORDER BY "day", "chunk"`,
        [tenantId, types, slice.first, slice.last],
      );
      // Awaited later; if decoding the previous slice throws first, its failure must not go unhandled.
      rows.catch(() => undefined);
      return rows;
    };
    // The database reads and encodes the next slice while this process decodes the current one.
    const slices = daySlices(days);
    let pending = slices.length > 0 ? fetchSlice(slices[0]) : undefined;
    for (let index = 0; pending !== undefined; index++) {
      const rows = await pending;
      pending = index + 1 < slices.length ? fetchSlice(slices[index + 1]) : undefined;
      for (const row of rows) records.add(row);
    }
    return records.table();
  }

  /** The ids of the persons the input is narrowed to (e.g. a segment's members). */
  private async personIdsOf(tenantId: string, input: FunnelQueryInput): Promise<Set<number>> {
    const parameters = new SqlParameters();
    const tenant = parameters.add(tenantId);
    const rows: Array<{ person_id: number }> = await this.sql.query(
      `SELECT p."person_id" FROM "person_ids" p WHERE p."tenant_id" = ${tenant}::uuid AND p."user_key" IN (${input.persons?.sql(tenant, parameters)})`,
      parameters.values,
    );
    return new Set(rows.map((row) => Number(row.person_id)));
  }
}

/** Bytes of chunks fetched per statement: small enough that the text (hex) answer stays a few MB. */
const SLICE_BYTES = 4 * 2 ** 20;

/** Consecutive days grouped into slices of about SLICE_BYTES (a busier day is a slice of its own). */
function daySlices(days: ReadonlyArray<{ day: string; bytes: string }>): Array<{ first: string; last: string }> {
  const slices: Array<{ first: string; last: string }> = [];
  let bytes = 0;
  for (const { day, bytes: dayBytes } of days) {
    const open = slices[slices.length - 1];
    if (open !== undefined && bytes + Number(dayBytes) <= SLICE_BYTES) {
      open.last = day;
      bytes += Number(dayBytes);
    } else {
      slices.push({ first: day, last: day });
      bytes = Number(dayBytes);
    }
  }
  return slices;
}

/**
 * A slot (person index × types + type index) and a time per record within [from, to) of an allowed person.
 * The arrays are sized from the day totals read first; records of a chunk that grew since are left out
 * (they arrived after the funnel's snapshot began).
 */
class SlotRecords {
  private readonly slots: Int32Array;
  private readonly times: Float64Array;
  private count = 0;
  private readonly from: number;
  private readonly to: number;

  constructor(
    capacity: number,
    private readonly types: readonly string[],
    input: FunnelQueryInput,
    private readonly allowed: Set<number> | undefined,
    private readonly persons: PersonSlots,
  ) {
    this.slots = new Int32Array(capacity);
    this.times = new Float64Array(capacity);
    this.from = input.from.getTime();
    this.to = input.to.getTime();
  }

  add(row: ChunkRow): void {
    const { slots, times, from, to, allowed, persons } = this;
    const typeCount = this.types.length;
    const type = this.types.indexOf(row.event_type);
    const dayStart = utcDayStartMs(row.day);
    const bytes = row.data;
    let count = this.count;
    for (let offset = 0; offset < bytes.length && count < slots.length; offset += EVENT_TIME_RECORD_BYTES) {
      const at = dayStart + int32At(bytes, offset + 4);
      if (at < from || at >= to) continue;
      const personId = int32At(bytes, offset);
      if (allowed !== undefined && !allowed.has(personId)) continue;
      const person = persons.indexOf(personId);
      if (person < 0) continue;
      slots[count] = person * typeCount + type;
      times[count] = at;
      count++;
    }
    this.count = count;
  }

  /** Counting sort by slot (stable), then each slot's times in order. */
  table(): TypeTimesTable {
    const typeCount = this.types.length;
    const starts = new Int32Array(this.persons.count * typeCount + 1);
    const { slots, times, count } = this;
    for (let index = 0; index < count; index++) starts[slots[index] + 1]++;
    for (let slot = 1; slot < starts.length; slot++) starts[slot] += starts[slot - 1];
    const sorted = new Float64Array(count);
    const next = starts.slice(0, -1);
    for (let index = 0; index < count; index++) sorted[next[slots[index]]++] = times[index];
    for (let slot = 0; slot + 1 < starts.length; slot++) sortRange(sorted, starts[slot], starts[slot + 1]);
    return { personKeys: this.persons.keys(), typeCount, starts, times: sorted };
  }
}

/**
 * Person indexes for a tenant's person ids. Ids come from one sequence shared by all tenants, so a tenant's
 * usually fill a narrow band: then the index is the id's place in the band, no lookup at all (a Map of
 * 200 k ids costs ≈ 4× more per record), and persons without events in range are empty slots. A band wider
 * than the records (a small tenant among big ones) numbers persons in the order seen, with a Map.
 */
class PersonSlots {
  private readonly direct: boolean;
  private readonly seen: number[] = [];
  private readonly map = new Map<number, number>();

  constructor(
    private readonly low: number,
    private readonly high: number,
    records: number,
  ) {
    this.direct = high - low + 1 <= Math.max(records, 65_536);
  }

  get count(): number {
    return this.direct ? this.high - this.low + 1 : this.seen.length;
  }

  indexOf(personId: number): number {
    // −1: an id past the band, a person first seen after the band was read: its events came after the funnel began.
    if (this.direct) return personId >= this.low && personId <= this.high ? personId - this.low : -1;
    const known = this.map.get(personId);
    if (known !== undefined) return known;
    this.map.set(personId, this.seen.length);
    this.seen.push(personId);
    return this.seen.length - 1;
  }

  /** Person keys (ids as decimal strings) by index. */
  keys(): string[] {
    if (!this.direct) return this.seen.map(String);
    return Array.from({ length: this.count }, (_, index) => String(this.low + index));
  }
}

/** A big-endian int4 (byte reads measured faster than a DataView here, and need no ArrayBuffer of this realm, which jest's Buffers are not). */
function int32At(bytes: Uint8Array, offset: number): number {
  return (bytes[offset] << 24) | (bytes[offset + 1] << 16) | (bytes[offset + 2] << 8) | bytes[offset + 3];
}

/** Insertion sort: a person's times of a type arrive nearly sorted (days in order, appends mostly in order). */
function sortRange(times: Float64Array, from: number, to: number): void {
  for (let index = from + 1; index < to; index++) {
    const time = times[index];
    if (time >= times[index - 1]) continue;
    if (to - from > 64) {
      // Long and out of order: the built-in sort (insertion sort could go quadratic).
      times.subarray(from, to).sort();
      return;
    }
    let hole = index;
    while (hole > from && times[hole - 1] > time) {
      times[hole] = times[hole - 1];
      hole--;
    }
    times[hole] = time;
  }
}

import { funnelOutcomesFromTimelines, type FunnelDefinition, type PersonFunnelOutcome, type PersonTypeTimes } from '@pulse/analytics-core';
import type { SqlExecutor } from '../../repositories/sql-executor';
import { EVENT_TIME_RECORD_BYTES, utcDay, utcDayStartMs } from '../../rollups/event-times-planning';
import type { FunnelQueryInput } from './raw-funnel.query';
import { SqlParameters } from './sql-parameters';

/** True when the event-time chunks hold all a funnel needs: its steps' types and times, no properties. */
export function readsEventTimes(definition: FunnelDefinition): boolean {
  return definition.breakdownProperty === undefined && definition.steps.every((step) => (step.filters ?? []).length === 0);
}

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
 * A funnel without property filters from `event_time_chunks`: the chunks of the steps' types on the range's
 * UTC days, decoded into each person's times per type (a counting sort by person, then by type), walked by
 * analytics-core's `funnelOutcomesFromTimelines`. No sort of event rows in the database.
 */
export class EventTimesFunnelQuery {
  constructor(private readonly sql: SqlExecutor) {}

  async read(tenantId: string, input: FunnelQueryInput): Promise<EventTimesFunnelRead> {
    const { steps, conversionWindowMs } = input.definition;
    const types = [...new Set(steps.map((step) => step.eventType))];
    const allowed = input.persons === undefined ? undefined : await this.personIdsOf(tenantId, input);
    const rows: ChunkRow[] = await this.sql.query(
      `SELECT "event_type", "day"::text AS "day", "data" FROM "event_time_chunks"
        WHERE "tenant_id" = $1::uuid AND "event_type" = ANY($2::text[]) AND "day" >= $3::date AND "day" <= $4::date
        ORDER BY "day", "chunk"`,
      [tenantId, types, utcDay(input.from), utcDay(new Date(input.to.getTime() - 1))],
    );
    const timelines = groupByPerson(rows, types, input.from.getTime(), input.to.getTime(), allowed);
    const result = funnelOutcomesFromTimelines(timelines, {
      types,
      stepTypes: steps.map((step) => types.indexOf(step.eventType)),
      conversionWindowMs,
    });
    return { outcomes: result.outcomes, ambiguousPersonIds: result.ambiguous.map(Number) };
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

/**
 * Each person's times per type within [from, to), ascending. The records are scattered by (person, type)
 * in the order read (days ascending, so mostly already sorted); a list that is not is sorted in place.
 */
function* groupByPerson(rows: readonly ChunkRow[], types: readonly string[], from: number, to: number, allowed: Set<number> | undefined): Generator<PersonTypeTimes> {
  const capacity = rows.reduce((total, row) => total + row.data.byteLength / EVENT_TIME_RECORD_BYTES, 0);
  const denseOf = new Map<number, number>();
  const personIds: number[] = [];
  const persons = new Int32Array(capacity);
  const kinds = new Uint8Array(capacity);
  const times = new Float64Array(capacity);
  let count = 0;
  for (const row of rows) {
    const kind = types.indexOf(row.event_type);
    const dayStart = utcDayStartMs(row.day);
    const view = new DataView(row.data.buffer, row.data.byteOffset, row.data.byteLength);
    for (let offset = 0; offset < row.data.byteLength; offset += EVENT_TIME_RECORD_BYTES) {
      const at = dayStart + view.getInt32(offset + 4);
      if (at < from || at >= to) continue;
      const personId = view.getInt32(offset);
      if (allowed !== undefined && !allowed.has(personId)) continue;
      let dense = denseOf.get(personId);
      if (dense === undefined) {
        dense = personIds.length;
        denseOf.set(personId, dense);
        personIds.push(personId);
      }
      persons[count] = dense;
      kinds[count] = kind;
      times[count] = at;
      count++;
    }
  }
  const typeCount = types.length;
  // Counting sort by (person, type): starts[s] … starts[s + 1] are the times of slot s = person * typeCount + type.
  const starts = new Int32Array(personIds.length * typeCount + 1);
  for (let index = 0; index < count; index++) starts[persons[index] * typeCount + kinds[index] + 1]++;
  for (let slot = 1; slot < starts.length; slot++) starts[slot] += starts[slot - 1];
  const sorted = new Float64Array(count);
  const next = starts.slice(0, -1);
  for (let index = 0; index < count; index++) sorted[next[persons[index] * typeCount + kinds[index]]++] = times[index];
  for (let dense = 0; dense < personIds.length; dense++) {
    const lists: Float64Array[] = [];
    for (let kind = 0; kind < typeCount; kind++) {
      const slot = dense * typeCount + kind;
      lists.push(ascending(sorted.subarray(starts[slot], starts[slot + 1])));
    }
    yield { personKey: String(personIds[dense]), lists };
  }
}

function ascending(list: Float64Array): Float64Array {
  for (let index = 1; index < list.length; index++) {
    if (list[index] < list[index - 1]) return list.sort();
  }
  return list;
}

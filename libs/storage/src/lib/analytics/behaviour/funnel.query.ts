import { funnelStepTotals, type PersonFunnelOutcome } from '@pulse/analytics-core';
import type { SqlExecutor } from '../../repositories/sql-executor';
import { EventTimesFunnelQuery, readsEventTimes } from './event-times-funnel.query';
import type { PersonCondition } from './person-condition';
import { RawFunnelQuery, type DroppedPersonsPage, type FunnelQueryInput, type FunnelTotals } from './raw-funnel.query';

/** Where a funnel was computed from: the stream processor's event-time chunks, or the events themselves. */
export type FunnelPath = 'event_times' | 'raw';

/**
 * Funnels with the meaning of analytics-core's `funnelOutcomes`. Steps and exclusions without property filters and no
 * breakdown read the event-time chunks (`EventTimesFunnelQuery`): exact, because the few persons whose walk
 * depends on event ids (two step events in the same millisecond) are recomputed from their events. Anything
 * else reads the events (`RawFunnelQuery`).
 */
export class FunnelQuery {
  private readonly raw: RawFunnelQuery;
  private readonly eventTimes: EventTimesFunnelQuery;

  /** @param maxEventTimeRecords see EventTimesFunnelQuery. */
  constructor(
    private readonly sql: SqlExecutor,
    maxEventTimeRecords?: number,
  ) {
    this.raw = new RawFunnelQuery(sql);
    this.eventTimes = new EventTimesFunnelQuery(sql, maxEventTimeRecords);
  }

  async stepTotals(tenantId: string, input: FunnelQueryInput): Promise<FunnelTotals & { path: FunnelPath }> {
    const outcomes = readsEventTimes(input.definition) ? await this.outcomesFromEventTimes(tenantId, input) : undefined;
    if (outcomes === undefined) return { ...(await this.raw.stepTotals(tenantId, input)), path: 'raw' };
    const { fast, recomputed } = outcomes;
    return { byBreakdown: funnelStepTotals(fast.concat(recomputed), input.definition.steps.length), overall: [], path: 'event_times' };
  }

  /** Persons who reached step − 1 but not `step`, in key order (code points), a page at a time. */
  async droppedPersons(tenantId: string, input: FunnelQueryInput, step: number, page: { limit: number; offset: number }): Promise<DroppedPersonsPage> {
    if (!Number.isInteger(step) || step < 2 || step > input.definition.steps.length) throw new RangeError(`step must be from 2 to ${input.definition.steps.length}`);
    const outcomes = readsEventTimes(input.definition) ? await this.outcomesFromEventTimes(tenantId, input) : undefined;
    if (outcomes === undefined) return this.raw.droppedPersons(tenantId, input, step, page);
    const { fast, recomputed } = outcomes;
    const dropped = (outcome: PersonFunnelOutcome) => outcome.stepsReached === step - 1;
    const ids = fast.filter(dropped).map((outcome) => Number(outcome.personKey));
    const keys = recomputed.filter(dropped).map((outcome) => outcome.personKey);
    const rows: Array<{ key: string }> = await this.sql.query(
      `SELECT "key" FROM (
          SELECT p."user_key" AS "key" FROM "person_ids" p WHERE p."tenant_id" = $1::uuid AND p."person_id" = ANY($2::int4[])
          UNION ALL SELECT unnest($3::text[])
        ) d ORDER BY "key" COLLATE "C" LIMIT $4::int OFFSET $5::int`,
      [tenantId, ids, keys, page.limit, page.offset],
    );
    return { personKeys: rows.map((row) => row.key), total: ids.length + keys.length };
  }

  /**
   * Outcomes from the chunks (keyed by person id), and from the events for the persons the chunks cannot
   * order (keyed by person key); undefined when the range holds too many events to read into the process.
   */
  private async outcomesFromEventTimes(tenantId: string, input: FunnelQueryInput): Promise<{ fast: PersonFunnelOutcome[]; recomputed: PersonFunnelOutcome[] } | undefined> {
    const read = await this.eventTimes.read(tenantId, input);
    if (read === undefined) return undefined;
    if (read.ambiguousPersonIds.length === 0) return { fast: read.outcomes, recomputed: [] };
    const keys: Array<{ user_key: string }> = await this.sql.query(
      `SELECT "user_key" FROM "person_ids" WHERE "tenant_id" = $1::uuid AND "person_id" = ANY($2::int4[])`,
      [tenantId, read.ambiguousPersonIds],
    );
    const persons: PersonCondition = { sql: (_tenant, parameters) => `SELECT unnest(${parameters.add(keys.map((row) => row.user_key))}::text[])` };
    return { fast: read.outcomes, recomputed: await this.raw.outcomes(tenantId, { ...input, persons }) };
  }
}

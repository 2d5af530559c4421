import type { StoredRollupGranularity } from '../entities/event-rollup.entity';
import { EventRollupRepository } from '../repositories/event-rollup.repository';
import { EventTimesRepository } from '../repositories/event-times.repository';
import { PersonActiveDaysRepository } from '../repositories/person-active-days.repository';
import { PersonFirstSeenRepository } from '../repositories/person-first-seen.repository';
import type { SqlExecutor } from '../repositories/sql-executor';
import { planActiveDays } from './active-days-planning';
import { planEventTimes } from './event-times-planning';
import { planFirstSeen } from './first-seen-planning';
import { planRollups, type RollupSource } from './rollup-planning';

/** What a call changed, for the processor's metrics. */
export interface RecordedSummaries {
  /** Rollup rows created or added to (one per tenant, bucket, event type and dimension values), by granularity. */
  rollupRowsByGranularity: Map<StoredRollupGranularity, number>;
}

/** One tenant's NEW events of a batch, as the summaries see them. */
export interface TenantEventSources {
  tenant: { id: string; timeZone: string; currency: string };
  events: readonly RollupSource[];
}

/**
 * What the stream processor keeps beside the NEW events of a batch, inside the caller's transaction:
 * rollups (per type and all types), persons' first events, their active days and every event's time
 * (the funnel's chunks). One write per table over
 * every tenant, each sorted by key, so concurrent batches lock rows in the same order. Test fixtures call
 * it too, so what they store is what production stores.
 */
export async function recordEventSummaries(sql: SqlExecutor, groups: readonly TenantEventSources[]): Promise<RecordedSummaries> {
  const deltas = groups.flatMap(({ tenant, events }) => planRollups(tenant, events));
  await new EventRollupRepository(sql).applyDeltas(deltas);
  await new PersonFirstSeenRepository(sql).recordFirstSeen(planFirstSeen(groups.flatMap(({ events }) => events)));
  await new PersonActiveDaysRepository(sql).recordActiveDays(groups.flatMap(({ tenant, events }) => planActiveDays(tenant, events)));
  await new EventTimesRepository(sql).appendEventTimes(planEventTimes(groups.flatMap(({ events }) => events)));
  const rollupRowsByGranularity = new Map<StoredRollupGranularity, number>();
  for (const { granularity } of deltas) rollupRowsByGranularity.set(granularity, (rollupRowsByGranularity.get(granularity) ?? 0) + 1);
  return { rollupRowsByGranularity };
}

import type { QueryGranularity } from '../query/metric-query';
import type { QueryPlan } from '../query/query-planner';
import type { QueryIssue } from '../query/query-request-checks';
import type { RollupGranularity } from '../rollup-buckets';

export const RETAINED_ROLLUP_GRANULARITIES = ['minute', 'hour', 'day', 'week', 'month'] as const satisfies readonly RollupGranularity[];

/** How many days a tenant keeps each kind of data; null keeps it forever. */
export interface RetentionPolicy {
  rawEventsDays: number | null;
  rollupDays: Record<RollupGranularity, number | null>;
}

export const KEEP_EVERYTHING: RetentionPolicy = Object.freeze({
  rawEventsDays: null,
  rollupDays: Object.freeze({ minute: null, hour: null, day: null, week: null, month: null }),
});

/** The oldest instant still kept for each kind of data at `now` (null: nothing expires). */
export interface RetentionCutoffs {
  rawEvents: Date | null;
  rollups: Record<RollupGranularity, Date | null>;
}

const DAY_MS = 86_400_000;

export function retentionCutoffs(policy: RetentionPolicy, now: Date): RetentionCutoffs {
  const cutoff = (days: number | null) => (days === null ? null : new Date(now.getTime() - days * DAY_MS));
  return {
    rawEvents: cutoff(policy.rawEventsDays),
    rollups: {
      minute: cutoff(policy.rollupDays.minute),
      hour: cutoff(policy.rollupDays.hour),
      day: cutoff(policy.rollupDays.day),
      week: cutoff(policy.rollupDays.week),
      month: cutoff(policy.rollupDays.month),
    },
  };
}

/** What a query reads: raw events, or rollups of one granularity. */
export type RetainedData = { kind: 'raw' } | { kind: 'rollup'; granularity: RollupGranularity };

/** The '*' rollups a query bucket is tiled from (a quarter: three months). */
const ALL_TYPES_GRANULARITY_FOR: Partial<Record<QueryGranularity, RollupGranularity>> = { hour: 'hour', day: 'day', week: 'week', month: 'month', quarter: 'month' };

/** The data a metric query's plan reads (an all-types plan may fall back to its by-type plan: both count). */
export function dataReadBy(plan: QueryPlan, granularity: QueryGranularity): RetainedData[] {
  if (plan.path === 'raw') return [{ kind: 'raw' }];
  if (plan.rollups === 'by_type') return [{ kind: 'rollup', granularity: plan.granularity }];
  const tiles = ALL_TYPES_GRANULARITY_FOR[granularity];
  return [...(tiles ? [{ kind: 'rollup' as const, granularity: tiles }] : []), ...dataReadBy(plan.fallback, granularity)];
}

/**
 * A range starting before what the tenant still keeps: answered as an issue on `from` ("the data has
 * expired") rather than with zeros that look like no activity.
 */
export function expiredRangeIssue(from: Date, reads: readonly RetainedData[], policy: RetentionPolicy, now: Date): QueryIssue | null {
  const cutoffs = retentionCutoffs(policy, now);
  for (const data of reads) {
    const cutoff = data.kind === 'raw' ? cutoffs.rawEvents : cutoffs.rollups[data.granularity];
    if (cutoff === null || from.getTime() >= cutoff.getTime()) continue;
    const days = data.kind === 'raw' ? policy.rawEventsDays : policy.rollupDays[data.granularity];
    const what = data.kind === 'raw' ? 'raw events' : `${data.granularity} rollups`;
    return {
      field: 'from',
      rule: 'dataExpired',
      message: `from must be on or after ${cutoff.toISOString()}: this tenant keeps ${what} for ${days} days, older data has expired`,
    };
  }
  return null;
}

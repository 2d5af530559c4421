import type { Histogram } from './histogram';
import type { NumericSummary } from './rollup-aggregation';

/**
 * What is left of a rollup's numeric summary once some of its events are removed (a GDPR erase): count, sum and
 * histogram are additive, so the removed events' own summary (`aggregateRollups` over them) is subtracted; min
 * and max are not, so when a removed value was an extreme they must be recomputed from the remaining events.
 */
export type SummaryAfterRemoval =
  | { kind: 'empty' }
  | {
      kind: 'remaining';
      count: number;
      /** Subtract from the stored sum (kept exact by the store's numeric type). */
      removedSum: number;
      histogram: Histogram;
      /** The stored min or max may have been a removed value: recompute both from the remaining events. */
      extremesStale: boolean;
    };

export function removeFromSummary(stored: NumericSummary, removed: NumericSummary): SummaryAfterRemoval {
  const count = stored.count - removed.count;
  if (count <= 0) return { kind: 'empty' };
  return {
    kind: 'remaining',
    count,
    removedSum: removed.sum,
    histogram: subtractHistogram(stored.histogram, removed.histogram),
    extremesStale: removed.min <= stored.min || removed.max >= stored.max,
  };
}

/** Key by key; a bucket left empty disappears, as it would from a histogram built without those values. */
export function subtractHistogram(stored: Histogram, removed: Histogram): Histogram {
  const remaining: Record<string, number> = {};
  for (const [key, count] of Object.entries(stored)) {
    const left = count - (removed[key] ?? 0);
    if (left > 0) remaining[key] = left;
  }
  return remaining;
}

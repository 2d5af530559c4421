import { growthRate } from '../statistics';
import type { QueryBucket } from './bucket-calendar';

/** One aggregated value as either query path returns it. */
export interface MetricResultRow {
  /** Group values in `groupBy` order ([] without group-by). */
  group: Array<string | null>;
  /** Index into the query's buckets, or null for the group's total over the whole range. */
  bucket: number | null;
  value: number;
}

export interface QuerySeriesPoint {
  /** The bucket's first instant, ISO 8601 UTC. */
  bucket: string;
  label: string;
  value: number;
}

export interface QuerySeries {
  /** Group-by field key → value (null: the event has none). `{}` without group-by. */
  group: Record<string, string | null>;
  points: QuerySeriesPoint[];
  /**
   * The metric over the whole range: for counts and sums the sum of the points, for unique users,
   * averages, extremes, percentiles and rates computed over the range (a user active on two days is one user).
   */
  total: number;
}

export interface AssembledQuerySeries {
  series: QuerySeries[];
  /** Groups found before `limit` cut the list. */
  groupCount: number;
}

export interface QuerySeriesAssemblyOptions {
  fillMissing: boolean;
  /** Most series kept: the largest totals, ties by group values. */
  limit: number;
  /** Exactly these groups, in this order (the previous period follows the current one's series). */
  onlyGroups?: ReadonlyArray<Record<string, string | null>>;
}

/**
 * Series from result rows: one per group, points in bucket order, missing buckets as 0 when
 * `fillMissing`. Without group-by there is always one series (all zeros over an empty range).
 */
export function assembleQuerySeries(
  rows: readonly MetricResultRow[],
  buckets: readonly QueryBucket[],
  groupBy: readonly string[],
  options: QuerySeriesAssemblyOptions,
): AssembledQuerySeries {
  const byGroup = new Map<string, { group: Array<string | null>; values: Map<number, number>; total: number }>();
  const entryOf = (group: Array<string | null>) => {
    const id = JSON.stringify(group);
    let entry = byGroup.get(id);
    if (entry === undefined) {
      entry = { group, values: new Map(), total: 0 };
      byGroup.set(id, entry);
    }
    return entry;
  };
  if (groupBy.length === 0) entryOf([]);
  for (const row of rows) {
    const entry = entryOf(row.group);
    if (row.bucket === null) entry.total = row.value;
    else entry.values.set(row.bucket, row.value);
  }

  let entries = [...byGroup.values()];
  const groupCount = entries.length;
  if (options.onlyGroups) {
    entries = options.onlyGroups.map((wanted) => {
      const values = groupBy.map((key) => wanted[key] ?? null);
      return byGroup.get(JSON.stringify(values)) ?? { group: values, values: new Map(), total: 0 };
    });
  } else {
    entries.sort((a, b) => b.total - a.total || compareGroupValues(a.group, b.group));
    entries = entries.slice(0, options.limit);
  }

  const series = entries.map((entry) => ({
    group: Object.fromEntries(groupBy.map((key, index) => [key, entry.group[index] ?? null])),
    points: buckets.flatMap((bucket, index) => {
      const value = entry.values.get(index);
      if (value === undefined && !options.fillMissing) return [];
      return [{ bucket: bucket.start.toISOString(), label: bucket.label, value: value ?? 0 }];
    }),
    total: entry.total,
  }));
  return { series, groupCount };
}

export interface ComparedQuerySeries extends QuerySeries {
  /** This series' total against the previous period's (conversation analytics spec: 0 before → 1.0 if any now, else 0.0). */
  growthRate: number;
}

/**
 * The previous period's series, one per current series and in its order, each with the growth of the
 * current total over the previous one.
 */
export function compareQuerySeries(current: readonly QuerySeries[], previous: readonly QuerySeries[]): ComparedQuerySeries[] {
  return current.map((series, index) => {
    const before = previous[index];
    return { ...before, growthRate: growthRate(series.total, before.total) ?? 0 };
  });
}

/** Group values in order: null sorts last; otherwise by text. */
export function compareGroupValues(a: ReadonlyArray<string | null>, b: ReadonlyArray<string | null>): number {
  for (let index = 0; index < a.length; index++) {
    const left = a[index];
    const right = b[index];
    if (left === right) continue;
    if (left === null) return 1;
    if (right === null) return -1;
    return left < right ? -1 : 1;
  }
  return 0;
}

import { growthRate } from '../statistics';
import type { QueryBucket } from './bucket-calendar';
import type { QueryFormula } from './multi-series-query';
import { evaluateSeriesFormula } from './series-formula';
import { compareGroupValues, type MetricResultRow } from './series-assembly';

export interface MultiSeriesPoint {
  /** The bucket's first instant, ISO 8601 UTC. */
  bucket: string;
  label: string;
  /** Null: no value (an average over no events, a formula dividing by zero). */
  value: number | null;
}

/** One group of one series or formula. */
export interface MultiSeriesGroup {
  group: Record<string, string | null>;
  points: MultiSeriesPoint[];
  total: number | null;
}

export interface ComparedMultiSeriesGroup extends MultiSeriesGroup {
  /** Growth of the current total over this previous one (0 before → 1.0 if any now, else 0.0); null when either total is null. */
  growthRate: number | null;
}

/** One series' result rows, as the executor returns them for each period asked. */
export interface SeriesResultRows {
  label: string;
  /** What a bucket or group without rows is worth (`missingMetricValue`). */
  missingValue: 0 | null;
  /** [current] or [current, previous]. */
  rowsByPeriod: ReadonlyArray<readonly MetricResultRow[]>;
}

export interface AssembledLine {
  label: string;
  /** One entry per group, the same groups in the same order for every series and formula. */
  series: MultiSeriesGroup[];
  /** The previous period, one entry per group, same order; only when compared. */
  comparison?: ComparedMultiSeriesGroup[];
}

export interface AssembledMultiSeries {
  /** Groups found in any series before `limit` cut the list. */
  groupCount: number;
  series: AssembledLine[];
  formulas: AssembledLine[];
}

interface GroupValues {
  values: Map<number, number>;
  total: number | undefined;
}

/**
 * The answer of a multi-series query. Every series and formula lists the same groups: those any series
 * found in the current period, ordered by the first series' totals (largest first, null last), then the
 * next series', then the group values, cut to `limit`. A group or bucket a series has no rows for takes
 * the series' missing value (0 or null). A formula is evaluated per group and bucket on the series'
 * values there, and its total on their totals (orders / visitors over the range, not a sum of ratios);
 * without `fillMissing` a formula has a point where any series it names has one.
 */
export function assembleMultiSeries(
  inputs: readonly SeriesResultRows[],
  formulas: readonly QueryFormula[],
  periods: { current: readonly QueryBucket[]; previous: readonly QueryBucket[] | null },
  groupBy: readonly string[],
  options: { fillMissing: boolean; limit: number },
): AssembledMultiSeries {
  const indexes = inputs.map((input) => input.rowsByPeriod.map(indexByGroup));
  const groups = new Map<string, Array<string | null>>();
  if (groupBy.length === 0) groups.set(JSON.stringify([]), []);
  for (const input of inputs) {
    for (const row of input.rowsByPeriod[0]) {
      const id = JSON.stringify(row.group);
      if (!groups.has(id)) groups.set(id, row.group);
    }
  }
  const totalOf = (seriesIndex: number, id: string) => indexes[seriesIndex][0].get(id)?.total ?? inputs[seriesIndex].missingValue;
  const chosen = [...groups.entries()]
    .sort(([leftId, left], [rightId, right]) => {
      for (let index = 0; index < inputs.length; index++) {
        const order = compareTotals(totalOf(index, leftId), totalOf(index, rightId));
        if (order !== 0) return order;
      }
      return compareGroupValues(left, right);
    })
    .slice(0, options.limit);

  const byLabel = new Map(inputs.map((input, index) => [input.label, index]));
  /** The groups of one line in one period: `value` gives a bucket's value (present: the series had a row), `total` the range's. */
  const line = (
    buckets: readonly QueryBucket[],
    cell: (id: string) => { value(bucket: number): { value: number | null; present: boolean }; total: number | null },
  ): MultiSeriesGroup[] =>
    chosen.map(([id, values]) => {
      const entry = cell(id);
      return {
        group: Object.fromEntries(groupBy.map((key, index) => [key, values[index] ?? null])),
        points: buckets.flatMap((bucket, index) => {
          const point = entry.value(index);
          return point.present || options.fillMissing ? [{ bucket: bucket.start.toISOString(), label: bucket.label, value: point.value }] : [];
        }),
        total: entry.total,
      };
    });

  const seriesLine = (seriesIndex: number, period: number, buckets: readonly QueryBucket[]) =>
    line(buckets, (id) => {
      const values = indexes[seriesIndex][period]?.get(id);
      const missing = inputs[seriesIndex].missingValue;
      return {
        value: (bucket) => {
          const value = values?.values.get(bucket);
          return { value: value ?? missing, present: value !== undefined };
        },
        total: values?.total ?? missing,
      };
    });

  const formulaLine = (formula: QueryFormula, period: number, buckets: readonly QueryBucket[]) =>
    line(buckets, (id) => {
      const operands = new Map(
        formula.labels.map((label) => {
          const seriesIndex = byLabel.get(label);
          if (seriesIndex === undefined) throw new RangeError(`${formula.label} names ${label}, which is not a series`);
          return [label, { values: indexes[seriesIndex][period]?.get(id), missing: inputs[seriesIndex].missingValue }];
        }),
      );
      const operand = (label: string) => operands.get(label) as { values: GroupValues | undefined; missing: 0 | null };
      return {
        value: (bucket) => ({
          value: evaluateSeriesFormula(formula.expression, (label) => operand(label).values?.values.get(bucket) ?? operand(label).missing),
          present: formula.labels.some((label) => operand(label).values?.values.has(bucket) ?? false),
        }),
        total: evaluateSeriesFormula(formula.expression, (label) => operand(label).values?.total ?? operand(label).missing),
      };
    });

  const withComparison = (label: string, current: MultiSeriesGroup[], previous: () => MultiSeriesGroup[]): AssembledLine => {
    if (periods.previous === null) return { label, series: current };
    const before = previous();
    return { label, series: current, comparison: before.map((entry, index) => ({ ...entry, growthRate: growthOf(current[index].total, entry.total) })) };
  };

  return {
    groupCount: groups.size,
    series: inputs.map((input, index) =>
      withComparison(input.label, seriesLine(index, 0, periods.current), () => seriesLine(index, 1, periods.previous ?? [])),
    ),
    formulas: formulas.map((formula) =>
      withComparison(formula.label, formulaLine(formula, 0, periods.current), () => formulaLine(formula, 1, periods.previous ?? [])),
    ),
  };
}

function indexByGroup(rows: readonly MetricResultRow[]): Map<string, GroupValues> {
  const index = new Map<string, GroupValues>();
  for (const row of rows) {
    const id = JSON.stringify(row.group);
    let entry = index.get(id);
    if (entry === undefined) {
      entry = { values: new Map(), total: undefined };
      index.set(id, entry);
    }
    if (row.bucket === null) entry.total = row.value;
    else entry.values.set(row.bucket, row.value);
  }
  return index;
}

/** Largest first, null (no value) last. */
function compareTotals(left: number | null, right: number | null): number {
  if (left === right) return 0;
  if (left === null) return 1;
  if (right === null) return -1;
  return right - left;
}

function growthOf(current: number | null, previous: number | null): number | null {
  if (current === null || previous === null) return null;
  return growthRate(current, previous) ?? null;
}

import type { MetricWidgetType } from '../widgets/widget-types';
import type { MetricAnswer } from './metric-query-runner';

export interface CounterData {
  value: number;
  previous?: number;
  /** The engine's growth rate against the previous period (0 → any is 1, 0 → 0 is 0). */
  change?: number;
}

export interface RankedItem {
  label: string | null;
  value: number;
  previous?: number;
}

/**
 * A chart widget's data from the metric query's answer: the counter is the range's total (the engine's,
 * not a sum of days: a user active on two days is one user), bars, top lists and tables one row per group
 * with its total, the time series the answer itself.
 */
export function metricWidgetData(type: Exclude<MetricWidgetType, 'anomaly_band' | 'forecast'>, answer: MetricAnswer, groupBy: readonly string[]): unknown {
  switch (type) {
    case 'counter':
      return counterData(answer);
    case 'time_series':
      return answer;
    case 'bar':
      return { groupBy: groupBy[0], bars: rankedItems(answer, groupBy[0]) };
    case 'top_list': {
      const items = rankedItems(answer, groupBy[0]);
      const sum = items.reduce((total, item) => total + item.value, 0);
      return { groupBy: groupBy[0], items: items.map((item) => ({ ...item, share: sum > 0 ? item.value / sum : null })) };
    }
    case 'table':
      return tableData(answer, groupBy);
  }
}

function counterData(answer: MetricAnswer): CounterData {
  // Without group-by the engine answers one line (none when the range holds no buckets at all).
  const value = answer.series[0]?.total ?? 0;
  const compared = answer.comparison?.series[0];
  if (!answer.comparison) return { value };
  return { value, previous: compared?.total ?? 0, change: compared?.growthRate ?? 0 };
}

function rankedItems(answer: MetricAnswer, key: string): RankedItem[] {
  return answer.series.map((series, index) => ({
    label: series.group[key] ?? null,
    value: series.total,
    ...(answer.comparison ? { previous: answer.comparison.series[index]?.total ?? 0 } : {}),
  }));
}

function tableData(answer: MetricAnswer, keys: readonly string[]): { columns: string[]; rows: (string | number | null)[][] } {
  const columns = [...keys, 'value', ...(answer.comparison ? ['previous'] : [])];
  const rows = answer.series.map((series, index) => [
    ...keys.map((key) => series.group[key] ?? null),
    series.total,
    ...(answer.comparison ? [answer.comparison.series[index]?.total ?? 0] : []),
  ]);
  return { columns, rows };
}

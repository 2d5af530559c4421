import { fractionOf } from './fraction';

/** Calls of one provider, model and operation (analytics-engine spec `ModelUsageEvent`), or all of them. */
export interface ModelUsageCounts {
  calls: number;
  failures: number;
  tokens: number;
  inputTokens: number;
  outputTokens: number;
  /** US cents, as `cost_cents` is. */
  costCents: number;
  /** percentile_cont of latency_ms; null without calls. */
  latencyP50Ms: number | null;
  latencyP95Ms: number | null;
  latencyP99Ms: number | null;
}

export interface ModelUsageSummary extends ModelUsageCounts {
  /** failures / calls. */
  errorRate: number;
  costCentsPerCall: number;
  tokensPerCall: number;
}

export function modelUsageSummary<T extends ModelUsageCounts>(counts: T): T & ModelUsageSummary {
  return {
    ...counts,
    errorRate: fractionOf(counts.failures, counts.calls),
    costCentsPerCall: fractionOf(counts.costCents, counts.calls),
    tokensPerCall: fractionOf(counts.tokens, counts.calls),
  };
}

export interface HourOfDayCost {
  /** Local hour 0–23. */
  hour: number;
  calls: number;
  costCents: number;
}

/**
 * The analytics-engine spec's cost breakdown "by time of day": all 24 local hours, zeros where nothing
 * was spent, each with its share of the cost.
 */
export function costByHourOfDay(found: readonly HourOfDayCost[]): Array<HourOfDayCost & { costShare: number }> {
  const byHour = new Map(found.map((row) => [row.hour, row]));
  const total = found.reduce((sum, row) => sum + row.costCents, 0);
  return Array.from({ length: 24 }, (_, hour) => {
    const row = byHour.get(hour) ?? { hour, calls: 0, costCents: 0 };
    return { hour, calls: row.calls, costCents: row.costCents, costShare: fractionOf(row.costCents, total) };
  });
}

import type { LogisticModel } from '@pulse/analytics-core';
import { churnReadableValue, type ChurnFeature, type FeatureTable } from '@pulse/ml-features';
import { modelFactors } from '../model-factors';

export interface ChurnFactor {
  feature: ChurnFeature;
  /** The person's value, as counted (days, events…). */
  value: number;
  /** The training mean on the same scale (for log-scaled counts, the geometric-style mean e^mean(log(1+n)) − 1). */
  typical: number;
  /** Log-odds this feature adds to the churn risk against an average person: coefficient × standardised value. */
  contribution: number;
  effect: 'raises_risk' | 'lowers_risk';
  description: string;
}

/** The `limit` features that move this person's risk most, either way. */
export function churnFactors(model: LogisticModel, table: FeatureTable, index: number, limit = 3): ChurnFactor[] {
  return modelFactors(model, table, index, churnReadableValue, limit).map(({ feature, value, typical, contribution }): ChurnFactor => ({
    feature,
    value,
    typical,
    contribution,
    effect: contribution > 0 ? 'raises_risk' : 'lowers_risk',
    description: `${describe(feature, value)} (typical: ${describe(feature, typical)})`,
  }));
}

const oneDecimal = (value: number) => (Math.round(value * 10) / 10).toString();

/** A feature's value in words, e.g. "12.5 days since the last event", "activity down 50 % on the two weeks before". */
export function describe(feature: ChurnFeature, value: number): string {
  switch (feature) {
    case 'days_since_last_event':
      return `${oneDecimal(value)} days since the last event`;
    case 'active_days':
      return `active on ${oneDecimal(value)} of the last 28 days`;
    case 'active_periods':
      return `active in ${oneDecimal(value)} of the last 4 weeks`;
    case 'events':
      return `${oneDecimal(value)} events in 28 days`;
    case 'sessions':
      return `${oneDecimal(value)} sessions in 28 days`;
    case 'conversions':
      return `${oneDecimal(value)} conversions in 28 days`;
    case 'escalations':
      return `${oneDecimal(value)} escalated support conversations in 28 days`;
    case 'activity_trend':
      return trendWords(value);
  }
}

/** The balance b = (later − earlier) / (later + earlier) as a change of later over earlier: (1 + b) / (1 − b) − 1. */
export function trendChangePercent(balance: number): number | null {
  return balance >= 1 ? null : Math.round(((1 + balance) / (1 - balance) - 1) * 100);
}

function trendWords(balance: number): string {
  const change = trendChangePercent(balance);
  if (change === null) return 'all activity in the last two weeks';
  if (change === 0) return 'activity level with the two weeks before';
  return `activity ${change < 0 ? 'down' : 'up'} ${Math.abs(change)} % on the two weeks before`;
}

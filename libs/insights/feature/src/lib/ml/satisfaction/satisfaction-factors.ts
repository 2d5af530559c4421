import type { LogisticModel } from '@pulse/analytics-core';
import { satisfactionReadableValue, type SatisfactionFeature, type SatisfactionFeatureTable } from '@pulse/ml-features';
import { modelFactors } from '../model-factors';

/** The spec's SatisfactionFactor: what moved the predicted score, by how much, in words. */
export interface SatisfactionFactor {
  factor: SatisfactionFeature;
  /** Log-odds this feature adds to the score against an average conversation: positive raises it. */
  impact: number;
  /** The conversation's value (minutes, seconds, counts, sentiment −1 … 1). */
  value: number;
  typical: number;
  description: string;
}

/** The `limit` features that move this conversation's score most, either way; a missing feature (filled at the mean) moves nothing and never shows. */
export function satisfactionFactors(model: LogisticModel, table: SatisfactionFeatureTable, index: number, limit = 3): SatisfactionFactor[] {
  return modelFactors(model, table, index, satisfactionReadableValue, limit).map(({ feature, value, typical, contribution }): SatisfactionFactor => ({
    factor: feature,
    impact: contribution,
    value,
    typical,
    description: `${describeSatisfactionFeature(feature, value)} (typical: ${describeTypical(feature, typical)}) ${contribution > 0 ? 'raises' : 'lowers'} the score`,
  }));
}

const twoDecimals = (value: number) => (Math.round(value * 100) / 100).toString();
const oneDecimal = (value: number) => (Math.round(value * 10) / 10).toString();

export function describeSatisfactionFeature(feature: SatisfactionFeature, value: number): string {
  switch (feature) {
    case 'duration_minutes':
      return `${oneDecimal(value)} minutes long`;
    case 'response_seconds':
      return `replies after ${oneDecimal(value)} s on average`;
    case 'messages':
      return `${oneDecimal(value)} messages`;
    case 'turns':
      return `${oneDecimal(value)} customer messages`;
    case 'escalated':
      return value === 1 ? 'escalated to a person' : 'not escalated';
    case 'resolved_by_human':
      return value === 1 ? 'resolved by a person' : 'not resolved by a person';
    case 'intent_switches':
      return `${oneDecimal(value)} intent switches`;
    case 'unique_intents':
      return `${oneDecimal(value)} distinct intents`;
    case 'sentiment_initial':
      return `opening sentiment ${twoDecimals(value)}`;
    case 'sentiment_final':
      return `closing sentiment ${twoDecimals(value)}`;
    case 'sentiment_delta':
      return `sentiment moved ${value > 0 ? '+' : ''}${twoDecimals(value)}`;
    case 'negative_share':
      return `${Math.round(value * 100)} % negative messages`;
  }
}

/** A training mean in words: for the two flags, the share of conversations that had them. */
export function describeTypical(feature: SatisfactionFeature, typical: number): string {
  if (feature === 'escalated' || feature === 'resolved_by_human') return `${Math.round(typical * 100)} % of conversations`;
  return describeSatisfactionFeature(feature, typical);
}

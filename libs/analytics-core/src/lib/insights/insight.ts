import { roundTo } from './insight-text';

/** The kinds of finding an insight report can hold (analytics-engine spec `InsightType`, plus quality and anomalies). */
export const INSIGHT_TYPES = [
  'conversation_patterns',
  'user_behaviour',
  'performance_trends',
  'cost_optimisation',
  'quality',
  'predictive',
  'anomalies',
] as const;
export type InsightType = (typeof INSIGHT_TYPES)[number];

export type InsightImpact = 'low' | 'medium' | 'high' | 'critical';

/** One finding: what was seen, how sure we are, the numbers behind it and what to do about it. */
export interface Insight {
  /** Stable for the same finding over the same range: `<type>:<kind>:<subject>`. */
  id: string;
  type: InsightType;
  title: string;
  /** Plain language: what happened, with the figures. */
  explanation: string;
  recommendation: string;
  impact: InsightImpact;
  /**
   * What ranks findings: a share of the tenant's activity affected (0–1) for behaviour and quality, or a
   * share of spend for cost. Comparable across types on purpose: a finding touching 30 % of conversations
   * outranks one touching 2 % of endpoints' requests.
   */
  impactScore: number;
  /** 0–1: one minus the p-value of the change for changes; the data's coverage for estimates. */
  confidence: number;
  supportingData: Record<string, unknown>;
  /** Estimated monthly saving in US cents (cost findings only). */
  estimatedSavingsCents?: number;
}

/** Impact bands over `impactScore` (a share of activity or spend). */
export function impactOf(impactScore: number): InsightImpact {
  if (impactScore >= 0.25) return 'critical';
  if (impactScore >= 0.1) return 'high';
  if (impactScore >= 0.03) return 'medium';
  return 'low';
}

/**
 * A change's rank by its direction: bad news at its size (capped at 1), good news a tenth as high (worth
 * knowing, rarely urgent).
 */
export function rankedImpact(
  worse: boolean,
  size: number,
): Pick<Insight, 'impact' | 'impactScore'> {
  const impactScore = roundTo(Math.min(1, size), 6);
  return worse
    ? { impact: impactOf(impactScore), impactScore }
    : { impact: 'low', impactScore: roundTo(impactScore / 10, 6) };
}

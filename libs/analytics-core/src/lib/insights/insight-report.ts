import {
  INSIGHT_TYPES,
  type Insight,
  type InsightImpact,
  type InsightType,
} from './insight';
import { roundTo } from './insight-text';

export interface InsightReportOptions {
  /** Findings kept, best first. */
  maxInsights: number;
  /** Findings less sure than this are left out (counted in `belowConfidence`). */
  confidenceThreshold: number;
}

export const DEFAULT_INSIGHT_REPORT_OPTIONS: InsightReportOptions =
  Object.freeze({ maxInsights: 20, confidenceThreshold: 0.8 });

export interface InsightSummary {
  totalInsights: number;
  byType: Record<InsightType, number>;
  byImpact: Record<InsightImpact, number>;
  /** The titles of the three best findings. */
  keyFindings: string[];
  /** The recommendations of the best findings of medium impact or more. */
  actionItems: string[];
  /** Sum of the cost findings' estimated savings per 30 days, US cents. */
  estimatedSavingsCents: number;
  /** Findings left out for being less sure than the threshold. */
  belowConfidence: number;
}

/**
 * Ranks findings by impact weighted by confidence (a sure small finding can outrank an unsure large one),
 * keeps the best, and summarises them.
 */
export function assembleInsightReport(
  found: readonly Insight[],
  options: Partial<InsightReportOptions> = {},
): { insights: Insight[]; summary: InsightSummary } {
  // An option given as undefined (an absent request field) keeps its default.
  const maxInsights =
    options.maxInsights ?? DEFAULT_INSIGHT_REPORT_OPTIONS.maxInsights;
  const confidenceThreshold =
    options.confidenceThreshold ??
    DEFAULT_INSIGHT_REPORT_OPTIONS.confidenceThreshold;
  const sure = found.filter(
    (insight) => insight.confidence >= confidenceThreshold,
  );
  const insights = [...sure]
    .sort(
      (a, b) =>
        b.impactScore * b.confidence - a.impactScore * a.confidence ||
        a.id.localeCompare(b.id),
    )
    .slice(0, maxInsights);
  const byType = Object.fromEntries(
    INSIGHT_TYPES.map((type) => [type, 0]),
  ) as Record<InsightType, number>;
  const byImpact: Record<InsightImpact, number> = {
    low: 0,
    medium: 0,
    high: 0,
    critical: 0,
  };
  for (const insight of insights) {
    byType[insight.type] += 1;
    byImpact[insight.impact] += 1;
  }
  return {
    insights,
    summary: {
      totalInsights: insights.length,
      byType,
      byImpact,
      keyFindings: insights.slice(0, 3).map((insight) => insight.title),
      actionItems: insights
        .filter((insight) => insight.impact !== 'low')
        .slice(0, 5)
        .map((insight) => insight.recommendation),
      estimatedSavingsCents: roundTo(
        insights.reduce(
          (sum, insight) => sum + (insight.estimatedSavingsCents ?? 0),
          0,
        ),
        2,
      ),
      belowConfidence: found.length - sure.length,
    },
  };
}

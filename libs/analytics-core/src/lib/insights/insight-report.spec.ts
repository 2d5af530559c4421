import type { Insight } from './insight';
import { assembleInsightReport } from './insight-report';

const insight = (
  id: string,
  impactScore: number,
  confidence: number,
  extra: Partial<Insight> = {},
): Insight => ({
  id,
  type: 'cost_optimisation',
  title: `title ${id}`,
  explanation: '',
  recommendation: `do ${id}`,
  impact: impactScore >= 0.1 ? 'high' : 'low',
  impactScore,
  confidence,
  supportingData: {},
  ...extra,
});

describe('assembleInsightReport', () => {
  it('ranks by impact weighted by confidence and leaves out the unsure', () => {
    const { insights, summary } = assembleInsightReport(
      [
        insight('a', 0.2, 0.85),
        insight('b', 0.15, 0.99),
        insight('c', 0.5, 0.5),
        insight('d', 0.02, 0.95, { estimatedSavingsCents: 100 }),
      ],
      { confidenceThreshold: 0.8 },
    );
    // a: 0.17, b: 0.1485, d: 0.019; c is under the threshold.
    expect(insights.map((found) => found.id)).toEqual(['a', 'b', 'd']);
    expect(summary).toMatchObject({
      totalInsights: 3,
      belowConfidence: 1,
      keyFindings: ['title a', 'title b', 'title d'],
      actionItems: ['do a', 'do b'],
      estimatedSavingsCents: 100,
      byImpact: { low: 1, medium: 0, high: 2, critical: 0 },
    });
    expect(summary.byType.cost_optimisation).toBe(3);
    expect(summary.byType.anomalies).toBe(0);
  });

  it('keeps the defaults for options given as undefined', () => {
    const { insights } = assembleInsightReport(
      [insight('sure', 0.1, 0.81), insight('unsure', 0.1, 0.79)],
      { confidenceThreshold: undefined, maxInsights: undefined },
    );
    expect(insights.map((kept) => kept.id)).toEqual(['sure']);
  });

  it('keeps at most maxInsights', () => {
    const found = Array.from({ length: 30 }, (_, index) =>
      insight(`i${index}`, index / 100, 0.9),
    );
    expect(
      assembleInsightReport(found, { maxInsights: 5 }).insights.map(
        (kept) => kept.id,
      ),
    ).toEqual(['i29', 'i28', 'i27', 'i26', 'i25']);
  });
});

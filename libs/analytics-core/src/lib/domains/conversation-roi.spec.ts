import { calculateRoi, DEFAULT_ROI_ASSUMPTIONS } from './conversation-roi';

describe('calculateRoi (pipeline spec 1.4 ROI calculator)', () => {
  it('uses the spec defaults: 100 conversations, 60 resolved by AI', () => {
    const roi = calculateRoi({ totalConversations: 100, aiResolvedConversations: 60 });
    // human: 100 × 8 / 60 = 13.333… h × 25 = 333.333…
    expect(roi.humanAgentCost).toBeCloseTo(333.333333, 5);
    // ai: 100 × 0.05 = 5
    expect(roi.aiCost).toBeCloseTo(5, 10);
    // savings: 60 × 8 / 60 × 25 = 200, minus 60 × 0.05 = 3 → 197
    expect(roi.savings).toBeCloseTo(197, 10);
    // roi: 197 / 5 × 100 = 3,940 %
    expect(roi.roiPercentage).toBeCloseTo(3_940, 8);
    expect(roi).toMatchObject(DEFAULT_ROI_ASSUMPTIONS);
  });

  it('takes configured costs: 40 conversations, 30 by AI, 30/h, 6 min, 0.10 each', () => {
    const roi = calculateRoi(
      { totalConversations: 40, aiResolvedConversations: 30 },
      { humanAgentCostPerHour: 30, minutesPerConversation: 6, aiCostPerConversation: 0.1 },
    );
    // human: 40 × 6 / 60 = 4 h × 30 = 120; ai: 40 × 0.10 = 4
    expect(roi.humanAgentCost).toBeCloseTo(120, 10);
    expect(roi.aiCost).toBeCloseTo(4, 10);
    // savings: 30 × 6 / 60 × 30 = 90 − 30 × 0.10 = 3 → 87; roi 87 / 4 × 100 = 2,175
    expect(roi.savings).toBeCloseTo(87, 10);
    expect(roi.roiPercentage).toBeCloseTo(2_175, 8);
  });

  it('reports 0 % when the AI cost nothing (no conversations, or a free AI)', () => {
    expect(calculateRoi({ totalConversations: 0, aiResolvedConversations: 0 }).roiPercentage).toBe(0);
    const free = calculateRoi({ totalConversations: 10, aiResolvedConversations: 5 }, { ...DEFAULT_ROI_ASSUMPTIONS, aiCostPerConversation: 0 });
    // savings 5 × 8 / 60 × 25 = 16.666…, but no AI cost to divide by
    expect(free.savings).toBeCloseTo(16.666667, 5);
    expect(free.roiPercentage).toBe(0);
  });

  it('refuses negative costs', () => {
    expect(() => calculateRoi({ totalConversations: 1, aiResolvedConversations: 1 }, { ...DEFAULT_ROI_ASSUMPTIONS, humanAgentCostPerHour: -1 })).toThrow(
      /humanAgentCostPerHour/,
    );
  });
});

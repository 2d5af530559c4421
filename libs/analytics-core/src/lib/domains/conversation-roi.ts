/**
 * The conversation pipeline spec's ROI calculator (section 1.4, `ROICalculation`), formula for
 * formula. Costs are in the tenant's currency and are never rounded here: round only for display.
 */
export interface RoiAssumptions {
  /** Spec default 25.0. */
  humanAgentCostPerHour: number;
  /** Spec default 8.0. */
  minutesPerConversation: number;
  /** Spec default 0.05. */
  aiCostPerConversation: number;
}

export const DEFAULT_ROI_ASSUMPTIONS: RoiAssumptions = Object.freeze({
  humanAgentCostPerHour: 25.0,
  minutesPerConversation: 8.0,
  aiCostPerConversation: 0.05,
});

export interface RoiCalculation extends RoiAssumptions {
  totalConversations: number;
  aiResolvedConversations: number;
  /** What every conversation would cost handled by humans. */
  humanAgentCost: number;
  /** What the AI cost for every conversation. */
  aiCost: number;
  /** Human cost avoided on AI-resolved conversations, minus the AI's cost for them. */
  savings: number;
  /** savings / aiCost × 100; 0 when the AI cost nothing. */
  roiPercentage: number;
}

export function calculateRoi(
  conversations: { totalConversations: number; aiResolvedConversations: number },
  assumptions: RoiAssumptions = DEFAULT_ROI_ASSUMPTIONS,
): RoiCalculation {
  const { totalConversations, aiResolvedConversations } = conversations;
  const { humanAgentCostPerHour, minutesPerConversation, aiCostPerConversation } = assumptions;
  for (const [name, value] of Object.entries({ totalConversations, aiResolvedConversations, ...assumptions })) {
    if (!Number.isFinite(value) || value < 0) throw new RangeError(`${name} must be a finite number ≥ 0, got ${value}`);
  }
  // human_agent_cost = (total × minutes / 60) × cost per hour
  const totalHours = (totalConversations * minutesPerConversation) / 60;
  const humanAgentCost = totalHours * humanAgentCostPerHour;
  // ai_cost = total × AI cost per conversation
  const aiCost = totalConversations * aiCostPerConversation;
  // savings = ai_resolved × minutes / 60 × cost per hour − ai_resolved × AI cost per conversation
  const humanCostForAiConversations = ((aiResolvedConversations * minutesPerConversation) / 60) * humanAgentCostPerHour;
  const aiCostForResolved = aiResolvedConversations * aiCostPerConversation;
  const savings = humanCostForAiConversations - aiCostForResolved;
  const roiPercentage = aiCost === 0 ? 0.0 : (savings / aiCost) * 100;
  return { totalConversations, aiResolvedConversations, ...assumptions, humanAgentCost, aiCost, savings, roiPercentage };
}

import type { ChurnFeature } from '@pulse/ml-features';
import { trendChangePercent, type ChurnFactor } from './churn-factors';

/**
 * Suggested actions from the factors that raise a person's risk: each says what to do and why, in the person's
 * own numbers. Several habit factors (few days, weeks, events or sessions) lead to one action, said once.
 */
const ACTIONS: Record<ChurnFeature, { id: string; text: (value: number) => string }> = {
  days_since_last_event: { id: 'win_back', text: (days) => `Send a win-back message: last seen ${Math.round(days)} days ago.` },
  activity_trend: {
    id: 'reach_out',
    text: (balance) => `Reach out before they go quiet: activity ${Math.abs(trendChangePercent(balance) ?? 0)} % lower than the two weeks before.`,
  },
  active_days: { id: 'habit', text: () => 'Rebuild the habit: remind them of what they use most (digest, reminders, saved items).' },
  active_periods: { id: 'habit', text: () => 'Rebuild the habit: remind them of what they use most (digest, reminders, saved items).' },
  events: { id: 'habit', text: () => 'Rebuild the habit: remind them of what they use most (digest, reminders, saved items).' },
  sessions: { id: 'habit', text: () => 'Rebuild the habit: remind them of what they use most (digest, reminders, saved items).' },
  conversions: { id: 'incentive', text: (count) => `Offer an incentive on the next order: ${Math.round(count)} in the last 28 days.` },
  escalations: { id: 'follow_up', text: (count) => `Follow up personally on their support issues: ${Math.round(count)} escalated in the last 28 days.` },
};

export function retentionActions(factors: readonly ChurnFactor[]): string[] {
  const seen = new Set<string>();
  const actions: string[] = [];
  for (const factor of factors) {
    if (factor.effect !== 'raises_risk') continue;
    const action = ACTIONS[factor.feature];
    if (seen.has(action.id)) continue;
    seen.add(action.id);
    actions.push(action.text(factor.value));
  }
  return actions;
}

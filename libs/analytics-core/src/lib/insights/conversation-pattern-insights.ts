import type { ChannelCounts } from '../domains/conversation-breakdowns';
import { proportionChange } from './change-significance';
import { impactOf, type Insight } from './insight';
import { formatPercent as percent, roundTo } from './insight-text';

/** Conversations that began in a period, by outcome. */
export interface ConversationOutcomes {
  conversations: number;
  resolved: number;
  escalated: number;
  abandoned: number;
}

export interface ConversationPatternInput {
  current: ConversationOutcomes;
  previous: ConversationOutcomes;
  /** The current period, per channel (conversations without a channel under `unknown`). */
  channels: readonly ChannelCounts[];
  /** Fewer conversations than this in a group say nothing. */
  minConversations?: number;
}

const OUTCOMES = [
  { key: 'resolved', noun: 'resolution', goodWhenHigher: true },
  { key: 'escalated', noun: 'escalation', goodWhenHigher: false },
  { key: 'abandoned', noun: 'abandonment', goodWhenHigher: false },
] as const;

const RECOMMENDATIONS: Record<(typeof OUTCOMES)[number]['key'], string> = {
  resolved:
    'Review the unresolved conversations of the period for intents the assistant cannot answer, and extend its knowledge there.',
  escalated:
    'Read a sample of the escalated conversations: the intents escalated most are where the assistant needs content or a better hand-off.',
  abandoned:
    'Check response times and the first answer in abandoned conversations: customers leave when the first reply is slow or off-topic.',
};

/**
 * How conversations end, and where they end worse: each outcome rate of the period against the previous
 * one (two-proportion z-test), and each channel's rates against all other channels of the period.
 * `impactScore` is the share of conversations the difference touches.
 */
export function conversationPatternInsights(
  input: ConversationPatternInput,
): Insight[] {
  const minConversations = input.minConversations ?? 30;
  const insights: Insight[] = [];
  const { current, previous } = input;
  if (
    current.conversations >= minConversations &&
    previous.conversations >= minConversations
  ) {
    for (const outcome of OUTCOMES) {
      const now = current[outcome.key] / current.conversations;
      const before = previous[outcome.key] / previous.conversations;
      if (now === before) continue;
      const { z, confidence } = proportionChange(
        current[outcome.key],
        current.conversations,
        previous[outcome.key],
        previous.conversations,
      );
      const worse = outcome.goodWhenHigher ? now < before : now > before;
      // Rounded so 30 % − 20 % is 0.1, not 0.09999…, at the impact bands' edges.
      const impactScore = roundTo(Math.abs(now - before), 6);
      insights.push({
        id: `conversation_patterns:${outcome.noun}_rate_change:all`,
        type: 'conversation_patterns',
        title: `The ${outcome.noun} rate ${now > before ? 'rose' : 'fell'} from ${percent(before)} to ${percent(now)}`,
        explanation:
          `${current[outcome.key]} of ${current.conversations} conversations of the period were ${outcome.key} ` +
          `(${percent(now)}), against ${previous[outcome.key]} of ${previous.conversations} in the previous period ` +
          `(${percent(before)}).`,
        recommendation: worse
          ? RECOMMENDATIONS[outcome.key]
          : 'An improvement: find what changed (content, routing, staffing) and keep it.',
        impact: worse ? impactOf(impactScore) : 'low',
        impactScore: worse ? impactScore : impactScore / 10,
        confidence: roundTo(confidence, 4),
        supportingData: {
          outcome: outcome.key,
          currentRate: roundTo(now, 4),
          previousRate: roundTo(before, 4),
          z: roundTo(z, 3),
          current,
          previous,
        },
      });
    }
  }
  insights.push(...channelGaps(input.channels, minConversations));
  return insights;
}

/** A channel whose outcome is clearly worse than the other channels' together. */
function channelGaps(
  channels: readonly ChannelCounts[],
  minConversations: number,
): Insight[] {
  const total = channels.reduce(
    (sum, channel) => sum + channel.conversations,
    0,
  );
  const insights: Insight[] = [];
  for (const channel of channels) {
    const rest = channels.filter((other) => other !== channel);
    const restConversations = rest.reduce(
      (sum, other) => sum + other.conversations,
      0,
    );
    if (
      channel.conversations < minConversations ||
      restConversations < minConversations
    )
      continue;
    for (const outcome of OUTCOMES) {
      const hits = channel[outcome.key];
      const restHits = rest.reduce((sum, other) => sum + other[outcome.key], 0);
      const rate = hits / channel.conversations;
      const restRate = restHits / restConversations;
      const worse = outcome.goodWhenHigher ? rate < restRate : rate > restRate;
      if (!worse) continue;
      const { z, confidence } = proportionChange(
        hits,
        channel.conversations,
        restHits,
        restConversations,
      );
      const share = channel.conversations / total;
      const impactScore = roundTo(Math.abs(rate - restRate) * share, 6);
      insights.push({
        id: `conversation_patterns:${outcome.noun}_by_channel:${channel.channel}`,
        type: 'conversation_patterns',
        title: `Conversations on ${channel.channel} have a ${outcome.goodWhenHigher ? 'lower' : 'higher'} ${outcome.noun} rate`,
        explanation:
          `${percent(rate)} of the ${channel.conversations} conversations on ${channel.channel} (${percent(share)} of all) were ` +
          `${outcome.key}, against ${percent(restRate)} on the other channels.`,
        recommendation: `Compare ${channel.channel} with the other channels: ${RECOMMENDATIONS[outcome.key]}`,
        impact: impactOf(impactScore),
        impactScore,
        confidence: roundTo(confidence, 4),
        supportingData: {
          channel: channel.channel,
          outcome: outcome.key,
          channelRate: roundTo(rate, 4),
          otherChannelsRate: roundTo(restRate, 4),
          conversations: channel.conversations,
          shareOfConversations: roundTo(share, 4),
          z: roundTo(z, 3),
        },
      });
    }
  }
  return insights;
}

import { fractionOf } from './fraction';

/** Conversations of one channel that began in a range, with their outcomes (whenever reached). */
export interface ChannelCounts {
  channel: string;
  conversations: number;
  resolved: number;
  escalated: number;
  abandoned: number;
  messages: number;
  responseTimeSumMs: number;
  responseTimeCount: number;
}

export interface ChannelPerformance {
  channel: string;
  conversations: number;
  resolved: number;
  escalated: number;
  abandoned: number;
  resolutionRate: number;
  escalationRate: number;
  abandonmentRate: number;
  /** Messages per conversation. */
  avgConversationLength: number;
  avgResponseTimeMs: number;
  /** This channel's part of all conversations. */
  share: number;
}

/**
 * The analytics-engine spec's "channel performance" (conversation patterns, key metrics d): the
 * pipeline spec's rates per channel. Channels keep the order given.
 */
export function channelPerformance(channels: readonly ChannelCounts[]): ChannelPerformance[] {
  const total = channels.reduce((sum, channel) => sum + channel.conversations, 0);
  return channels.map((channel) => ({
    channel: channel.channel,
    conversations: channel.conversations,
    resolved: channel.resolved,
    escalated: channel.escalated,
    abandoned: channel.abandoned,
    resolutionRate: fractionOf(channel.resolved, channel.conversations),
    escalationRate: fractionOf(channel.escalated, channel.conversations),
    abandonmentRate: fractionOf(channel.abandoned, channel.conversations),
    avgConversationLength: fractionOf(channel.messages, channel.conversations),
    avgResponseTimeMs: fractionOf(channel.responseTimeSumMs, channel.responseTimeCount),
    share: fractionOf(channel.conversations, total),
  }));
}

export interface IntentCounts {
  intent: string;
  conversations: number;
  events: number;
}

export interface IntentShare extends IntentCounts {
  /**
   * conversations / conversations with any intent. A conversation whose intent changes counts under
   * each of its intents, so shares may add up to more than 1.
   */
  share: number;
}

/** The analytics-engine spec's "intent distribution". */
export function intentDistribution(intents: readonly IntentCounts[], conversationsWithIntent: number): IntentShare[] {
  return intents.map((intent) => ({ ...intent, share: fractionOf(intent.conversations, conversationsWithIntent) }));
}

/** One bucket of conversation trends (pipeline spec 1.5 `/conversations/trends`). */
export interface ConversationTrendCounts {
  bucket: string;
  conversations: number;
  resolved: number;
  escalated: number;
  abandoned: number;
  messages: number;
  responseTimeSumMs: number;
  responseTimeCount: number;
}

export interface ConversationTrendPoint {
  bucket: string;
  /** Conversations whose first event falls in the bucket. */
  conversations: number;
  /** Outcomes reached in the bucket (of conversations that may have begun earlier). */
  resolved: number;
  escalated: number;
  abandoned: number;
  messages: number;
  avgResponseTimeMs: number;
}

export function conversationTrendPoint(counts: ConversationTrendCounts): ConversationTrendPoint {
  return {
    bucket: counts.bucket,
    conversations: counts.conversations,
    resolved: counts.resolved,
    escalated: counts.escalated,
    abandoned: counts.abandoned,
    messages: counts.messages,
    avgResponseTimeMs: fractionOf(counts.responseTimeSumMs, counts.responseTimeCount),
  };
}

export function emptyConversationTrend(bucket: string): ConversationTrendCounts {
  return { bucket, conversations: 0, resolved: 0, escalated: 0, abandoned: 0, messages: 0, responseTimeSumMs: 0, responseTimeCount: 0 };
}

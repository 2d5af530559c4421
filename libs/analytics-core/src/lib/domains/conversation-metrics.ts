import { growthRate } from '../statistics';
import { fractionOf } from './fraction';

/**
 * The counters conversation metrics are computed from: one day of `conversation_daily_metrics`, or
 * several days added up. Response time is a sum and a count so averages over several days stay exact;
 * unique customers of a range are counted over the range (a customer of two days counts once), so they
 * are never the sum of the days' figures.
 */
export interface ConversationCounts {
  totalConversations: number;
  resolvedConversations: number;
  escalatedConversations: number;
  abandonedConversations: number;
  responseTimeSumMs: number;
  responseTimeCount: number;
  totalMessages: number;
  uniqueCustomers: number;
}

/** The conversation pipeline spec's `ConversationMetrics` (section 1.3), in camelCase. */
export interface ConversationMetrics {
  totalConversations: number;
  resolvedConversations: number;
  escalatedConversations: number;
  abandonedConversations: number;
  /** resolved / total, a fraction; 0 without conversations. */
  resolutionRate: number;
  escalationRate: number;
  abandonmentRate: number;
  /** Mean time to a reply, over every timed reply; 0 without one. Not rounded. */
  avgResponseTimeMs: number;
  /** Messages (sent and received) per conversation; 0 without conversations. */
  avgConversationLength: number;
  uniqueCustomers: number;
}

/** The spec's `PeriodMetrics`: a range, its metrics, and the previous range of the same length. */
export interface PeriodMetrics<Range> {
  dateRange: Range;
  metrics: ConversationMetrics;
  previousPeriod: { dateRange: Range; metrics: ConversationMetrics } | null;
  /** Growth of total conversations (spec 1.3 `growth_rate`); null without a previous period. */
  growthRate: number | null;
}

export const NO_CONVERSATIONS: ConversationCounts = Object.freeze({
  totalConversations: 0,
  resolvedConversations: 0,
  escalatedConversations: 0,
  abandonedConversations: 0,
  responseTimeSumMs: 0,
  responseTimeCount: 0,
  totalMessages: 0,
  uniqueCustomers: 0,
});

export function conversationMetrics(counts: ConversationCounts): ConversationMetrics {
  const total = counts.totalConversations;
  return {
    totalConversations: total,
    resolvedConversations: counts.resolvedConversations,
    escalatedConversations: counts.escalatedConversations,
    abandonedConversations: counts.abandonedConversations,
    resolutionRate: fractionOf(counts.resolvedConversations, total),
    escalationRate: fractionOf(counts.escalatedConversations, total),
    abandonmentRate: fractionOf(counts.abandonedConversations, total),
    avgResponseTimeMs: fractionOf(counts.responseTimeSumMs, counts.responseTimeCount),
    avgConversationLength: fractionOf(counts.totalMessages, total),
    uniqueCustomers: counts.uniqueCustomers,
  };
}

/**
 * Adds days' counters. `uniqueCustomers` must come from the caller (distinct over the whole range):
 * adding the days' figures would count a customer once per day.
 */
export function addConversationCounts(days: readonly Omit<ConversationCounts, 'uniqueCustomers'>[], uniqueCustomers: number): ConversationCounts {
  const total = { ...NO_CONVERSATIONS, uniqueCustomers };
  for (const day of days) {
    total.totalConversations += day.totalConversations;
    total.resolvedConversations += day.resolvedConversations;
    total.escalatedConversations += day.escalatedConversations;
    total.abandonedConversations += day.abandonedConversations;
    total.responseTimeSumMs += day.responseTimeSumMs;
    total.responseTimeCount += day.responseTimeCount;
    total.totalMessages += day.totalMessages;
  }
  return total;
}

export function periodMetrics<Range>(
  current: { dateRange: Range; counts: ConversationCounts },
  previous?: { dateRange: Range; counts: ConversationCounts },
): PeriodMetrics<Range> {
  const metrics = conversationMetrics(current.counts);
  if (previous === undefined) return { dateRange: current.dateRange, metrics, previousPeriod: null, growthRate: null };
  const previousMetrics = conversationMetrics(previous.counts);
  return {
    dateRange: current.dateRange,
    metrics,
    previousPeriod: { dateRange: previous.dateRange, metrics: previousMetrics },
    growthRate: growthRate(metrics.totalConversations, previousMetrics.totalConversations) ?? null,
  };
}

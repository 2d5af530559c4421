import { addConversationCounts, conversationMetrics, NO_CONVERSATIONS, periodMetrics, type ConversationCounts } from './conversation-metrics';

const counts = (overrides: Partial<ConversationCounts>): ConversationCounts => ({ ...NO_CONVERSATIONS, ...overrides });

describe('conversationMetrics (pipeline spec 1.3)', () => {
  it('divides each outcome by the conversations: 10 total, 6 resolved, 3 escalated, 1 abandoned', () => {
    const metrics = conversationMetrics(
      counts({ totalConversations: 10, resolvedConversations: 6, escalatedConversations: 3, abandonedConversations: 1 }),
    );
    // 6/10, 3/10, 1/10
    expect(metrics.resolutionRate).toBe(0.6);
    expect(metrics.escalationRate).toBe(0.3);
    expect(metrics.abandonmentRate).toBe(0.1);
  });

  it('averages response time over timed replies and length over conversations', () => {
    // 3 replies took 1,000 + 2,000 + 4,000 ms → 7,000 / 3; 9 messages in 4 conversations → 2.25
    const metrics = conversationMetrics(counts({ totalConversations: 4, responseTimeSumMs: 7_000, responseTimeCount: 3, totalMessages: 9 }));
    expect(metrics.avgResponseTimeMs).toBeCloseTo(2_333.333333, 5);
    expect(metrics.avgConversationLength).toBe(2.25);
  });

  it('reports zeros, not NaN, without conversations', () => {
    expect(conversationMetrics(NO_CONVERSATIONS)).toEqual({
      totalConversations: 0,
      resolvedConversations: 0,
      escalatedConversations: 0,
      abandonedConversations: 0,
      resolutionRate: 0,
      escalationRate: 0,
      abandonmentRate: 0,
      avgResponseTimeMs: 0,
      avgConversationLength: 0,
      uniqueCustomers: 0,
    });
  });
});

describe('addConversationCounts', () => {
  it('adds the days but takes unique customers from the range', () => {
    const day1 = counts({ totalConversations: 2, resolvedConversations: 1, responseTimeSumMs: 300, responseTimeCount: 2, totalMessages: 5 });
    const day2 = counts({ totalConversations: 3, abandonedConversations: 2, responseTimeSumMs: 100, responseTimeCount: 1, totalMessages: 4 });
    // the same customer on both days: 1 + 1 per day, 1 over the range
    expect(addConversationCounts([day1, day2], 1)).toEqual(
      counts({ totalConversations: 5, resolvedConversations: 1, abandonedConversations: 2, responseTimeSumMs: 400, responseTimeCount: 3, totalMessages: 9, uniqueCustomers: 1 }),
    );
  });
});

describe('periodMetrics growth rate (pipeline spec 1.3)', () => {
  const period = (total: number) => ({ dateRange: 'r', counts: counts({ totalConversations: total }) });

  it('is (current − previous) / previous: 15 after 10 is +0.5, 5 after 10 is −0.5', () => {
    expect(periodMetrics(period(15), period(10)).growthRate).toBe(0.5);
    expect(periodMetrics(period(5), period(10)).growthRate).toBe(-0.5);
  });

  it('is 1.0 after an empty previous period when there is anything now, else 0.0', () => {
    expect(periodMetrics(period(3), period(0)).growthRate).toBe(1.0);
    expect(periodMetrics(period(0), period(0)).growthRate).toBe(0.0);
  });

  it('is null without a previous period', () => {
    const result = periodMetrics(period(3));
    expect(result.growthRate).toBeNull();
    expect(result.previousPeriod).toBeNull();
  });
});

import { channelPerformance, conversationTrendPoint, emptyConversationTrend, intentDistribution } from './conversation-breakdowns';

describe('channelPerformance', () => {
  it('gives each channel its rates, length, reply time and share', () => {
    const [web, email] = channelPerformance([
      { channel: 'web_chat', conversations: 3, resolved: 2, escalated: 1, abandoned: 0, messages: 9, responseTimeSumMs: 3_000, responseTimeCount: 4 },
      { channel: 'email', conversations: 1, resolved: 0, escalated: 0, abandoned: 1, messages: 1, responseTimeSumMs: 0, responseTimeCount: 0 },
    ]);
    // web: 2/3 resolved, 1/3 escalated, 9/3 = 3 messages, 3,000/4 = 750 ms, 3 of 4 conversations
    expect(web.resolutionRate).toBeCloseTo(2 / 3, 12);
    expect(web.escalationRate).toBeCloseTo(1 / 3, 12);
    expect(web.avgConversationLength).toBe(3);
    expect(web.avgResponseTimeMs).toBe(750);
    expect(web.share).toBe(0.75);
    // email: 1/1 abandoned, no timed reply → 0 ms
    expect(email.abandonmentRate).toBe(1);
    expect(email.avgResponseTimeMs).toBe(0);
  });
});

describe('intentDistribution', () => {
  it('shares conversations among intents; a conversation with two intents counts under both', () => {
    // 3 conversations named an intent; c1 asked about billing then refunds
    const shares = intentDistribution(
      [
        { intent: 'billing', conversations: 2, events: 3 },
        { intent: 'refund', conversations: 2, events: 2 },
      ],
      3,
    );
    expect(shares.map((intent) => intent.share)).toEqual([2 / 3, 2 / 3]);
  });

  it('is empty without intents', () => {
    expect(intentDistribution([], 0)).toEqual([]);
  });
});

describe('conversationTrendPoint', () => {
  it('averages reply time within the bucket, 0 without replies', () => {
    expect(conversationTrendPoint({ ...emptyConversationTrend('2025-03-10'), responseTimeSumMs: 900, responseTimeCount: 2 }).avgResponseTimeMs).toBe(450);
    expect(conversationTrendPoint(emptyConversationTrend('2025-03-10')).avgResponseTimeMs).toBe(0);
  });
});

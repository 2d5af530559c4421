import { conversationPatternInsights } from './conversation-pattern-insights';

const channel = (
  name: string,
  conversations: number,
  resolved: number,
  escalated: number,
  abandoned: number,
) => ({
  channel: name,
  conversations,
  resolved,
  escalated,
  abandoned,
  messages: 0,
  responseTimeSumMs: 0,
  responseTimeCount: 0,
});

describe('conversationPatternInsights', () => {
  it('reports an escalation rate that rose, with the z-test’s confidence', () => {
    const found = conversationPatternInsights({
      current: {
        conversations: 100,
        resolved: 60,
        escalated: 30,
        abandoned: 10,
      },
      previous: {
        conversations: 100,
        resolved: 70,
        escalated: 20,
        abandoned: 10,
      },
      channels: [],
    });
    const escalation = found.find(
      (insight) =>
        insight.id === 'conversation_patterns:escalation_rate_change:all',
    );
    expect(escalation).toMatchObject({
      title: 'The escalation rate rose from 20 % to 30 %',
      impact: 'high', // 10 points of all conversations: the high band starts at 0.1
      confidence: 0.8975, // 30/100 against 20/100 (see change-significance.spec)
    });
    expect(escalation?.impactScore).toBeCloseTo(0.1, 12);
    // Abandonment did not move: no finding.
    expect(
      found.some((insight) => insight.id.includes('abandonment_rate_change')),
    ).toBe(false);
  });

  it('ranks an improvement low and says to keep it', () => {
    const [resolution] = conversationPatternInsights({
      current: {
        conversations: 100,
        resolved: 80,
        escalated: 10,
        abandoned: 10,
      },
      previous: {
        conversations: 100,
        resolved: 70,
        escalated: 10,
        abandoned: 20,
      },
      channels: [],
    });
    expect(resolution).toMatchObject({
      id: 'conversation_patterns:resolution_rate_change:all',
      impact: 'low',
    });
    expect(resolution.impactScore).toBeCloseTo(0.01, 12);
    expect(resolution.recommendation).toContain('keep it');
  });

  it('finds the channel that resolves less than the others, weighted by its share', () => {
    const found = conversationPatternInsights({
      current: { conversations: 0, resolved: 0, escalated: 0, abandoned: 0 },
      previous: { conversations: 0, resolved: 0, escalated: 0, abandoned: 0 },
      channels: [
        channel('web', 300, 240, 30, 30),
        channel('whatsapp', 100, 50, 10, 40),
      ],
    });
    const whatsapp = found.filter(
      (insight) => insight.supportingData['channel'] === 'whatsapp',
    );
    expect(whatsapp.map((insight) => insight.id).sort()).toEqual([
      'conversation_patterns:abandonment_by_channel:whatsapp',
      'conversation_patterns:resolution_by_channel:whatsapp',
    ]);
    const resolution = whatsapp.find((insight) =>
      insight.id.includes('resolution'),
    );
    // 50 % against 80 % on web, on a quarter of the conversations: 0.3 × 0.25.
    expect(resolution?.impactScore).toBeCloseTo(0.075, 12);
    expect(resolution?.impact).toBe('medium');
    expect(resolution?.confidence).toBeGreaterThan(0.99);
    // Web resolves better and abandons less; it escalates 10 % like whatsapp: nothing to say of web.
    expect(
      found.some((insight) => insight.supportingData['channel'] === 'web'),
    ).toBe(false);
  });

  it('says nothing of groups under the minimum size', () => {
    expect(
      conversationPatternInsights({
        current: { conversations: 10, resolved: 1, escalated: 9, abandoned: 0 },
        previous: {
          conversations: 10,
          resolved: 9,
          escalated: 1,
          abandoned: 0,
        },
        channels: [channel('web', 10, 9, 1, 0), channel('sms', 10, 1, 9, 0)],
      }),
    ).toEqual([]);
  });
});

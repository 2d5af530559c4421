import { costByHourOfDay, modelUsageSummary } from './model-usage';

describe('modelUsageSummary', () => {
  it('derives error rate and per-call cost and tokens', () => {
    // 4 calls, 1 failed, 1,000 tokens, 10 cents
    const summary = modelUsageSummary({
      calls: 4,
      failures: 1,
      tokens: 1_000,
      inputTokens: 600,
      outputTokens: 400,
      costCents: 10,
      latencyP50Ms: 200,
      latencyP95Ms: 900,
      latencyP99Ms: 980,
    });
    expect(summary).toMatchObject({ errorRate: 0.25, costCentsPerCall: 2.5, tokensPerCall: 250 });
  });

  it('reports zero rates without calls', () => {
    const summary = modelUsageSummary({
      calls: 0,
      failures: 0,
      tokens: 0,
      inputTokens: 0,
      outputTokens: 0,
      costCents: 0,
      latencyP50Ms: null,
      latencyP95Ms: null,
      latencyP99Ms: null,
    });
    expect(summary).toMatchObject({ errorRate: 0, costCentsPerCall: 0, tokensPerCall: 0 });
  });
});

describe('costByHourOfDay', () => {
  it('lists all 24 local hours with their share of the cost', () => {
    // 3 cents at 09:00, 1 cent at 17:00 → shares 0.75 and 0.25
    const hours = costByHourOfDay([
      { hour: 9, calls: 2, costCents: 3 },
      { hour: 17, calls: 1, costCents: 1 },
    ]);
    expect(hours).toHaveLength(24);
    expect(hours[9]).toEqual({ hour: 9, calls: 2, costCents: 3, costShare: 0.75 });
    expect(hours[17].costShare).toBe(0.25);
    expect(hours[0]).toEqual({ hour: 0, calls: 0, costCents: 0, costShare: 0 });
  });
});

import {
  costOptimisationInsights,
  type HourlyCost,
  type ModelCostProfile,
} from './cost-optimisation-insights';

const GPT4O: ModelCostProfile = {
  provider: 'openai',
  model: 'gpt-4o',
  operation: 'chat_completion',
  calls: 200,
  tokens: 400_000,
  costCents: 4_000, // 0.01 ¢ per token
  shortPromptCalls: 100,
  shortPromptTokens: 30_000,
  shortPromptCostCents: 300,
};
const MINI: ModelCostProfile = {
  provider: 'openai',
  model: 'gpt-4o-mini',
  operation: 'chat_completion',
  calls: 300,
  tokens: 600_000,
  costCents: 300, // 0.0005 ¢ per token: 20× cheaper
  shortPromptCalls: 250,
  shortPromptTokens: 50_000,
  shortPromptCostCents: 25,
};
const EMBEDDINGS: ModelCostProfile = {
  provider: 'openai',
  model: 'text-embedding-3-small',
  operation: 'embedding',
  calls: 1_000,
  tokens: 1_000_000,
  costCents: 20,
  shortPromptCalls: 1_000,
  shortPromptTokens: 1_000_000,
  shortPromptCostCents: 20,
};
// Total spend 4,320 ¢ over 7 days.
const MODELS = [GPT4O, MINI, EMBEDDINGS];

function hours(
  costs: Record<number, number>,
  deferrable: Record<number, [calls: number, cents: number]> = {},
): HourlyCost[] {
  return Array.from({ length: 24 }, (_, hour) => ({
    hour,
    costCents: costs[hour] ?? 0,
    deferrableCalls: deferrable[hour]?.[0] ?? 0,
    deferrableCostCents: deferrable[hour]?.[1] ?? 0,
  }));
}

describe('costOptimisationInsights', () => {
  it('finds an expensive model answering short prompts a cheaper model of the tenant could take', () => {
    const [insight] = costOptimisationInsights({
      models: MODELS,
      repeated: [],
      hours: [],
      rangeDays: 7,
    });
    // Short prompts cost 300 ¢ on gpt-4o; 30,000 tokens at mini's 0.0005 ¢ cost 15 ¢: 285 ¢ saved per 7 days.
    expect(insight).toMatchObject({
      id: 'cost_optimisation:short_prompts:openai/gpt-4o/chat_completion',
      type: 'cost_optimisation',
      estimatedSavingsCents: 1221.43, // 285 × 30 / 7
      impactScore: 285 / 4320,
      impact: 'medium',
      confidence: 0.9, // 1 − 1/√100
      supportingData: {
        cheaperModel: { model: 'gpt-4o-mini', centsPerThousandTokens: 0.5 },
        centsPerThousandTokens: 10,
      },
    });
    expect(insight.explanation).toContain(
      '100 of 200 chat_completion calls to gpt-4o',
    );
    expect(insight.explanation).toContain('20×');
    expect(insight.recommendation).toContain('$12.21');
  });

  it('says nothing of a model less than twice the cheapest rate, or with too few short prompts', () => {
    const oneAndAHalfTimes = { ...GPT4O, tokens: 600_000, costCents: 450 }; // 0.00075 ¢ per token
    expect(
      costOptimisationInsights({
        models: [oneAndAHalfTimes, MINI],
        repeated: [],
        hours: [],
        rangeDays: 7,
      }),
    ).toEqual([]);
    const fewShortPrompts = { ...GPT4O, shortPromptCalls: 19 };
    expect(
      costOptimisationInsights({
        models: [fewShortPrompts, MINI],
        repeated: [],
        hours: [],
        rangeDays: 7,
      }),
    ).toEqual([]);
  });

  it('counts identical requests paid for again as what a response cache would save', () => {
    const found = costOptimisationInsights({
      models: MODELS,
      repeated: [
        {
          provider: 'openai',
          model: 'gpt-4o',
          operation: 'chat_completion',
          repeatedCalls: 40,
          repeatedCostCents: 160,
          repeatedRequests: 10,
        },
        {
          provider: 'openai',
          model: 'gpt-4o-mini',
          operation: 'chat_completion',
          repeatedCalls: 10,
          repeatedCostCents: 1,
          repeatedRequests: 5,
        },
      ],
      hours: [],
      rangeDays: 7,
    }).filter((insight) => insight.id.includes('repeated'));
    expect(found).toHaveLength(1); // 10 repeats are under the 20-call floor
    expect(found[0]).toMatchObject({
      estimatedSavingsCents: 685.71, // 160 × 30 / 7
      impact: 'medium', // 160 / 4320 = 3.7 % of spend
      confidence: 0.8419, // 1 − 1/√40
    });
  });

  it('prices deferrable work in the six costliest hours at the batch discount', () => {
    const found = costOptimisationInsights({
      models: MODELS,
      repeated: [],
      // Peak: 14 and 15, then four of the five 300 ¢ hours (earliest first): 9, 10, 11, 12.
      hours: hours(
        {
          9: 300,
          10: 300,
          11: 300,
          12: 300,
          13: 300,
          14: 1000,
          15: 900,
          3: 100,
        },
        { 14: [30, 40], 15: [10, 20], 13: [100, 50], 3: [500, 100] },
      ),
      rangeDays: 7,
    }).filter((insight) => insight.id.includes('off_peak'));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      estimatedSavingsCents: 128.57, // (40 + 20) × 0.5 × 30 / 7
      impact: 'low',
      supportingData: {
        peakHours: [9, 10, 11, 12, 14, 15],
        deferrableCalls: 40,
        deferrableCostCents: 60,
      },
    });
  });

  it('finds nothing without spend', () => {
    expect(
      costOptimisationInsights({
        models: [],
        repeated: [],
        hours: [],
        rangeDays: 7,
      }),
    ).toEqual([]);
  });
});

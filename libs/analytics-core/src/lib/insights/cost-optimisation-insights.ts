import { impactOf, type Insight } from './insight';
import {
  formatCents as cents,
  formatPercent as percent,
  roundTo,
} from './insight-text';

/** One provider/model/operation's spend over the range, with the part spent on short prompts. */
export interface ModelCostProfile {
  provider: string;
  model: string;
  operation: string;
  calls: number;
  tokens: number;
  costCents: number;
  /** Calls whose `input_tokens` were at most `assumptions.shortPromptTokens`, their tokens and cost. */
  shortPromptCalls: number;
  shortPromptTokens: number;
  shortPromptCostCents: number;
}

/** Calls that repeated an earlier call's `request_hash` in the range (every call after the first of a hash). */
export interface RepeatedRequestCost {
  provider: string;
  model: string;
  operation: string;
  repeatedCalls: number;
  repeatedCostCents: number;
  /** Distinct request hashes seen more than once. */
  repeatedRequests: number;
}

/** Spend per local hour of day; `deferrable` is the part of operations that could run later (batch jobs). */
export interface HourlyCost {
  hour: number;
  costCents: number;
  deferrableCalls: number;
  deferrableCostCents: number;
}

export interface CostOptimisationAssumptions {
  /** A prompt of at most this many input tokens is "short". */
  shortPromptTokens: number;
  /** A model costing at least this many times the cheapest one used for the same operation is "expensive". */
  expensiveRatio: number;
  /** Discount providers give deferred (batch) work; 0.5 is the usual batch-API price. */
  batchDiscount: number;
  /** The local hours of highest spend that count as peak. */
  peakHours: number;
  /** Fewer calls than this say nothing. */
  minCalls: number;
}

export const DEFAULT_COST_ASSUMPTIONS: CostOptimisationAssumptions =
  Object.freeze({
    shortPromptTokens: 500,
    expensiveRatio: 2,
    batchDiscount: 0.5,
    peakHours: 6,
    minCalls: 20,
  });

export interface CostOptimisationInput {
  models: readonly ModelCostProfile[];
  repeated: readonly RepeatedRequestCost[];
  hours: readonly HourlyCost[];
  /** Length of the range in days: savings are scaled to 30 days. */
  rangeDays: number;
  assumptions?: Partial<CostOptimisationAssumptions>;
}

/**
 * Where model spend could shrink, from `model_usage` events: expensive models answering short prompts a
 * cheaper model the tenant already uses could take, identical requests paid for again (a response cache),
 * and deferrable work run in the busiest hours (batch pricing off-peak). Each finding carries its estimated
 * saving per 30 days and the assumptions behind it.
 */
export function costOptimisationInsights(
  input: CostOptimisationInput,
): Insight[] {
  const assumptions = { ...DEFAULT_COST_ASSUMPTIONS, ...input.assumptions };
  const totalCost = input.models.reduce(
    (sum, model) => sum + model.costCents,
    0,
  );
  if (totalCost <= 0 || input.rangeDays <= 0) return [];
  const monthly = (cents: number) => (cents * 30) / input.rangeDays;
  return [
    ...expensiveModelsOnShortPrompts(
      input.models,
      assumptions,
      totalCost,
      monthly,
    ),
    ...repeatedRequests(input.repeated, assumptions, totalCost, monthly),
    ...offPeakWork(input.hours, assumptions, totalCost, monthly),
  ];
}

function expensiveModelsOnShortPrompts(
  models: readonly ModelCostProfile[],
  assumptions: CostOptimisationAssumptions,
  totalCost: number,
  monthly: (cents: number) => number,
): Insight[] {
  const insights: Insight[] = [];
  const byOperation = new Map<string, ModelCostProfile[]>();
  for (const model of models) {
    if (model.calls < assumptions.minCalls || model.tokens <= 0) continue;
    byOperation.set(model.operation, [
      ...(byOperation.get(model.operation) ?? []),
      model,
    ]);
  }
  for (const [operation, used] of byOperation) {
    const cheapest = used.reduce((best, model) =>
      rateOf(model) < rateOf(best) ? model : best,
    );
    const cheapestRate = rateOf(cheapest);
    for (const model of used) {
      if (
        model === cheapest ||
        rateOf(model) < cheapestRate * assumptions.expensiveRatio
      )
        continue;
      if (model.shortPromptCalls < assumptions.minCalls) continue;
      const saving =
        model.shortPromptCostCents - model.shortPromptTokens * cheapestRate;
      if (saving <= 0) continue;
      const share = model.shortPromptCostCents / model.costCents;
      insights.push({
        id: `cost_optimisation:short_prompts:${model.provider}/${model.model}/${operation}`,
        type: 'cost_optimisation',
        title: `${model.model} answers short ${operation} prompts that ${cheapest.model} could take`,
        explanation:
          `${model.shortPromptCalls} of ${model.calls} ${operation} calls to ${model.model} had at most ` +
          `${assumptions.shortPromptTokens} input tokens and cost ${cents(model.shortPromptCostCents)} ` +
          `(${percent(share)} of its spend). ${model.model} costs ${ratio(rateOf(model), cheapestRate)}× what ` +
          `${cheapest.model} costs per token for the same operation.`,
        recommendation:
          `Route ${operation} prompts of up to ${assumptions.shortPromptTokens} tokens to ${cheapest.model} ` +
          `(check answer quality on a sample first): about ${cents(monthly(saving))} saved per 30 days.`,
        impact: impactOf(saving / totalCost),
        impactScore: saving / totalCost,
        confidence: confidenceFromCalls(model.shortPromptCalls),
        estimatedSavingsCents: round2(monthly(saving)),
        supportingData: {
          provider: model.provider,
          model: model.model,
          operation,
          shortPromptCalls: model.shortPromptCalls,
          shortPromptTokens: model.shortPromptTokens,
          shortPromptCostCents: round2(model.shortPromptCostCents),
          centsPerThousandTokens: round4(rateOf(model) * 1000),
          cheaperModel: {
            provider: cheapest.provider,
            model: cheapest.model,
            centsPerThousandTokens: round4(cheapestRate * 1000),
          },
          assumptions: {
            shortPromptTokens: assumptions.shortPromptTokens,
            expensiveRatio: assumptions.expensiveRatio,
          },
        },
      });
    }
  }
  return insights;
}

function repeatedRequests(
  repeated: readonly RepeatedRequestCost[],
  assumptions: CostOptimisationAssumptions,
  totalCost: number,
  monthly: (cents: number) => number,
): Insight[] {
  return repeated
    .filter(
      (group) =>
        group.repeatedCalls >= assumptions.minCalls &&
        group.repeatedCostCents > 0,
    )
    .map((group) => ({
      id: `cost_optimisation:repeated_requests:${group.provider}/${group.model}/${group.operation}`,
      type: 'cost_optimisation' as const,
      title: `Identical ${group.operation} requests to ${group.model} are paid for again`,
      explanation:
        `${group.repeatedRequests === 1 ? 'One request was' : `${group.repeatedRequests} distinct requests were`} ` +
        `sent to ${group.model} more than once: ` +
        `${group.repeatedCalls} repeat calls costing ${cents(group.repeatedCostCents)}.`,
      recommendation:
        `Cache ${group.operation} responses by request hash: about ${cents(monthly(group.repeatedCostCents))} ` +
        `saved per 30 days.`,
      impact: impactOf(group.repeatedCostCents / totalCost),
      impactScore: group.repeatedCostCents / totalCost,
      confidence: confidenceFromCalls(group.repeatedCalls),
      estimatedSavingsCents: round2(monthly(group.repeatedCostCents)),
      supportingData: {
        ...group,
        repeatedCostCents: round2(group.repeatedCostCents),
      },
    }));
}

function offPeakWork(
  hours: readonly HourlyCost[],
  assumptions: CostOptimisationAssumptions,
  totalCost: number,
  monthly: (cents: number) => number,
): Insight[] {
  const peak = [...hours]
    .sort((a, b) => b.costCents - a.costCents || a.hour - b.hour)
    .slice(0, assumptions.peakHours);
  const deferrableCalls = peak.reduce(
    (sum, hour) => sum + hour.deferrableCalls,
    0,
  );
  const deferrableCost = peak.reduce(
    (sum, hour) => sum + hour.deferrableCostCents,
    0,
  );
  if (deferrableCalls < assumptions.minCalls || deferrableCost <= 0) return [];
  const saving = deferrableCost * assumptions.batchDiscount;
  const peakHours = peak.map((hour) => hour.hour).sort((a, b) => a - b);
  return [
    {
      id: 'cost_optimisation:off_peak:deferrable',
      type: 'cost_optimisation',
      title: 'Deferrable model work runs in the busiest hours',
      explanation:
        `${deferrableCalls} deferrable calls (embeddings and batch work) cost ${cents(deferrableCost)} during the ` +
        `${peakHours.length} local hours of highest spend (${peakHours.join(', ')} h).`,
      recommendation:
        `Queue deferrable work and send it off-peak through the provider's batch pricing: about ` +
        `${cents(monthly(saving))} saved per 30 days at a ${percent(assumptions.batchDiscount)} batch discount.`,
      impact: impactOf(saving / totalCost),
      impactScore: saving / totalCost,
      confidence: confidenceFromCalls(deferrableCalls),
      estimatedSavingsCents: round2(monthly(saving)),
      supportingData: {
        peakHours,
        deferrableCalls,
        deferrableCostCents: round2(deferrableCost),
        assumptions: {
          batchDiscount: assumptions.batchDiscount,
          peakHours: assumptions.peakHours,
        },
      },
    },
  ];
}

function rateOf(model: { costCents: number; tokens: number }): number {
  return model.costCents / model.tokens;
}

/** An estimate from n calls: 1 − 1/√n (0.9 at 100 calls, 0.97 at 1,000). */
function confidenceFromCalls(calls: number): number {
  return calls <= 1 ? 0 : round4(1 - 1 / Math.sqrt(calls));
}

function ratio(a: number, b: number): string {
  return (Math.round((a / b) * 10) / 10).toString();
}

function round2(value: number): number {
  return roundTo(value, 2);
}

function round4(value: number): number {
  return roundTo(value, 4);
}

import { conversionWindowMs, funnelDefinitionProblems, type FunnelDefinition } from '@pulse/analytics-core';
import { badRequest } from '@pulse/observability';
import { MAX_CONVERSION_WINDOW_SECONDS, type FunnelRequestDto } from './dto/funnel-request.dto';

/**
 * The definition a funnel request asks for, after the rules that span fields (400 naming the field): exactly
 * one of the two window fields, a window of at most 90 days, exclusion steps within the funnel and in order.
 */
export function funnelDefinitionOf(request: FunnelRequestDto): FunnelDefinition {
  const definition: FunnelDefinition = {
    steps: request.steps.map((step) => ({ eventType: step.eventType, filters: step.filters ?? [] })),
    conversionWindowMs: windowMsOf(request),
    breakdownProperty: request.breakdownProperty,
    startMode: request.startMode,
    order: request.order,
    exclusions: request.exclusions?.map((exclusion) => ({ eventType: exclusion.eventType, filters: exclusion.filters ?? [], afterStep: exclusion.afterStep, beforeStep: exclusion.beforeStep })),
  };
  const problems = funnelDefinitionProblems(definition);
  if (problems.length > 0) throw badRequest(problems);
  return definition;
}

function windowMsOf(request: FunnelRequestDto): number {
  const { conversionWindow, conversionWindowSeconds } = request;
  if ((conversionWindow === undefined) === (conversionWindowSeconds === undefined)) {
    const got = conversionWindow === undefined ? 'neither' : 'both';
    throw badRequest([{ field: 'conversionWindow', rule: 'exactlyOneWindow', message: `exactly one of conversionWindow and conversionWindowSeconds is required, got ${got}` }]);
  }
  if (conversionWindowSeconds !== undefined) return conversionWindowSeconds * 1000;
  const windowMs = conversionWindowMs(conversionWindow as NonNullable<typeof conversionWindow>);
  if (windowMs > MAX_CONVERSION_WINDOW_SECONDS * 1000) {
    throw badRequest([{ field: 'conversionWindow.value', rule: 'max', message: `conversionWindow.value must make a window of at most ${MAX_CONVERSION_WINDOW_SECONDS / 86_400} days` }]);
  }
  return windowMs;
}

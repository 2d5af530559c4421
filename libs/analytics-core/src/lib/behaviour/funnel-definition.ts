import type { EventMatcher } from './property-filter';

/** `any`: every step-1 event may start a chain; `first`: only the person's first one in the range. */
export const FUNNEL_START_MODES = ['any', 'first'] as const;
export type FunnelStartMode = (typeof FUNNEL_START_MODES)[number];

/**
 * `sequential`: each next step is the earliest later matching event, others may happen in between;
 * `strict`: each next step must be the very next event of any of the steps' types;
 * `any`: the steps in any order within the window (PostHog's unordered funnel). See `funnelOutcomes`.
 */
export const FUNNEL_ORDERS = ['sequential', 'strict', 'any'] as const;
export type FunnelOrder = (typeof FUNNEL_ORDERS)[number];

/** A chain with a matching event strictly between the times of its steps `afterStep` and `beforeStep` (1-based) does not reach `beforeStep`. */
export interface FunnelExclusion extends EventMatcher {
  afterStep: number;
  beforeStep: number;
}

export interface FunnelDefinition {
  /** Two or more steps, in order. */
  steps: readonly EventMatcher[];
  /** How long after entering (step 1) a person may take to reach a later step; inclusive. */
  conversionWindowMs: number;
  /** Split the funnel by this property of the event that starts the person's funnel. */
  breakdownProperty?: string;
  /** Default `any`. */
  startMode?: FunnelStartMode;
  /** Default `sequential`. */
  order?: FunnelOrder;
  exclusions?: readonly FunnelExclusion[];
}

export const FUNNEL_WINDOW_UNIT_MS = { minute: 60_000, hour: 3_600_000, day: 86_400_000, week: 604_800_000 } as const;
export type FunnelWindowUnit = keyof typeof FUNNEL_WINDOW_UNIT_MS;
export const FUNNEL_WINDOW_UNITS = Object.keys(FUNNEL_WINDOW_UNIT_MS) as FunnelWindowUnit[];

export function conversionWindowMs(window: { value: number; unit: FunnelWindowUnit }): number {
  return window.value * FUNNEL_WINDOW_UNIT_MS[window.unit];
}

/** A rule of a definition that is broken, named by the request field it concerns. */
export interface FunnelDefinitionProblem {
  field: string;
  rule: string;
  message: string;
}

/** The rules that span fields: exclusion steps within the funnel and in order, whole-funnel exclusions for `order: any`. */
export function funnelDefinitionProblems(definition: FunnelDefinition): FunnelDefinitionProblem[] {
  const problems: FunnelDefinitionProblem[] = [];
  const stepCount = definition.steps.length;
  if (definition.startMode !== undefined && !FUNNEL_START_MODES.includes(definition.startMode)) {
    problems.push({ field: 'startMode', rule: 'isIn', message: `startMode must be one of ${FUNNEL_START_MODES.join(', ')}` });
  }
  if (definition.order !== undefined && !FUNNEL_ORDERS.includes(definition.order)) {
    problems.push({ field: 'order', rule: 'isIn', message: `order must be one of ${FUNNEL_ORDERS.join(', ')}` });
  }
  (definition.exclusions ?? []).forEach(({ afterStep, beforeStep }, index) => {
    const field = `exclusions[${index}]`;
    if (!Number.isInteger(afterStep) || afterStep < 1 || afterStep >= stepCount) {
      problems.push({ field: `${field}.afterStep`, rule: 'isStepBeforeLast', message: `${field}.afterStep must be a step from 1 to ${stepCount - 1}` });
    } else if (!Number.isInteger(beforeStep) || beforeStep <= afterStep || beforeStep > stepCount) {
      problems.push({ field: `${field}.beforeStep`, rule: 'isStepAfterAfterStep', message: `${field}.beforeStep must be a step after afterStep (${afterStep}) and at most ${stepCount}` });
    } else if (definition.order === 'any' && (afterStep !== 1 || beforeStep !== stepCount)) {
      // Unordered steps have no "between steps k and k + 1": only the whole funnel (PostHog's rule too).
      problems.push({ field: `${field}.afterStep`, rule: 'spansAllStepsWhenUnordered', message: `${field}.afterStep must be 1 and beforeStep ${stepCount} (the whole funnel) with order any` });
    }
  });
  return problems;
}

/** Throws a RangeError naming the first broken rule (callers validate requests first; this guards the computation). */
export function assertFunnelDefinition(definition: FunnelDefinition): void {
  if (definition.steps.length < 2) throw new RangeError(`a funnel needs at least 2 steps, got ${definition.steps.length}`);
  const [problem] = funnelDefinitionProblems(definition);
  if (problem !== undefined) throw new RangeError(problem.message);
}

/**
 * For `order: any`: the group of each step, steps with the same matcher (type and filters) sharing one.
 * A group of g steps needs g events; steps of different groups may be served by one event.
 */
export function funnelStepGroups(steps: readonly EventMatcher[]): number[] {
  const keys: string[] = [];
  return steps.map((step) => {
    const key = JSON.stringify([step.eventType, step.filters ?? []]);
    const known = keys.indexOf(key);
    if (known >= 0) return known;
    keys.push(key);
    return keys.length - 1;
  });
}

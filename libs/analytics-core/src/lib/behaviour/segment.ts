import { toEpochMilliseconds, type Instant } from '../time-zone';
import { BehaviourEvent, epochMs, eventsByPerson } from './behaviour-event';
import { IDENTIFY_EVENT_TYPE, mergeTraits } from './person-traits';
import { matchesAllPropertyFilters, matchesEvent, propertyFilterProblem, type PropertyFilter } from './property-filter';

export const MAX_SEGMENT_CONDITIONS = 20;
export const MAX_SEGMENT_WITHIN_DAYS = 365;
export const MAX_SEGMENT_MIN_TIMES = 10_000;
const DAY_MS = 86_400_000;

/** "Did `eventType` (with these filters) at least `minTimes` times in the last `withinDays` days." */
export interface SegmentEventRule {
  eventType: string;
  filters?: PropertyFilter[];
  minTimes: number;
  /** A rolling window of withinDays × 24 h ending at the moment the segment is evaluated (not calendar days). */
  withinDays: number;
}

/** Who belongs to a segment: persons for whom every condition holds. */
export interface SegmentDefinition {
  /** On the person's traits (see `mergeTraits`), with the meaning of event property filters. */
  traitFilters?: PropertyFilter[];
  performed?: SegmentEventRule[];
}

/** Why a definition is unusable (field path and rule in the message), or an empty list. */
export function segmentDefinitionProblems(definition: SegmentDefinition): string[] {
  const traitFilters = definition.traitFilters ?? [];
  const performed = definition.performed ?? [];
  const problems: string[] = [];
  const conditions = traitFilters.length + performed.length;
  if (conditions < 1 || conditions > MAX_SEGMENT_CONDITIONS) problems.push(`definition must hold 1 to ${MAX_SEGMENT_CONDITIONS} conditions (traitFilters and performed together)`);
  traitFilters.forEach((filter, index) => {
    const problem = propertyFilterProblem(filter, `definition.traitFilters.${index}`);
    if (problem) problems.push(problem);
  });
  performed.forEach((rule, index) => {
    const path = `definition.performed.${index}`;
    if (!Number.isInteger(rule.minTimes) || rule.minTimes < 1 || rule.minTimes > MAX_SEGMENT_MIN_TIMES) problems.push(`${path}.minTimes must be an integer from 1 to ${MAX_SEGMENT_MIN_TIMES}`);
    if (!Number.isInteger(rule.withinDays) || rule.withinDays < 1 || rule.withinDays > MAX_SEGMENT_WITHIN_DAYS) problems.push(`${path}.withinDays must be an integer from 1 to ${MAX_SEGMENT_WITHIN_DAYS}`);
    (rule.filters ?? []).forEach((filter, filterIndex) => {
      const problem = propertyFilterProblem(filter, `${path}.filters.${filterIndex}`);
      if (problem) problems.push(problem);
    });
  });
  return problems;
}

/** The [from, to) instants (epoch ms) a rule counts events in, evaluated at `asOf`. */
export function segmentRuleWindow(rule: SegmentEventRule, asOf: Instant): { from: number; to: number } {
  const to = toEpochMilliseconds(asOf);
  return { from: to - rule.withinDays * DAY_MS, to };
}

/** Whether one person (their merged traits and their events) belongs to the segment at `asOf`. */
export function isSegmentMember(traits: Readonly<Record<string, unknown>>, events: readonly BehaviourEvent[], definition: SegmentDefinition, asOf: Instant): boolean {
  if (!matchesAllPropertyFilters(traits, definition.traitFilters)) return false;
  return (definition.performed ?? []).every((rule) => {
    const window = segmentRuleWindow(rule, asOf);
    const times = events.filter((event) => epochMs(event) >= window.from && epochMs(event) < window.to && matchesEvent(event, rule)).length;
    return times >= rule.minTimes;
  });
}

/**
 * The members among everyone with an event (the reference for the SQL path), in code-point order.
 * Traits come from the persons' identify events (`properties.traits`, `properties.traits_set_once`).
 */
export function segmentMembers(events: readonly BehaviourEvent[], definition: SegmentDefinition, asOf: Instant): string[] {
  const members: string[] = [];
  for (const [personKey, personEvents] of eventsByPerson(events)) {
    const traits = mergeTraits(
      personEvents
        .filter((event) => event.type === IDENTIFY_EVENT_TYPE)
        .map((event) => ({ eventId: event.eventId, occurredAt: event.occurredAt, traits: event.properties?.['traits'], traitsSetOnce: event.properties?.['traits_set_once'] })),
    );
    if (isSegmentMember(traits, personEvents, definition, asOf)) members.push(personKey);
  }
  return members;
}

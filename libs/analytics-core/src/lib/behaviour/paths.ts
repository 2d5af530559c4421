import { BehaviourEvent, compareCodePoints, epochMs, eventsByPerson } from './behaviour-event';

export const MAX_PATH_DEPTH = 10;

export interface PathDefinition {
  /** The event the paths start from (next) or lead to (previous). */
  anchorEventType: string;
  direction: 'next' | 'previous';
  /** How many events after (or before) the anchor, 1 … MAX_PATH_DEPTH. */
  depth: number;
}

/** An event type at a distance from the anchor (0 = the anchor; negative before it). */
export interface PathNode {
  step: number;
  eventType: string;
  users: number;
}

export interface PathLink {
  sourceStep: number;
  sourceEventType: string;
  targetStep: number;
  targetEventType: string;
  users: number;
}

/** Sankey data: nodes and the links between consecutive steps, each counting persons. */
export interface PathFlows {
  nodes: PathNode[];
  links: PathLink[];
}

/**
 * Most common paths after (or before) an event. Each person counts once, along the `depth` events that
 * follow (or precede) their FIRST anchor event in the range, consecutive events as they happened
 * (repeats included). Links go from the step nearer the anchor to the one further away.
 */
export function computePathFlows(events: readonly BehaviourEvent[], definition: PathDefinition): PathFlows {
  const nodes = new Map<string, PathNode>();
  const links = new Map<string, PathLink>();
  const sign = definition.direction === 'next' ? 1 : -1;
  for (const personEvents of eventsByPerson(events).values()) {
    const anchor = personEvents.findIndex((event) => event.type === definition.anchorEventType);
    if (anchor < 0) continue;
    let previous: PathNode | undefined;
    for (let distance = 0; distance <= definition.depth; distance++) {
      const event = personEvents[anchor + sign * distance];
      if (event === undefined) break;
      const step = distance === 0 ? 0 : sign * distance;
      const key = `${step}\u0000${event.type}`;
      const node = nodes.get(key) ?? { step, eventType: event.type, users: 0 };
      node.users += 1;
      nodes.set(key, node);
      if (previous) {
        const linkKey = `${previous.step}\u0000${previous.eventType}\u0000${event.type}`;
        const link = links.get(linkKey) ?? { sourceStep: previous.step, sourceEventType: previous.eventType, targetStep: step, targetEventType: event.type, users: 0 };
        link.users += 1;
        links.set(linkKey, link);
      }
      previous = node;
    }
  }
  return sortPathFlows({ nodes: [...nodes.values()], links: [...links.values()] });
}

/** Nearest the anchor first, then most users, then event type (code points): the order both paths answer in. */
export function sortPathFlows(flows: PathFlows): PathFlows {
  return {
    nodes: [...flows.nodes].sort((a, b) => Math.abs(a.step) - Math.abs(b.step) || b.users - a.users || compareCodePoints(a.eventType, b.eventType)),
    links: [...flows.links].sort(
      (a, b) =>
        Math.abs(a.sourceStep) - Math.abs(b.sourceStep) ||
        b.users - a.users ||
        compareCodePoints(a.sourceEventType, b.sourceEventType) ||
        compareCodePoints(a.targetEventType, b.targetEventType),
    ),
  };
}

export interface SessionSummary {
  sessions: number;
  /** Mean of (last event − first event) per session, in seconds; null without sessions. */
  averageDurationSeconds: number | null;
  /** Sessions with exactly one event / sessions; null without sessions. */
  bounceRate: number | null;
}

/**
 * Sessions as the stream processor cut them (its session ids), per person: events without a session id
 * are not in any. Only the events given (the range) count, so a session crossing the range edge is cut.
 */
export function summarizeSessions(events: readonly BehaviourEvent[]): SessionSummary {
  const sessions = new Map<string, { first: number; last: number; events: number }>();
  for (const event of events) {
    if (!event.sessionId) continue;
    const key = `${event.personKey}\u0000${event.sessionId}`;
    const at = epochMs(event);
    const session = sessions.get(key);
    if (session) {
      session.first = Math.min(session.first, at);
      session.last = Math.max(session.last, at);
      session.events += 1;
    } else sessions.set(key, { first: at, last: at, events: 1 });
  }
  return sessionSummaryFromTotals(
    sessions.size,
    [...sessions.values()].reduce((total, session) => total + (session.last - session.first) / 1000, 0),
    [...sessions.values()].filter((session) => session.events === 1).length,
  );
}

export function sessionSummaryFromTotals(sessions: number, totalDurationSeconds: number, bounces: number): SessionSummary {
  return {
    sessions,
    averageDurationSeconds: sessions > 0 ? totalDurationSeconds / sessions : null,
    bounceRate: sessions > 0 ? bounces / sessions : null,
  };
}

import { assignSessions, DEFAULT_REMEMBERED_SESSIONS, type SessionWindow } from '@pulse/analytics-core';
import type { SessionStateMerge } from './identity-resolution';

export interface SessionInput {
  eventId: string;
  occurredAt: Date;
  userKey: string;
  /** A session id the client sent; always kept. */
  clientSessionId: string | null;
}

export interface BatchSessions {
  /** Event id → session id, for every input event. */
  sessionIdOf: Map<string, string>;
  /** The new state of every user key this batch touched (including merge targets). */
  states: Map<string, SessionWindow[]>;
}

/**
 * Session ids for one tenant's new events: 30-minute inactivity gap, deterministic ids, continuing the
 * users' stored sessions (analytics-core `assignSessions`). Identity merges run first, so the events of
 * a visitor who just identified continue the session they had as an anonymous visitor.
 */
export function assignBatchSessions(
  tenantId: string,
  events: readonly SessionInput[],
  stored: ReadonlyMap<string, readonly SessionWindow[]>,
  merges: readonly SessionStateMerge[],
): BatchSessions {
  const states = new Map<string, SessionWindow[]>();
  const stateOf = (userKey: string) => states.get(userKey) ?? [...(stored.get(userKey) ?? [])];
  for (const merge of merges) {
    const sources = merge.fromKeys.flatMap((key) => stateOf(key));
    if (sources.length === 0) continue;
    states.set(merge.toKey, mergeSessionWindows(stateOf(merge.toKey), sources));
  }

  const byUser = new Map<string, SessionInput[]>();
  for (const event of events) {
    const list = byUser.get(event.userKey);
    if (list) list.push(event);
    else byUser.set(event.userKey, [event]);
  }
  const sessionIdOf = new Map<string, string>();
  for (const [userKey, userEvents] of byUser) {
    const result = assignSessions({
      tenantId,
      userKey,
      previous: { sessions: stateOf(userKey) },
      events: userEvents.map((event) => ({
        eventId: event.eventId,
        occurredAt: event.occurredAt,
        sessionId: event.clientSessionId,
      })),
    });
    for (const assignment of result.assignments) sessionIdOf.set(assignment.eventId, assignment.sessionId);
    states.set(userKey, result.state.sessions);
  }
  return { sessionIdOf, states };
}

/** Union of two users' windows (same session id: widened), the most recent ones kept, oldest first. */
export function mergeSessionWindows(
  a: readonly SessionWindow[],
  b: readonly SessionWindow[],
  maxRemembered = DEFAULT_REMEMBERED_SESSIONS,
): SessionWindow[] {
  const byId = new Map<string, SessionWindow>();
  for (const window of [...a, ...b]) {
    const known = byId.get(window.sessionId);
    byId.set(
      window.sessionId,
      known === undefined
        ? { ...window }
        : {
            sessionId: window.sessionId,
            startedAt: Math.min(known.startedAt, window.startedAt),
            lastEventAt: Math.max(known.lastEventAt, window.lastEventAt),
          },
    );
  }
  return [...byId.values()]
    .sort((x, y) => x.lastEventAt - y.lastEventAt || (x.sessionId < y.sessionId ? -1 : x.sessionId > y.sessionId ? 1 : 0))
    .slice(-maxRemembered);
}

import { deterministicId } from './deterministic-id';
import { Instant, toEpochMilliseconds } from './time-zone';

export const DEFAULT_SESSION_INACTIVITY_GAP_MS = 30 * 60_000;
export const DEFAULT_REMEMBERED_SESSIONS = 8;

/** One session of one user as far as we have seen it: first and last event times (epoch ms). */
export interface SessionWindow {
  sessionId: string;
  startedAt: number;
  lastEventAt: number;
}

/**
 * What the processor persists per (tenant, user) between batches: the user's most recent sessions,
 * oldest first. Several are kept, not just the last, so late events and redelivered batches find the
 * session they belong to.
 */
export interface SessionState {
  sessions: SessionWindow[];
}

export interface SessionizableEvent {
  eventId: string;
  occurredAt: Instant;
  /** A session id sent by the client; always kept. */
  sessionId?: string | null;
}

export interface SessionizationInput {
  tenantId: string;
  /** The canonical user key (see identity stitching), e.g. "user-42" or "anon:abc". */
  userKey: string;
  previous: SessionState | undefined;
  events: readonly SessionizableEvent[];
  inactivityGapMs?: number;
  maxRememberedSessions?: number;
}

export interface SessionAssignment {
  eventId: string;
  sessionId: string;
  /** True for the event that opened a session not known before (counts sessions in rollups). */
  startsSession: boolean;
}

export interface SessionizationResult {
  /** One per input event, in input order. */
  assignments: SessionAssignment[];
  state: SessionState;
}

/**
 * Assigns session ids to one user's events.
 *
 * Events are processed in time order (ties by event id), whatever order they arrive in, so the result
 * does not depend on how events were split into batches. For each event:
 * 1. a client-sent session id is kept, and its window is widened to include the event;
 * 2. otherwise the event joins the known session nearest in time whose window, widened by the
 *    inactivity gap on both sides, contains it (a late event within 30 minutes before a session's first
 *    event joins it too); on a tie, the session the event would continue (the earlier one);
 * 3. otherwise it opens a new session whose id is derived from tenant, user key, the event's time and
 *    event id (`deterministicId`), so the same input always yields the same id.
 * Sessions are never merged: a late event that bridges two sessions joins one of them.
 */
export function assignSessions(input: SessionizationInput): SessionizationResult {
  const gap = input.inactivityGapMs ?? DEFAULT_SESSION_INACTIVITY_GAP_MS;
  const remembered = input.maxRememberedSessions ?? DEFAULT_REMEMBERED_SESSIONS;
  if (!(gap >= 0)) throw new RangeError(`Invalid inactivity gap: ${gap}`);
  if (!Number.isInteger(remembered) || remembered < 1) {
    throw new RangeError(`Invalid number of remembered sessions: ${remembered}`);
  }

  const windows = new Map<string, SessionWindow>();
  for (const window of input.previous?.sessions ?? []) windows.set(window.sessionId, { ...window });

  const ordered = input.events
    .map((event, index) => ({ event, index, at: toEpochMilliseconds(event.occurredAt) }))
    .sort((a, b) => a.at - b.at || compareStrings(a.event.eventId, b.event.eventId) || a.index - b.index);

  const assignments: SessionAssignment[] = new Array(input.events.length);
  for (const { event, index, at } of ordered) {
    const clientSessionId = event.sessionId ?? undefined;
    let window = clientSessionId !== undefined ? windows.get(clientSessionId) : nearestWindow(windows, at, gap);
    const startsSession = window === undefined;
    if (window === undefined) {
      const sessionId = clientSessionId ?? deterministicId(at, input.tenantId, input.userKey, event.eventId);
      window = { sessionId, startedAt: at, lastEventAt: at };
      windows.set(sessionId, window);
    } else {
      window.startedAt = Math.min(window.startedAt, at);
      window.lastEventAt = Math.max(window.lastEventAt, at);
    }
    assignments[index] = { eventId: event.eventId, sessionId: window.sessionId, startsSession };
  }

  const sessions = [...windows.values()]
    .sort((a, b) => a.lastEventAt - b.lastEventAt || compareStrings(a.sessionId, b.sessionId))
    .slice(-remembered);
  return { assignments, state: { sessions } };
}

function nearestWindow(windows: Map<string, SessionWindow>, at: number, gap: number): SessionWindow | undefined {
  let best: SessionWindow | undefined;
  let bestDistance = Infinity;
  for (const window of windows.values()) {
    const distance = Math.max(0, window.startedAt - at, at - window.lastEventAt);
    if (distance > gap) continue;
    const isCloser = distance < bestDistance;
    const isTieButEarlier = distance === bestDistance && best !== undefined && window.startedAt < best.startedAt;
    if (isCloser || isTieButEarlier) {
      best = window;
      bestDistance = distance;
    }
  }
  return best;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

import { Instant, toEpochMilliseconds } from '../time-zone';

/**
 * One raw event as the behavioural analyses see it. `personKey` is the person the event counts for:
 * the stitched user key when the processor set one, else the user id, else `anon:<anonymousId>`.
 */
export interface BehaviourEvent {
  eventId: string;
  personKey: string;
  type: string;
  occurredAt: Instant;
  properties?: Readonly<Record<string, unknown>>;
  sessionId?: string | null;
}

/** The order every analysis walks a person's events in: time, then event id (code-point order, like SQL `COLLATE "C"`). */
export function compareEventOrder(a: BehaviourEvent, b: BehaviourEvent): number {
  return toEpochMilliseconds(a.occurredAt) - toEpochMilliseconds(b.occurredAt) || compareCodePoints(a.eventId, b.eventId);
}

/** Each person's events in walking order; persons in code-point order of their key. */
export function eventsByPerson(events: readonly BehaviourEvent[]): Map<string, BehaviourEvent[]> {
  const byPerson = new Map<string, BehaviourEvent[]>();
  for (const event of events) {
    const list = byPerson.get(event.personKey);
    if (list) list.push(event);
    else byPerson.set(event.personKey, [event]);
  }
  const keys = [...byPerson.keys()].sort(compareCodePoints);
  return new Map(keys.map((key) => [key, (byPerson.get(key) as BehaviourEvent[]).sort(compareEventOrder)]));
}

export function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function epochMs(event: BehaviourEvent): number {
  return toEpochMilliseconds(event.occurredAt);
}

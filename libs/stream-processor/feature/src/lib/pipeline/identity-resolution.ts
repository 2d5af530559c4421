import {
  ANONYMOUS_USER_KEY_PREFIX,
  applyIdentityLinks,
  canonicalUserKey,
  resolveIdentity,
  type IdentityMap,
} from '@pulse/analytics-core';
import { identityLinkOf, type IdentifiedPulseEvent } from '@pulse/contracts';

export interface IdentityEventInput {
  event: IdentifiedPulseEvent;
  occurredAt: Date;
}

export interface AddedIdentityLink {
  fromId: string;
  toId: string;
  sourceEventId: string;
  linkedAt: Date;
}

/** After a link, the session state kept under `fromKeys` continues under `toKey`. */
export interface SessionStateMerge {
  fromKeys: string[];
  toKey: string;
}

export interface BatchIdentities {
  /** The identity map with this batch's links applied. */
  map: Map<string, string>;
  /** Links new to the map, in event-time order: what the processor stores. */
  added: AddedIdentityLink[];
  sessionMerges: SessionStateMerge[];
}

/**
 * Applies the identity links a batch's identify and alias events carry (oldest first, first link wins,
 * loops refused: analytics-core's rules) to the tenant's stored map.
 *
 * An anonymous visitor who identifies keeps their session: the session state kept under the
 * anonymous key (`anon:<id>`), or under an aliased earlier user id, is merged into the user's.
 */
export function applyBatchIdentities(stored: IdentityMap, events: readonly IdentityEventInput[]): BatchIdentities {
  const candidates = events
    .map(({ event, occurredAt }) => ({ event, occurredAt, link: identityLinkOf(event) }))
    .filter((candidate) => candidate.link !== undefined)
    .sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || compare(a.event.eventId, b.event.eventId));
  const result = applyIdentityLinks(
    stored,
    candidates.map(({ link }) => ({ from: link!.previousId, to: link!.userId })),
  );
  const added: AddedIdentityLink[] = [];
  for (const link of result.added) {
    const source = candidates.find((candidate) => candidate.link!.previousId === link.from && candidate.link!.userId === link.to)!;
    added.push({ fromId: link.from, toId: link.to, sourceEventId: source.event.eventId, linkedAt: source.occurredAt });
  }
  const sessionMerges = added
    .map(({ fromId }) => ({
      fromKeys: [`${ANONYMOUS_USER_KEY_PREFIX}${fromId}`, fromId],
      toKey: resolveIdentity(result.map, fromId),
    }))
    .map((merge) => ({ ...merge, fromKeys: merge.fromKeys.filter((key) => key !== merge.toKey) }));
  return { map: result.map, added, sessionMerges };
}

/** The key an event counts its person by (see analytics-core `canonicalUserKey`); null for machine events. */
export function userKeyOf(map: IdentityMap, event: IdentifiedPulseEvent): string | null {
  return canonicalUserKey(map, { userId: event.userId, anonymousId: event.anonymousId }) ?? null;
}

/** Every id whose links resolving this batch may follow. */
export function identityIdsOf(event: IdentifiedPulseEvent): string[] {
  const ids: string[] = [];
  if (event.userId) ids.push(event.userId);
  if (event.anonymousId) ids.push(event.anonymousId);
  const link = identityLinkOf(event);
  if (link) ids.push(link.previousId);
  return ids;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

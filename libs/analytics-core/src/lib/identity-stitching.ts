/**
 * "from" is now known as "to": identify (anonymousId → userId), alias (previousId → userId), PostHog
 * `$identify` ($anon_distinct_id → distinct_id) and `$create_alias` (alias → distinct_id).
 */
export interface IdentityLink {
  from: string;
  to: string;
}

/** Direct links as stored, from → to. Resolution follows chains, so values need not be final. */
export type IdentityMap = ReadonlyMap<string, string>;

export type IdentityLinkRejection = 'conflict' | 'cycle' | 'self';

export interface RejectedIdentityLink {
  link: IdentityLink;
  reason: IdentityLinkRejection;
  /** For a conflict, where `from` already points. */
  existingTo?: string;
}

export interface IdentityLinkResult {
  map: Map<string, string>;
  /** Links new to the map, in the order applied: what the caller persists. */
  added: IdentityLink[];
  rejected: RejectedIdentityLink[];
}

/** The fields of an event that can carry identity links (Segment and PostHog shapes). */
export interface IdentityEvent {
  type: string;
  userId?: string | null;
  anonymousId?: string | null;
  previousId?: string | null;
  properties?: Readonly<Record<string, unknown>> | null;
}

export const ANONYMOUS_USER_KEY_PREFIX = 'anon:';

export function identityLinksFromEvent(event: IdentityEvent): IdentityLink[] {
  const userId = nonEmpty(event.userId);
  const properties = event.properties ?? {};
  const candidates: Array<[string | undefined, string | undefined]> = [];
  switch (event.type) {
    case 'identify':
      candidates.push([nonEmpty(event.anonymousId), userId]);
      break;
    case 'alias':
      candidates.push([nonEmpty(event.previousId), userId]);
      break;
    case '$identify':
      candidates.push([nonEmpty(properties['$anon_distinct_id']), userId ?? nonEmpty(properties['distinct_id'])]);
      break;
    case '$create_alias':
      candidates.push([nonEmpty(properties['alias']), userId ?? nonEmpty(properties['distinct_id'])]);
      break;
  }
  return candidates
    .filter((pair): pair is [string, string] => pair[0] !== undefined && pair[1] !== undefined && pair[0] !== pair[1])
    .map(([from, to]) => ({ from, to }));
}

/**
 * Applies links in order without touching the input map. First link wins: once an id points
 * somewhere, a later link from the same id to elsewhere is rejected as a conflict (the same rule as an
 * INSERT … ON CONFLICT DO NOTHING on the id, so the database and this function agree). A link that
 * would close a loop is rejected as a cycle; re-applying a known link is a no-op, so redelivery is
 * harmless.
 */
export function applyIdentityLinks(map: IdentityMap, links: readonly IdentityLink[]): IdentityLinkResult {
  const next = new Map(map);
  const added: IdentityLink[] = [];
  const rejected: RejectedIdentityLink[] = [];
  for (const link of links) {
    const existingTo = next.get(link.from);
    if (existingTo === link.to) continue;
    if (link.from === link.to) {
      rejected.push({ link, reason: 'self' });
    } else if (existingTo !== undefined) {
      rejected.push({ link, reason: 'conflict', existingTo });
    } else if (chainOf(next, link.to).includes(link.from)) {
      rejected.push({ link, reason: 'cycle' });
    } else {
      next.set(link.from, link.to);
      added.push(link);
    }
  }
  return { map: next, added, rejected };
}

/**
 * The final id an id is known as, following links. A loop can only come from links written
 * concurrently elsewhere; every id on it then resolves to the smallest id on the loop, whichever id
 * we start from.
 */
export function resolveIdentity(map: IdentityMap, id: string): string {
  const chain = chainOf(map, id);
  const last = chain[chain.length - 1];
  const next = map.get(last);
  if (next === undefined) return last;
  const loop = chain.slice(chain.indexOf(next));
  return loop.reduce((smallest, member) => (member < smallest ? member : smallest));
}

/**
 * The key rollups and sessions count a person by: the resolved userId when the event has one, else
 * the resolved anonymousId when it has been linked, else `anon:<anonymousId>`. Undefined when the event
 * carries neither id (validation should have rejected it).
 */
export function canonicalUserKey(
  map: IdentityMap,
  ids: { userId?: string | null; anonymousId?: string | null },
): string | undefined {
  const userId = nonEmpty(ids.userId);
  if (userId !== undefined) return resolveIdentity(map, userId);
  const anonymousId = nonEmpty(ids.anonymousId);
  if (anonymousId === undefined) return undefined;
  return map.has(anonymousId) ? resolveIdentity(map, anonymousId) : `${ANONYMOUS_USER_KEY_PREFIX}${anonymousId}`;
}

/** id, then each id it links to, stopping before the first repeat. */
function chainOf(map: IdentityMap, id: string): string[] {
  const chain = [id];
  const seen = new Set(chain);
  for (let next = map.get(id); next !== undefined && !seen.has(next); next = map.get(next)) {
    chain.push(next);
    seen.add(next);
  }
  return chain;
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

import { ALL_EVENT_TYPES } from '@pulse/analytics-core';

/** A stored event as first-seen tracking sees it. */
export interface FirstSeenSource {
  tenantId: string;
  type: string;
  occurredAt: Date;
  /** Null for machine events: nobody to remember. */
  userKey: string | null;
}

/** The earliest event of one person, of one type or (`ALL_EVENT_TYPES`) of any type, within a batch. */
export interface FirstSeenInput {
  tenantId: string;
  eventType: string;
  userKey: string;
  firstAt: Date;
}

/**
 * One row per (tenant, type, person) and per (tenant, person) for any type: the earliest `occurredAt`
 * among NEW events. The store keeps the smaller of this and what it had, so late events lower it.
 */
export function planFirstSeen(sources: readonly FirstSeenSource[]): FirstSeenInput[] {
  const earliest = new Map<string, FirstSeenInput>();
  const keep = (tenantId: string, eventType: string, userKey: string, occurredAt: Date) => {
    const key = JSON.stringify([tenantId, eventType, userKey]);
    const known = earliest.get(key);
    if (known === undefined) earliest.set(key, { tenantId, eventType, userKey, firstAt: occurredAt });
    else if (occurredAt.getTime() < known.firstAt.getTime()) known.firstAt = occurredAt;
  };
  for (const source of sources) {
    if (source.userKey === null) continue;
    keep(source.tenantId, source.type, source.userKey, source.occurredAt);
    keep(source.tenantId, ALL_EVENT_TYPES, source.userKey, source.occurredAt);
  }
  return [...earliest.values()];
}

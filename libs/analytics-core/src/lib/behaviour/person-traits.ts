import { toEpochMilliseconds, type Instant } from '../time-zone';
import { compareCodePoints } from './behaviour-event';

/** The event type whose `properties.traits` (and `traits_set_once`) describe a person. */
export const IDENTIFY_EVENT_TYPE = 'identify';

/** What one identify event says about its person (`properties.traits`, `properties.traits_set_once`). */
export interface IdentifyTraits {
  eventId: string;
  occurredAt: Instant;
  traits?: unknown;
  traitsSetOnce?: unknown;
}

/**
 * A person's traits from their identify events, merged in time order (then event id, as SQL's
 * `COLLATE "C"`): `traits` overwrite, `traits_set_once` only fill a trait nobody set before. So each
 * trait ends as its latest `traits` value, or else its earliest `traits_set_once` value, which is what
 * the SQL path (segments) computes. A null value is kept: it clears the trait (`is_set` is false).
 */
export function mergeTraits(identifies: readonly IdentifyTraits[]): Record<string, unknown> {
  const ordered = [...identifies].sort(
    (a, b) => toEpochMilliseconds(a.occurredAt) - toEpochMilliseconds(b.occurredAt) || compareCodePoints(a.eventId, b.eventId),
  );
  const merged: Record<string, unknown> = {};
  for (const identify of ordered) {
    for (const [name, value] of Object.entries(asObject(identify.traitsSetOnce))) {
      if (!Object.prototype.hasOwnProperty.call(merged, name)) merged[name] = value;
    }
    Object.assign(merged, asObject(identify.traits));
  }
  return merged;
}

/** Traits for display: cleared (null) traits left out, names in code-point order. */
export function displayedTraits(traits: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(traits)
      .filter(([, value]) => value !== null && value !== undefined)
      .sort(([a], [b]) => compareCodePoints(a, b)),
  );
}

function asObject(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

import { PulseEvent } from './pulse-event';

/** Two ids the processor should treat as one user from now on. */
export interface IdentityLink {
  /** The id being merged: usually an anonymousId, for an alias possibly an earlier userId. */
  previousId: string;
  userId: string;
}

/**
 * The link an identity event carries, if any: an `identify` with both `anonymousId` and `userId`
 * (Segment identify, PostHog `$identify` with `$anon_distinct_id`), or an `alias` whose
 * `properties.previous_id` joins the event's `userId`.
 */
export function identityLinkOf(event: PulseEvent): IdentityLink | undefined {
  const userId = event.userId;
  if (userId === undefined) return undefined;
  const previousId =
    event.type === 'identify'
      ? event.anonymousId
      : event.type === 'alias'
        ? (event.properties['previous_id'] as string | undefined)
        : undefined;
  return previousId === undefined || previousId === userId
    ? undefined
    : { previousId, userId };
}

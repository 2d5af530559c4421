/** What happened to an incident's `fired` notification: sent (or being sent), held back by the cooldown, or never recorded. */
export type FiredNotificationOutcome = 'notified' | 'suppressed' | 'absent';

/**
 * Cooldown: the least time between the starts of two notified incidents of one rule. A new incident
 * that starts sooner after the last notified one is recorded as suppressed, not sent.
 */
export function decideFiredNotification(input: {
  incidentStartedAt: number;
  /** Start of the rule's latest notified incident (other than this one), if any. */
  lastNotifiedIncidentStartedAt: number | null;
  cooldownMs: number;
}): 'notify' | 'suppress' {
  const last = input.lastNotifiedIncidentStartedAt;
  if (last === null || input.cooldownMs <= 0) return 'notify';
  return Math.abs(input.incidentStartedAt - last) < input.cooldownMs ? 'suppress' : 'notify';
}

/** A recovery is worth telling only to whoever heard that the incident fired. */
export function decideRecoveredNotification(fired: FiredNotificationOutcome): 'notify' | 'suppress' | 'skip' {
  if (fired === 'notified') return 'notify';
  return fired === 'suppressed' ? 'suppress' : 'skip';
}

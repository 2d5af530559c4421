import type { RawEventEnvelope } from '@pulse/contracts';

/**
 * Tenant + user: one user's events land on one partition and keep their order. Events without a
 * user (system metrics, model usage) need no order among themselves and spread by event id.
 */
export function partitionKeyOf(envelope: RawEventEnvelope): string {
  const { userId, anonymousId, eventId } = envelope.event;
  return `${envelope.tenantId}:${userId ?? anonymousId ?? eventId}`;
}

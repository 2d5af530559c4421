import { INBOUND_EVENT_TOPICS, TOPICS, type RawEventEnvelope, type ValidationIssue } from '@pulse/contracts';
import type { OutgoingMessage } from '@pulse/messaging';
import type { QuarantinedEvent } from '@pulse/storage';
import { replayMapperOf } from '../acceptance/event-mappers';
import { screenEvents, type ScreeningContext } from '../acceptance/screen-events';
import { partitionKeyOf } from '../publishing/partition-key';

/** What replaying one quarantined event gives: an envelope for the raw topic, a message for its original topic, or why not. */
export type ReplayPlan =
  | { id: string; eventId: string; kind: 'envelope'; envelope: RawEventEnvelope }
  | { id: string; eventId: string | null; kind: 'message'; topic: string; message: OutgoingMessage }
  | { id: string; eventId: string | null; kind: 'refused'; errors: ValidationIssue[] };

/**
 * Plans the replay of a quarantined event under the tenant's current policy and mappings (`context.schema`).
 * An edge refusal is mapped again by its API's mapper, from the payload as sent, stamped with the time it
 * was first received and stored under the id it was quarantined with, so replaying twice stores it once
 * (the processor drops the second copy). A processor dead letter goes back, as it was, to the topic it
 * was read from: the processor judges it again.
 */
export function planReplay(entry: QuarantinedEvent, context: Omit<ScreeningContext, 'receivedAt' | 'source' | 'newEventId'>): ReplayPlan {
  if (entry.stage === 'processor') return planRedelivery(entry);
  const map = replayMapperOf(entry.source);
  if (map === undefined) {
    return { id: entry.id, eventId: entry.eventId ?? null, kind: 'refused', errors: [{ field: 'source', rule: 'isReplayable', message: `events from "${entry.source}" cannot be replayed` }] };
  }
  const quarantinedId = entry.eventId ?? `quarantine-${entry.tenantId}-${entry.id}`;
  const screened = screenEvents([entry.payload], map, {
    ...context,
    receivedAt: entry.receivedAt.toISOString(),
    source: entry.source as ScreeningContext['source'],
    newEventId: () => quarantinedId,
  });
  const [envelope] = screened.accepted;
  if (envelope) return { id: entry.id, eventId: envelope.event.eventId, kind: 'envelope', envelope };
  return { id: entry.id, eventId: quarantinedId, kind: 'refused', errors: screened.rejected[0]?.errors ?? [] };
}

function planRedelivery(entry: QuarantinedEvent): ReplayPlan {
  const eventId = entry.eventId ?? null;
  if (!isInboundTopic(entry.source)) {
    return { id: entry.id, eventId, kind: 'refused', errors: [{ field: 'source', rule: 'isReplayable', message: `"${entry.source}" is not an inbound event topic` }] };
  }
  const value = typeof entry.payload === 'string' ? entry.payload : JSON.stringify(entry.payload);
  const key = isEnvelope(entry.payload) ? partitionKeyOf(entry.payload) : `${entry.tenantId}:${eventId ?? entry.id}`;
  return { id: entry.id, eventId, kind: 'message', topic: entry.source, message: { key, value } };
}

/** A contract topic, or one with a deployment's prefix (`staging.pulse.events.raw.v1`); never the dead-letter topic. */
function isInboundTopic(topic: string): boolean {
  if (topic === TOPICS.deadLetter || topic.endsWith(`.${TOPICS.deadLetter}`)) return false;
  return INBOUND_EVENT_TOPICS.some((inbound) => topic === inbound || topic.endsWith(`.${inbound}`));
}

function isEnvelope(payload: unknown): payload is RawEventEnvelope {
  if (typeof payload !== 'object' || payload === null) return false;
  const candidate = payload as Record<string, unknown>;
  return typeof candidate['tenantId'] === 'string' && typeof candidate['event'] === 'object' && candidate['event'] !== null;
}

import {
  correctClockSkew,
  isIsoTimestampWithOffset,
  mapPostHogCapture,
  mapSegmentMessage,
  validatePulseEvent,
  type CompatMappingOptions,
  type CompatMappingResult,
  type SegmentMessageType,
} from '@pulse/contracts';

/** Turns one event as a client sent it into a validated PulseEvent (or the reasons it is not one). */
export type EventMapper = (input: unknown, options: CompatMappingOptions) => CompatMappingResult;

/**
 * The native API: the canonical event itself. An optional `sentAt` (on the event, or for the whole
 * batch) corrects the client's clock the way Segment does: `timestamp = receivedAt − (sentAt − timestamp)`.
 */
export const mapNativeEvent: EventMapper = (input, options) => {
  if (!isRecord(input)) return validatePulseEvent(input);
  const { sentAt: ownSentAt, ...event } = input;
  const sentAt = ownSentAt ?? options.sentAt;
  if (sentAt != null && !isIsoTimestampWithOffset(sentAt)) {
    return { ok: false, errors: [{ field: 'sentAt', rule: 'isTimestamp', message: 'sentAt must be an ISO-8601 date-time with a time-zone offset' }] };
  }
  const validated = validatePulseEvent(event);
  if (!validated.ok || sentAt == null) return validated;
  const timestamp = correctClockSkew({ timestamp: validated.event.timestamp, sentAt, receivedAt: options.receivedAt });
  return { ok: true, event: { ...validated.event, timestamp }, sentAt };
};

/**
 * Segment messages. On `/v1/track`, `/v1/identify`… the route says the type (Segment ignores a
 * `type` in the body there); in `/v1/batch` each message says its own, and the batch's `context`
 * fills in what a message's own context leaves out.
 */
export function segmentMapper(routeType?: SegmentMessageType, batchContext?: unknown): EventMapper {
  return (input, options) => {
    if (!isRecord(input)) return mapSegmentMessage(input, options);
    const message: Record<string, unknown> = routeType ? { ...input, type: routeType } : { ...input };
    const ownContext = message['context'];
    if (isRecord(batchContext) && (ownContext === undefined || isRecord(ownContext))) {
      message['context'] = { ...batchContext, ...ownContext };
    }
    return mapSegmentMessage(message, options);
  };
}

/** PostHog capture payloads (`/capture`, `/batch`, `/e`, `/i/v0/e`). */
export const mapPostHogEvent: EventMapper = (input, options) => mapPostHogCapture(input, options);

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

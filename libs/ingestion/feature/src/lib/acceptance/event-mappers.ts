import {
  correctClockSkew,
  isIsoTimestampWithOffset,
  isRecord,
  mapPostHogCapture,
  mapSegmentMessage,
  validatePulseEvent,
  type CompatMappingOptions,
  type CompatMappingResult,
  type SegmentMessageType,
} from '@pulse/contracts';

/**
 * Turns one event as a client sent it into a validated PulseEvent (or the reasons it is not one).
 * `standalone`, when the route adds to what the client sent (Segment's route type, a batch's context),
 * gives the event with those additions in: what the quarantine keeps, so a replay maps it alike.
 */
export type EventMapper = ((input: unknown, options: CompatMappingOptions) => CompatMappingResult) & {
  standalone?: (input: unknown) => unknown;
};

/** The event as the quarantine keeps it: standing on its own, without the request around it. */
export function standaloneInputOf(map: EventMapper, input: unknown): unknown {
  return map.standalone ? map.standalone(input) : input;
}

/** The id the client gave the event: native `eventId`, Segment `messageId`, PostHog `uuid`. */
export function clientEventIdOf(input: unknown): string | undefined {
  if (!isRecord(input)) return undefined;
  const id = [input['eventId'], input['messageId'], input['uuid']].find((value) => typeof value === 'string' && value.trim() !== '');
  return typeof id === 'string' ? id.slice(0, 128) : undefined;
}

/** The event's type or name as sent (native `type`, Segment track's `event` or its type, PostHog `event`). */
export function clientEventTypeOf(input: unknown): string | undefined {
  if (!isRecord(input)) return undefined;
  const type = [input['event'], input['type']].find((value) => typeof value === 'string' && value.trim() !== '');
  return typeof type === 'string' ? type.slice(0, 200) : undefined;
}

/**
 * The native API: the canonical event itself. An optional `sentAt` (on the event, or for the whole
 * batch) corrects the client's clock the way Segment does: `timestamp = receivedAt − (sentAt − timestamp)`.
 */
export const mapNativeEvent: EventMapper = (input, options) => {
  if (!isRecord(input)) return validatePulseEvent(input, options.schema);
  const { sentAt: ownSentAt, ...event } = input;
  const sentAt = ownSentAt ?? options.sentAt;
  if (sentAt != null && !isIsoTimestampWithOffset(sentAt)) {
    return { ok: false, errors: [{ field: 'sentAt', rule: 'isTimestamp', message: 'sentAt must be an ISO-8601 date-time with a time-zone offset' }] };
  }
  const validated = validatePulseEvent(event, options.schema);
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
  const standalone = (input: unknown): unknown => {
    if (!isRecord(input)) return input;
    const message: Record<string, unknown> = routeType ? { ...input, type: routeType } : { ...input };
    const ownContext = message['context'];
    if (isRecord(batchContext) && (ownContext === undefined || isRecord(ownContext))) {
      message['context'] = { ...batchContext, ...ownContext };
    }
    return message;
  };
  const map: EventMapper = (input, options) => mapSegmentMessage(standalone(input), options);
  map.standalone = standalone;
  return map;
}

/** PostHog capture payloads (`/capture`, `/batch`, `/e`, `/i/v0/e`). */
export const mapPostHogEvent: EventMapper = (input, options) => mapPostHogCapture(input, options);


/** How a quarantined event of this source is mapped again on replay (its payload stands on its own). */
export function replayMapperOf(source: string): EventMapper | undefined {
  if (source === 'http') return mapNativeEvent;
  if (source === 'segment') return segmentMapper();
  if (source === 'posthog') return mapPostHogEvent;
  return undefined;
}

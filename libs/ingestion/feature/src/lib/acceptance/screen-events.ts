import type { EventSource, EventValidationOptions, RawEventEnvelope, ValidationIssue } from '@pulse/contracts';
import type { IngestionLimits } from '../limits/ingestion-limits';
import type { EventRejectionReason } from '../metrics/ingestion-metrics';
import { clientEventIdOf, clientEventTypeOf, standaloneInputOf, type EventMapper } from './event-mappers';

export interface RejectedEvent {
  /** Position in the request's batch (0 for a single event). */
  index: number;
  reason: EventRejectionReason;
  errors: ValidationIssue[];
  /** The client's id, or one Pulse assigned: a replay from the quarantine stores the event under it, once. */
  eventId: string;
  /** The type or event name as sent, when readable (for the data-quality overview). */
  eventType?: string;
  /** The event as sent, standing on its own (a Segment route's type and batch context filled in), for the quarantine. */
  payload: unknown;
}

export interface ScreenedEvents {
  /** Ready for the raw topic, in request order, each with an event id. */
  accepted: RawEventEnvelope[];
  rejected: RejectedEvent[];
}

export interface ScreeningContext {
  tenantId: string;
  source: EventSource;
  /** When Pulse received the request (ISO): the anchor of clock-skew correction and of the time window. */
  receivedAt: string;
  /** A send time for the whole batch, when the API has one (Segment `sentAt`, PostHog `sent_at`). */
  sentAt?: string;
  limits: Pick<IngestionLimits, 'maxEventBytes' | 'maxFutureSkewMs' | 'maxEventAgeMs'>;
  /** Assigns ids to events that came without one. */
  newEventId: () => string;
  /** The tenant's schema policy and property mappings (strict, none when absent). */
  schema?: EventValidationOptions;
}

/**
 * Checks every event of a request on its own (size, schema, time window) and wraps the good ones in
 * raw-topic envelopes. One bad event never costs its neighbours their place.
 */
export function screenEvents(inputs: readonly unknown[], map: EventMapper, context: ScreeningContext): ScreenedEvents {
  const accepted: RawEventEnvelope[] = [];
  const rejected: RejectedEvent[] = [];
  const options = {
    receivedAt: context.receivedAt,
    ...(context.sentAt ? { sentAt: context.sentAt } : {}),
    ...(context.schema ? { schema: context.schema } : {}),
  };
  inputs.forEach((input, index) => {
    const reject = (reason: EventRejectionReason, errors: ValidationIssue[], eventId?: string) => {
      const eventType = clientEventTypeOf(input);
      rejected.push({
        index,
        reason,
        errors,
        eventId: eventId ?? clientEventIdOf(input) ?? context.newEventId(),
        ...(eventType ? { eventType } : {}),
        payload: standaloneInputOf(map, input),
      });
    };
    const bytes = Buffer.byteLength(JSON.stringify(input) ?? '', 'utf8');
    if (bytes > context.limits.maxEventBytes) {
      const message = `the event is ${bytes} bytes of JSON; at most ${context.limits.maxEventBytes} are accepted`;
      reject('too_large', [{ field: '', rule: 'maxEventBytes', message }]);
      return;
    }
    const mapped = map(input, options);
    if (!mapped.ok) {
      reject('invalid', mapped.errors);
      return;
    }
    const windowIssue = timestampWindowIssue(mapped.event.timestamp, context);
    if (windowIssue) {
      reject('timestamp_out_of_window', [windowIssue], mapped.event.eventId);
      return;
    }
    const eventId = mapped.event.eventId ?? context.newEventId();
    accepted.push({
      schemaVersion: 1,
      tenantId: context.tenantId,
      receivedAt: context.receivedAt,
      ...(mapped.sentAt ? { sentAt: mapped.sentAt } : {}),
      source: context.source,
      event: { ...mapped.event, eventId },
    });
  });
  return { accepted, rejected };
}

/** Events more than a day ahead of the server or more than a year behind it are refused (see ingestion-limits.ts). */
export function timestampWindowIssue(
  timestamp: string,
  context: Pick<ScreeningContext, 'receivedAt' | 'limits'>,
): ValidationIssue | undefined {
  const received = Date.parse(context.receivedAt);
  const at = Date.parse(timestamp);
  if (at - received > context.limits.maxFutureSkewMs) {
    return {
      field: 'timestamp',
      rule: 'maxFutureSkew',
      message: `timestamp ${timestamp} is more than ${hours(context.limits.maxFutureSkewMs)} hours after the server received it (${context.receivedAt}): check the client's clock`,
    };
  }
  if (received - at > context.limits.maxEventAgeMs) {
    return {
      field: 'timestamp',
      rule: 'maxEventAge',
      message: `timestamp ${timestamp} is more than ${days(context.limits.maxEventAgeMs)} days before the server received it (${context.receivedAt}): events that old are not accepted`,
    };
  }
  return undefined;
}

function hours(milliseconds: number): number {
  return milliseconds / 3_600_000;
}

function days(milliseconds: number): number {
  return milliseconds / 86_400_000;
}

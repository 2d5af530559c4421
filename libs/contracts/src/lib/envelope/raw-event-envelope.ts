import { Equals, IsOptional } from 'class-validator';
import { PulseEvent } from '../events/pulse-event';
import {
  presentOnly,
  validatePlainObject,
  validatePulseEvent,
} from '../events/validate-pulse-event';
import type { SchemaPolicy } from '../validation/schema-policy';
import {
  IsIdentifier,
  IsOneOf,
  IsPlainObject,
  IsRequired,
  IsTimestamp,
} from '../validation/property-rules';
import {
  summarizeIssues,
  ValidationIssue,
} from '../validation/validation-issues';

/** How the event entered Pulse. */
export const EVENT_SOURCES = ['http', 'segment', 'posthog', 'kafka'] as const;
export type EventSource = (typeof EVENT_SOURCES)[number];

/** An event on its way through Kafka always has an id: the processor de-duplicates on (tenant, eventId). */
export type IdentifiedPulseEvent = PulseEvent & { eventId: string };

/** What `pulse.events.raw.v1` carries, one event per message, as JSON. */
export interface RawEventEnvelope {
  schemaVersion: 1;
  tenantId: string;
  /** Stamped by Pulse when the event arrived. */
  receivedAt: string;
  /** The client's send time, when it gave one (kept after clock-skew correction, for audit). */
  sentAt?: string;
  source: EventSource;
  event: IdentifiedPulseEvent;
}

export type DecodeResult =
  /** `violations`: what a lenient decode let through (absent when none). */
  | { ok: true; envelope: RawEventEnvelope; violations?: ValidationIssue[] }
  /** `reason` is one readable line for the dead-letter topic; `errors` has the details. */
  | { ok: false; reason: string; errors: ValidationIssue[] };

class RawEventEnvelopeDto {
  @IsRequired()
  @Equals(1, {
    message: '$property must be 1 (this decoder reads version 1 only)',
  })
  readonly schemaVersion!: 1;
  @IsRequired() @IsIdentifier() readonly tenantId!: string;
  @IsRequired() @IsTimestamp() readonly receivedAt!: string;
  @IsOptional() @IsTimestamp() readonly sentAt?: string;
  @IsRequired() @IsOneOf(EVENT_SOURCES) readonly source!: EventSource;
  /** Checked by `validatePulseEvent` afterwards, so its errors come out once, under `event.`. */
  @IsRequired() @IsPlainObject() readonly event!: Record<string, unknown>;
}

export function encodeEnvelope(envelope: RawEventEnvelope): string {
  const { schemaVersion, tenantId, receivedAt, sentAt, source, event } =
    envelope;
  return JSON.stringify({
    schemaVersion,
    tenantId,
    receivedAt,
    ...presentOnly({ sentAt }),
    source,
    event,
  });
}

/** Parses and validates a raw-topic message; never throws. */
export function decodeEnvelope(
  message: string | Uint8Array,
  policy: SchemaPolicy = 'strict',
): DecodeResult {
  const parsed = parseJson(message);
  if (!parsed.ok) return parsed;
  return validateEnvelope(parsed.value, policy);
}

/** Validates an already parsed envelope (the in-process bus hands objects over without JSON). */
export function validateEnvelope(
  input: unknown,
  policy: SchemaPolicy = 'strict',
): DecodeResult {
  const envelopeIssues = validatePlainObject(
    RawEventEnvelopeDto,
    input,
    'the envelope',
  );
  const eventInput = (input as Record<string, unknown> | null)?.['event'];
  const isEventObject =
    typeof eventInput === 'object' &&
    eventInput !== null &&
    !Array.isArray(eventInput);
  const validated = isEventObject
    ? validatePulseEvent(eventInput, { policy })
    : undefined;
  const eventIssues =
    validated?.ok === false
      ? validated.errors.map((issue) => prefixed('event', issue))
      : [];
  if (validated?.ok && validated.event.eventId === undefined) {
    eventIssues.push({
      field: 'event.eventId',
      rule: 'isDefined',
      message: 'event.eventId is required in an envelope',
    });
  }
  if (envelopeIssues.length > 0 || eventIssues.length > 0 || !validated?.ok) {
    return failure([...envelopeIssues, ...eventIssues]);
  }
  const envelope = input as Record<string, unknown>;
  return {
    ok: true,
    envelope: {
      schemaVersion: 1,
      tenantId: envelope['tenantId'] as string,
      receivedAt: envelope['receivedAt'] as string,
      ...presentOnly({ sentAt: envelope['sentAt'] as string | undefined }),
      source: envelope['source'] as EventSource,
      event: validated.event as IdentifiedPulseEvent,
    },
    // Field names relative to the event (`properties.revenue`), as they are stored beside it.
    ...(validated.violations ? { violations: validated.violations } : {}),
  };
}

export function failure(
  errors: ValidationIssue[],
): DecodeResult & { ok: false } {
  return { ok: false, reason: summarizeIssues(errors), errors };
}

export function parseJson(
  message: string | Uint8Array,
): { ok: true; value: unknown } | (DecodeResult & { ok: false }) {
  try {
    const text =
      typeof message === 'string'
        ? message
        : new TextDecoder('utf-8', { fatal: true }).decode(message);
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return failure([
      {
        field: '',
        rule: 'isJson',
        message: `message is not valid UTF-8 JSON: ${(error as Error).message}`,
      },
    ]);
  }
}

function prefixed(prefix: string, issue: ValidationIssue): ValidationIssue {
  const field = issue.field === '' ? prefix : `${prefix}.${issue.field}`;
  const message =
    issue.field === ''
      ? issue.message
      : issue.message.replace(issue.field, field);
  return { ...issue, field, message };
}

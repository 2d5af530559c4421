import {
  decodeQuarantineRecord,
  isRecord,
  isValidationIssue,
  QUARANTINE_RECORD_HEADER,
  type ValidationIssue,
} from '@pulse/contracts';
import { DEAD_LETTER_HEADERS, type ReceivedMessage } from '@pulse/messaging';
import type { NewQuarantinedEvent } from '@pulse/storage';

/** A payload is kept as received up to this many characters; a larger one (it was refused as too large) is cut. */
export const MAX_QUARANTINED_PAYLOAD_CHARS = 256 * 1024;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A dead letter read back for the quarantine; `tenantId` is still to be checked against the tenants. */
export type QuarantineCandidate = NewQuarantinedEvent;

/**
 * What a message on the dead-letter topic says for the tenant's quarantine, or undefined when it names
 * no tenant (there is nobody to keep it for). Two kinds arrive: the ingestion edge's refusals (marked
 * by `x-quarantine-record`, their value a `QuarantineRecord`) and the stream processor's dead letters
 * (the original message, with the reason in the dead-letter headers). For the latter, `source` is the
 * topic it was read from: a replay publishes it there again.
 */
export function quarantineCandidateOf(message: ReceivedMessage): QuarantineCandidate | undefined {
  if (message.headers[QUARANTINE_RECORD_HEADER] !== undefined) return fromIngestionRecord(message);
  return fromProcessorDeadLetter(message);
}

function fromIngestionRecord(message: ReceivedMessage): QuarantineCandidate | undefined {
  const record = decodeQuarantineRecord(message.value);
  if (record === undefined || !UUID.test(record.tenantId)) return undefined;
  return {
    tenantId: record.tenantId,
    receivedAt: new Date(record.receivedAt),
    stage: 'ingestion',
    source: record.source,
    eventId: record.eventId ?? null,
    eventType: record.eventType ?? null,
    reason: record.reason,
    errors: record.errors.map(storableIssue),
    payload: boundedPayload(record.payload),
  };
}

function fromProcessorDeadLetter(message: ReceivedMessage): QuarantineCandidate | undefined {
  const text = message.value.toString('utf8');
  const parsed = parseJson(text);
  const fields = isRecord(parsed) ? parsed : {};
  const event = isRecord(fields['event']) ? fields['event'] : undefined;
  const tenantId = [fields['tenantId'], fields['tenant_id'], message.key?.split(':')[0]].find(
    (candidate): candidate is string => typeof candidate === 'string' && UUID.test(candidate),
  );
  if (tenantId === undefined) return undefined;
  const category = message.headers[DEAD_LETTER_HEADERS.category] ?? 'invalid';
  const reasonText = message.headers[DEAD_LETTER_HEADERS.error] ?? 'rejected by the stream processor';
  return {
    tenantId,
    receivedAt: receivedAtOf(fields['receivedAt'], message.timestamp),
    stage: 'processor',
    source: message.headers[DEAD_LETTER_HEADERS.originalTopic] ?? message.topic,
    eventId: textOf(event?.['eventId']) ?? textOf(fields['event_id']) ?? null,
    eventType: textOf(event?.['type']) ?? textOf(fields['event_type']) ?? null,
    reason: category,
    errors: (errorsOf(message.headers[DEAD_LETTER_HEADERS.errors]) ?? [{ field: '', rule: category, message: reasonText }]).map(storableIssue),
    payload: parsed === undefined ? boundedPayload(text) : boundedPayload(parsed),
  };
}

/**
 * The payload as the quarantine can hold it: cut at the bound, and never with a NUL character, which
 * PostgreSQL's text and jsonb refuse (an event refused for carrying one must still be kept): JSON with an
 * escaped NUL is kept as its text, a raw NUL becomes U+FFFD.
 */
function boundedPayload(payload: unknown): unknown {
  if (typeof payload === 'string') return storableText(payload.slice(0, MAX_QUARANTINED_PAYLOAD_CHARS));
  const serialized = JSON.stringify(payload) ?? 'null';
  if (serialized.length > MAX_QUARANTINED_PAYLOAD_CHARS || serialized.includes('\\u0000')) {
    return storableText(serialized.slice(0, MAX_QUARANTINED_PAYLOAD_CHARS));
  }
  return payload;
}

function storableText(text: string): string {
  return text.includes('\u0000') ? text.split('\u0000').join('\uFFFD') : text;
}

function storableIssue(issue: ValidationIssue): ValidationIssue {
  return { field: storableText(issue.field), rule: storableText(issue.rule), message: storableText(issue.message) };
}

function errorsOf(header: string | undefined): ValidationIssue[] | undefined {
  const parsed = header === undefined ? undefined : parseJson(header);
  if (!Array.isArray(parsed)) return undefined;
  const issues = parsed.filter(isValidationIssue);
  return issues.length > 0 ? issues : undefined;
}

function receivedAtOf(stamped: unknown, messageTimestamp: string): Date {
  if (typeof stamped === 'string' && !Number.isNaN(Date.parse(stamped))) return new Date(stamped);
  const milliseconds = Number(messageTimestamp);
  return new Date(Number.isFinite(milliseconds) && milliseconds > 0 ? milliseconds : Date.now());
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function textOf(value: unknown): string | undefined {
  return typeof value === 'string' ? storableText(value) : undefined;
}

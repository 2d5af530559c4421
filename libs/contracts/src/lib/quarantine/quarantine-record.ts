import {
  isValidationIssue,
  type ValidationIssue,
} from '../validation/validation-issues';

/**
 * An event the ingestion edge refused, on its way to the tenant's quarantine. Ingestion publishes it
 * to the dead-letter topic, marked by this header, awaited with the accepted events: a refused event is
 * never only counted.
 */
export const QUARANTINE_RECORD_HEADER = 'x-quarantine-record';

export interface QuarantineRecord {
  tenantId: string;
  /** When Pulse received the request (ISO). */
  receivedAt: string;
  /** Which API it came through (`http`, `segment`, `posthog`); replay maps it again the same way. */
  source: string;
  /** The id the event would have been stored under (its own, or one Pulse assigned): replay keeps it. */
  eventId?: string;
  eventType?: string;
  /** Tenant-independent reason (`invalid`, `too_large`, `timestamp_out_of_window`…). */
  reason: string;
  errors: ValidationIssue[];
  /** The event as the client sent it (for Segment, with the route's type and the batch's context filled in). */
  payload: unknown;
}

export function encodeQuarantineRecord(record: QuarantineRecord): string {
  return JSON.stringify(record);
}

/** The record, or undefined when the value is not one (a foreign producer's message on the dead-letter topic). */
export function decodeQuarantineRecord(value: Buffer | string): QuarantineRecord | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value.toString());
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const record = parsed as Record<string, unknown>;
  const isText = (key: string) => typeof record[key] === 'string';
  if (!isText('tenantId') || !isText('receivedAt') || !isText('source') || !isText('reason')) return undefined;
  if (Number.isNaN(Date.parse(record['receivedAt'] as string)) || !Array.isArray(record['errors'])) return undefined;
  return {
    tenantId: record['tenantId'] as string,
    receivedAt: record['receivedAt'] as string,
    source: record['source'] as string,
    ...(isText('eventId') ? { eventId: record['eventId'] as string } : {}),
    ...(isText('eventType') ? { eventType: record['eventType'] as string } : {}),
    reason: record['reason'] as string,
    errors: (record['errors'] as unknown[]).filter(isValidationIssue),
    payload: record['payload'] ?? null,
  };
}


import { isCount, isInstant, isText, parseJsonObject } from './json-record';

/**
 * On `pulse.live.v1` (keyed by tenant id): the stream processor stored a batch of the tenant's events and
 * updated its live state. Only a nudge — readers read the live state itself — so a lost or repeated notice
 * costs one push at most.
 */
export interface LiveStateNotice {
  schemaVersion: 1;
  tenantId: string;
  /** Events of the tenant the batch stored. */
  events: number;
  /** When the live state was written (ISO). */
  at: string;
}

export function encodeLiveStateNotice(notice: LiveStateNotice): string {
  return JSON.stringify(notice);
}

export type LiveStateNoticeDecoding = { ok: true; notice: LiveStateNotice } | { ok: false; reason: string };

/** The notice, or why the message is none (never throws). */
export function decodeLiveStateNotice(value: Buffer | string): LiveStateNoticeDecoding {
  const parsed = parseJsonObject(value);
  if (!parsed.ok) return parsed;
  const record = parsed.record;
  if (record['schemaVersion'] !== 1) return { ok: false, reason: 'schemaVersion is not 1' };
  if (!isText(record['tenantId'])) return { ok: false, reason: 'tenantId is not a string' };
  if (!isCount(record['events'])) return { ok: false, reason: 'events is not a count' };
  if (!isInstant(record['at'])) return { ok: false, reason: 'at is not an instant' };
  return { ok: true, notice: { schemaVersion: 1, tenantId: record['tenantId'], events: record['events'], at: record['at'] } };
}

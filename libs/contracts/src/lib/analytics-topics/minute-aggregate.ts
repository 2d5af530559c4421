import { isCount, isFiniteNumber, isInstant, isNullableNumber, isText, parseJsonObject } from './json-record';

/**
 * One tenant's closed minute on `pulse.aggregates.v1` (keyed by tenant id), published by the stream
 * processor once the minute is closed (see its README: its input stored up to the minute's end plus a
 * lateness allowance). Counts are of the events stored by then whose time falls in the minute; events
 * arriving later are stored and queried as usual but change no published aggregate.
 */
export interface MinuteAggregate {
  schemaVersion: 1;
  tenantId: string;
  /** ISO instant, a whole UTC minute: [minuteStart, minuteStart + 60 s). */
  minuteStart: string;
  /** When the processor closed the minute (ISO). */
  closedAt: string;
  events: number;
  /** Events per type (types without events are absent). */
  eventsByType: Record<string, number>;
  /** Distinct persons (canonical user keys) with an event; machine events have none. */
  activeUsers: number;
  /** `purchase` events. */
  orders: number;
  /** Sum of each purchase's `revenue` (else `total`) in the tenant's currency (purchases in another currency are left out). */
  revenue: number;
  /** The tenant's currency, ISO 4217. */
  currency: string;
  /** `conversation_started` events. */
  conversations: number;
  /**
   * HTTP requests: `system_metric` events named `http_request_duration_ms` (Pulse's request convention,
   * analytics-core `HTTP_REQUEST_METRIC`, as `GET /v1/system/endpoints` reads them).
   */
  requests: number;
  /** Requests with `tags.status` 500–599. */
  errors: number;
  /** errors / requests; null without requests. */
  errorRate: number | null;
  /** p95 (PostgreSQL `percentile_cont`) of the requests' `metric_value`, their latency in ms; null without requests. */
  latencyP95Ms: number | null;
}

export function encodeMinuteAggregate(aggregate: MinuteAggregate): string {
  return JSON.stringify(aggregate);
}

export type MinuteAggregateDecoding = { ok: true; aggregate: MinuteAggregate } | { ok: false; reason: string };

/** The aggregate, or why the message is none (never throws). */
export function decodeMinuteAggregate(value: Buffer | string): MinuteAggregateDecoding {
  const parsed = parseJsonObject(value);
  if (!parsed.ok) return parsed;
  const record = parsed.record;
  if (record['schemaVersion'] !== 1) return { ok: false, reason: 'schemaVersion is not 1' };
  for (const key of ['tenantId', 'currency'] as const) if (!isText(record[key])) return { ok: false, reason: `${key} is not a string` };
  for (const key of ['minuteStart', 'closedAt'] as const) if (!isInstant(record[key])) return { ok: false, reason: `${key} is not an instant` };
  if (Date.parse(record['minuteStart'] as string) % 60_000 !== 0) return { ok: false, reason: 'minuteStart is not a whole minute' };
  for (const key of ['events', 'activeUsers', 'orders', 'conversations', 'requests', 'errors'] as const) {
    if (!isCount(record[key])) return { ok: false, reason: `${key} is not a count` };
  }
  if (!isFiniteNumber(record['revenue'])) return { ok: false, reason: 'revenue is not a number' };
  for (const key of ['errorRate', 'latencyP95Ms'] as const)
    if (!isNullableNumber(record[key])) return { ok: false, reason: `${key} is not a number or null` };
  const byType = record['eventsByType'];
  if (typeof byType !== 'object' || byType === null || Array.isArray(byType) || !Object.values(byType).every(isCount)) {
    return { ok: false, reason: 'eventsByType is not a map of counts' };
  }
  return { ok: true, aggregate: record as unknown as MinuteAggregate };
}

import { isFiniteNumber, isInstant, isNullableNumber, isText, parseJsonObject } from './json-record';

export const ANOMALY_SIGNAL_KINDS = ['fired', 'recovered'] as const;
export type AnomalySignalKind = (typeof ANOMALY_SIGNAL_KINDS)[number];
export const ANOMALY_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type AnomalySeverity = (typeof ANOMALY_SEVERITIES)[number];
const GRANULARITIES = ['minute', 'hour', 'day'];

/** The rule's condition as the signal reports it. */
export type AnomalySignalCondition =
  | { kind: 'threshold'; operator: 'above' | 'below'; value: number }
  | { kind: 'anomaly'; method: string; sensitivity: number };

/**
 * What the insights detector publishes on `pulse.anomalies.v1` (keyed by `<tenant>:<rule>`) when an
 * alert rule's bucket closes: `fired` for every bucket that breaches (all buckets of one incident share
 * its `incidentId`), `recovered` once, for the first bucket that no longer does.
 */
export interface AnomalySignal {
  schemaVersion: 1;
  kind: AnomalySignalKind;
  tenantId: string;
  ruleId: string;
  ruleName: string;
  incidentId: string;
  /** Start of the incident's first bucket (ISO). */
  incidentStartedAt: string;
  granularity: 'minute' | 'hour' | 'day';
  /** The bucket judged: [bucketStart, bucketEnd) (ISO). */
  bucketStart: string;
  bucketEnd: string;
  /** The bucket's value; null when it has none (an average without events). */
  observed: number | null;
  /** Anomaly: the baseline and the band around it; threshold: the threshold as `lower` (below) or `upper` (above). */
  expected: number | null;
  lower: number | null;
  upper: number | null;
  score: number | null;
  /** Of a breaching bucket (fired); null on recovery. */
  severity: AnomalySeverity | null;
  condition: AnomalySignalCondition;
  /** Anomaly: the method the scan used (`auto` resolved). */
  method?: string;
  /** When the detector judged the bucket (ISO). */
  detectedAt: string;
}

export function encodeAnomalySignal(signal: AnomalySignal): string {
  return JSON.stringify(signal);
}

/** The Kafka key: one rule's signals stay in order on one partition. */
export function anomalySignalKey(signal: Pick<AnomalySignal, 'tenantId' | 'ruleId'>): string {
  return `${signal.tenantId}:${signal.ruleId}`;
}

export type AnomalySignalDecoding = { ok: true; signal: AnomalySignal } | { ok: false; reason: string };

/** The signal, or why the message is none (never throws). */
export function decodeAnomalySignal(value: Buffer | string): AnomalySignalDecoding {
  const parsed = parseJsonObject(value);
  if (!parsed.ok) return parsed;
  const record = parsed.record;
  if (record['schemaVersion'] !== 1) return { ok: false, reason: 'schemaVersion is not 1' };
  if (!(ANOMALY_SIGNAL_KINDS as readonly unknown[]).includes(record['kind'])) return { ok: false, reason: 'kind is not fired or recovered' };
  for (const key of ['tenantId', 'ruleId', 'ruleName', 'incidentId'] as const)
    if (!isText(record[key])) return { ok: false, reason: `${key} is not a string` };
  for (const key of ['incidentStartedAt', 'bucketStart', 'bucketEnd', 'detectedAt'] as const) {
    if (!isInstant(record[key])) return { ok: false, reason: `${key} is not an instant` };
  }
  if (!GRANULARITIES.includes(record['granularity'] as string)) return { ok: false, reason: 'granularity is not minute, hour or day' };
  for (const key of ['observed', 'expected', 'lower', 'upper', 'score'] as const) {
    if (!isNullableNumber(record[key])) return { ok: false, reason: `${key} is not a number or null` };
  }
  if (record['severity'] !== null && !(ANOMALY_SEVERITIES as readonly unknown[]).includes(record['severity'])) {
    return { ok: false, reason: 'severity is not low, medium, high, critical or null' };
  }
  if (!isCondition(record['condition'])) return { ok: false, reason: 'condition is not a threshold or anomaly condition' };
  return { ok: true, signal: record as unknown as AnomalySignal };
}

function isCondition(value: unknown): value is AnomalySignalCondition {
  if (typeof value !== 'object' || value === null) return false;
  const condition = value as Record<string, unknown>;
  if (condition['kind'] === 'threshold')
    return (condition['operator'] === 'above' || condition['operator'] === 'below') && isFiniteNumber(condition['value']);
  return condition['kind'] === 'anomaly' && isText(condition['method']) && isFiniteNumber(condition['sensitivity']);
}

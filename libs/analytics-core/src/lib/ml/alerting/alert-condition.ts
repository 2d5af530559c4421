/**
 * What an alert rule watches for in each closed bucket of its metric: a fixed threshold, or an anomaly
 * judged from the bucket's own history (the same judgement as the anomaly scan).
 */
export const THRESHOLD_OPERATORS = ['above', 'below'] as const;
export type ThresholdOperator = (typeof THRESHOLD_OPERATORS)[number];

export const ALERT_ANOMALY_METHODS = ['auto', 'zscore', 'mad', 'seasonal'] as const;
export type AlertAnomalyMethod = (typeof ALERT_ANOMALY_METHODS)[number];

/** Rules are evaluated when a bucket of this size closes (in the tenant's time zone). */
export const ALERT_GRANULARITIES = ['minute', 'hour', 'day'] as const;
export type AlertGranularity = (typeof ALERT_GRANULARITIES)[number];

/** `above`: value > threshold; `below`: value < threshold (equal is not a breach). */
export interface ThresholdCondition {
  kind: 'threshold';
  operator: ThresholdOperator;
  value: number;
}

/** `sensitivity` 0..1: higher flags smaller deviations. */
export interface AnomalyCondition {
  kind: 'anomaly';
  method: AlertAnomalyMethod;
  sensitivity: number;
}

export type AlertCondition = ThresholdCondition | AnomalyCondition;

export type { AnomalySeverity as AlertSeverity } from '../time-series/anomaly-severity';

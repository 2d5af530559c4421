import type { AlertAnomalyScanner } from '@pulse/analytics-core';

/** Nest token of the scan anomaly rules are judged with: the same function as the anomaly scan API. */
export const ALERT_ANOMALY_SCANNER = Symbol('ALERT_ANOMALY_SCANNER');

/**
 * Stand-in until the time-series anomaly scan (`scanForAnomalies`, analytics-core `ml/time-series`)
 * is merged: the API refuses anomaly conditions while this is the scanner (`anomalyScanAvailable`).
 */
export const UNAVAILABLE_ANOMALY_SCANNER: AlertAnomalyScanner = () => {
  throw new Error('the anomaly scan is not available in this build');
};

export function anomalyScanAvailable(scanner: AlertAnomalyScanner): boolean {
  return scanner !== UNAVAILABLE_ANOMALY_SCANNER;
}

import type { AlertAnomalyMethod, AlertCondition, AlertSeriesPoint, AlertSeverity, AnomalyCondition } from './alert-condition';
import { breachesThreshold, thresholdSeverity } from './threshold-check';

/** The shape of an anomaly scan's answer that alerting reads (the time-series scan's `AnomalyScan`). */
export interface AlertAnomalyScan {
  method: string;
  anomalies: ReadonlyArray<{
    time: number;
    observed: number;
    expected: number;
    lower: number;
    upper: number;
    score: number;
    severity: AlertSeverity;
    incidentId: string;
  }>;
  judgedPoints: number;
  insufficientHistory?: { neededPoints: number; havePoints: number };
}

/** An anomaly scan over a series: each point judged only from the points before it. */
export type AlertAnomalyScanner = (
  series: readonly AlertSeriesPoint[],
  options: { method?: AlertAnomalyMethod; sensitivity?: number; bucketMs: number },
) => AlertAnomalyScan;

/** What the rule's condition says about the latest closed bucket. */
export interface BucketJudgement {
  /** Start of the judged bucket (epoch ms). */
  time: number;
  observed: number | null;
  breaching: boolean;
  /** Anomaly: the baseline and band the bucket was judged against (when it breaches). Threshold: null. */
  expected: number | null;
  /** Threshold: the threshold is the bound it crosses (`upper` for above, `lower` for below). */
  lower: number | null;
  upper: number | null;
  score: number | null;
  severity: AlertSeverity | null;
  /** Anomaly: the scan's incident id (the same for every bucket of one incident). */
  incidentId?: string;
  /** Anomaly: the method the scan used (`auto` resolved). */
  method?: string;
  /** Anomaly: too little history to judge; the bucket is then not breaching. */
  insufficientHistory?: { neededPoints: number; havePoints: number };
}

/**
 * Judges the last point of `series` (oldest first, the latest closed bucket last). A threshold compares
 * the value; an anomaly condition runs the scan over the whole series and reads its verdict on the last
 * point, which the scan judged only from the points before it: exactly what a scan of the same range
 * reports for that bucket.
 */
export function judgeLatestBucket(
  series: readonly AlertSeriesPoint[],
  condition: AlertCondition,
  options: { bucketMs: number; scan: AlertAnomalyScanner },
): BucketJudgement {
  if (series.length === 0) throw new RangeError('A judgement needs at least the latest bucket');
  const latest = series[series.length - 1];
  if (condition.kind === 'threshold') {
    const breaching = breachesThreshold(latest.value, condition);
    return {
      time: latest.time,
      observed: latest.value,
      breaching,
      expected: null,
      lower: condition.operator === 'below' ? condition.value : null,
      upper: condition.operator === 'above' ? condition.value : null,
      score: null,
      severity: breaching && latest.value !== null ? thresholdSeverity(latest.value, condition) : null,
    };
  }
  return judgeByScan(series, latest, condition, options);
}

function judgeByScan(
  series: readonly AlertSeriesPoint[],
  latest: AlertSeriesPoint,
  condition: AnomalyCondition,
  options: { bucketMs: number; scan: AlertAnomalyScanner },
): BucketJudgement {
  const scan = options.scan(series, { method: condition.method, sensitivity: condition.sensitivity, bucketMs: options.bucketMs });
  const verdict = scan.anomalies.find((anomaly) => anomaly.time === latest.time);
  const common = { time: latest.time, observed: latest.value, method: scan.method };
  if (verdict === undefined) {
    return {
      ...common,
      breaching: false,
      expected: null,
      lower: null,
      upper: null,
      score: null,
      severity: null,
      ...(scan.insufficientHistory ? { insufficientHistory: scan.insufficientHistory } : {}),
    };
  }
  return {
    ...common,
    breaching: true,
    expected: verdict.expected,
    lower: verdict.lower,
    upper: verdict.upper,
    score: verdict.score,
    severity: verdict.severity,
    incidentId: verdict.incidentId,
  };
}

import { anomalyScanHistoryPoints, scanForAnomalies } from '../time-series/anomaly-scan';
import type { AnomalySeverity } from '../time-series/anomaly-severity';
import type { SeriesPoint } from '../time-series/series-point';
import type { AlertCondition, AnomalyCondition } from './alert-condition';
import { breachesThreshold, thresholdSeverity } from './threshold-check';

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
  severity: AnomalySeverity | null;
  /** Anomaly: the scan's incident id (the same for every bucket of one incident). */
  incidentId?: string;
  /** Anomaly: the method the scan used (`auto` resolved). */
  method?: string;
  /** Anomaly: too little history to judge; the bucket is then not breaching. */
  insufficientHistory?: { neededPoints: number; havePoints: number };
}

export interface JudgementOptions {
  /** Bucket length: the anomaly scan reads its cadence (seasonal periods, windows) from it. */
  bucketMs: number;
  /** Mixed into the anomaly scan's incident ids (e.g. tenant and rule), so two series never share one. */
  seriesKey?: string;
}

/**
 * How many buckets a judgement reads, the judged one included: a threshold needs that bucket alone; an
 * anomaly condition the history its scan needs before a verdict (`anomalyScanHistoryPoints`), so the
 * live judgement equals what a scan of a longer range reports for that bucket.
 */
export function judgementSpan(condition: AlertCondition, bucketMs: number): number {
  if (condition.kind === 'threshold') return 1;
  return anomalyScanHistoryPoints({ method: condition.method, bucketMs }) + 1;
}

/**
 * Judges the last point of `series` (oldest first, the latest closed bucket last). A threshold compares
 * the value; an anomaly condition runs `scanForAnomalies` over the series and reads its verdict on the
 * last point, which the scan judges only from the points before it: exactly what a scan of the same
 * range reports for that bucket.
 */
export function judgeLatestBucket(series: readonly SeriesPoint[], condition: AlertCondition, options: JudgementOptions): BucketJudgement {
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

function judgeByScan(series: readonly SeriesPoint[], latest: SeriesPoint, condition: AnomalyCondition, options: JudgementOptions): BucketJudgement {
  const scan = scanForAnomalies(series, {
    method: condition.method,
    sensitivity: condition.sensitivity,
    bucketMs: options.bucketMs,
    judgeFrom: latest.time,
    ...(options.seriesKey === undefined ? {} : { seriesKey: options.seriesKey }),
  });
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

import type { AlertAnomalyScan, AlertAnomalyScanner } from './latest-bucket-judgement';
import { judgeLatestBucket } from './latest-bucket-judgement';

const MINUTE = 60_000;
const series = [
  { time: 0, value: 10 },
  { time: MINUTE, value: null },
  { time: 2 * MINUTE, value: 42 },
];
const noScan: AlertAnomalyScanner = () => {
  throw new Error('a threshold needs no scan');
};

describe('judgeLatestBucket with a threshold', () => {
  it('compares the last bucket only and reports the threshold as the bound it crossed', () => {
    const judgement = judgeLatestBucket(series, { kind: 'threshold', operator: 'above', value: 40 }, { bucketMs: MINUTE, scan: noScan });
    expect(judgement).toEqual({
      time: 2 * MINUTE,
      observed: 42,
      breaching: true,
      expected: null,
      lower: null,
      upper: 40,
      score: null,
      severity: 'low',
    });
  });

  it('does not breach on a bucket without a value', () => {
    const judgement = judgeLatestBucket(series.slice(0, 2), { kind: 'threshold', operator: 'below', value: 5 }, { bucketMs: MINUTE, scan: noScan });
    expect(judgement).toMatchObject({ time: MINUTE, observed: null, breaching: false, lower: 5, upper: null, severity: null });
  });
});

describe('judgeLatestBucket with an anomaly condition', () => {
  const verdict = {
    time: 2 * MINUTE,
    observed: 42,
    expected: 10,
    lower: 4,
    upper: 16,
    score: 5.3,
    severity: 'critical' as const,
    incidentId: 'inc-1',
  };
  const scanAnswering = (answer: AlertAnomalyScan) => {
    const calls: unknown[] = [];
    const scan: AlertAnomalyScanner = (points, options) => {
      calls.push({ points, options });
      return answer;
    };
    return { scan, calls };
  };

  it('scans the whole series with the rule method and sensitivity and reads the verdict on the last bucket', () => {
    const { scan, calls } = scanAnswering({ method: 'mad', anomalies: [verdict], judgedPoints: 2 });
    const judgement = judgeLatestBucket(series, { kind: 'anomaly', method: 'auto', sensitivity: 0.7 }, { bucketMs: MINUTE, scan });
    expect(calls).toEqual([{ points: series, options: { method: 'auto', sensitivity: 0.7, bucketMs: MINUTE } }]);
    expect(judgement).toEqual({
      time: 2 * MINUTE,
      observed: 42,
      breaching: true,
      expected: 10,
      lower: 4,
      upper: 16,
      score: 5.3,
      severity: 'critical',
      incidentId: 'inc-1',
      method: 'mad',
    });
  });

  it('ignores anomalies of earlier buckets: only the latest one is judged', () => {
    const { scan } = scanAnswering({ method: 'zscore', anomalies: [{ ...verdict, time: MINUTE }], judgedPoints: 2 });
    expect(judgeLatestBucket(series, { kind: 'anomaly', method: 'zscore', sensitivity: 0.5 }, { bucketMs: MINUTE, scan })).toMatchObject({
      breaching: false,
      severity: null,
      expected: null,
    });
  });

  it('passes on that the history is too short, without breaching', () => {
    const insufficientHistory = { neededPoints: 30, havePoints: 2 };
    const { scan } = scanAnswering({ method: 'zscore', anomalies: [], judgedPoints: 0, insufficientHistory });
    expect(judgeLatestBucket(series, { kind: 'anomaly', method: 'zscore', sensitivity: 0.5 }, { bucketMs: MINUTE, scan })).toMatchObject({
      breaching: false,
      insufficientHistory,
    });
  });
});

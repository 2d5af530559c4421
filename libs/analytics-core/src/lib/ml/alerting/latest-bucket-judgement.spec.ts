import { seededRandom } from '../../seeded-random';
import { anomalyScanHistoryPoints, scanForAnomalies } from '../time-series/anomaly-scan';
import { syntheticHourlySeries } from '../time-series/synthetic-seasonal-series';
import type { SeriesPoint } from '../time-series/series-point';
import type { AnomalyCondition } from './alert-condition';
import { judgeLatestBucket, judgementSpan } from './latest-bucket-judgement';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const T0 = Date.parse('2026-03-02T00:00:00Z');

describe('judgeLatestBucket with a threshold', () => {
  const series = [
    { time: 0, value: 10 },
    { time: MINUTE, value: null },
    { time: 2 * MINUTE, value: 42 },
  ];

  it('compares the last bucket only and reports the threshold as the bound it crossed', () => {
    expect(judgeLatestBucket(series, { kind: 'threshold', operator: 'above', value: 40 }, { bucketMs: MINUTE })).toEqual({
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
    expect(judgeLatestBucket(series.slice(0, 2), { kind: 'threshold', operator: 'below', value: 5 }, { bucketMs: MINUTE })).toMatchObject({
      time: MINUTE,
      observed: null,
      breaching: false,
      lower: 5,
      upper: null,
      severity: null,
    });
  });

  it('reads only the judged bucket', () => {
    expect(judgementSpan({ kind: 'threshold', operator: 'above', value: 1 }, HOUR)).toBe(1);
  });
});

/** Minutes of 100 ± 5 with a spike to 180 at minute 150 and a drop to 20 at 170–172. */
function minuteSeries(): SeriesPoint[] {
  const random = seededRandom(7);
  return Array.from({ length: 220 }, (_, index) => {
    const value = index === 150 ? 180 : index >= 170 && index <= 172 ? 20 : 100 + (random() - 0.5) * 10;
    return { time: T0 + index * MINUTE, value };
  });
}

/**
 * The property a live detector owes the scan API: judging each bucket from the `judgementSpan` buckets
 * ending with it gives exactly the verdict a scan of the whole range reports for that bucket.
 */
function expectLiveJudgementsToMatchTheScan(series: readonly SeriesPoint[], condition: AnomalyCondition, bucketMs: number, judged: number) {
  const span = judgementSpan(condition, bucketMs);
  expect(span).toBe(anomalyScanHistoryPoints({ method: condition.method, bucketMs }) + 1);
  const first = series.length - judged;
  const scan = scanForAnomalies(series, {
    method: condition.method,
    sensitivity: condition.sensitivity,
    bucketMs,
    judgeFrom: series[first].time,
    seriesKey: 'k',
  });
  const scanned = new Map(scan.anomalies.map((verdict) => [verdict.time, verdict]));
  const live = new Map<number, ReturnType<typeof judgeLatestBucket>>();
  for (let index = first; index < series.length; index++) {
    const judgement = judgeLatestBucket(series.slice(Math.max(0, index + 1 - span), index + 1), condition, { bucketMs, seriesKey: 'k' });
    if (judgement.breaching) live.set(judgement.time, judgement);
  }
  expect([...live.keys()]).toEqual([...scanned.keys()]);
  for (const [time, judgement] of live) {
    const verdict = scanned.get(time);
    expect(judgement).toMatchObject({
      observed: verdict?.observed,
      expected: verdict?.expected,
      lower: verdict?.lower,
      upper: verdict?.upper,
      score: verdict?.score,
      severity: verdict?.severity,
      incidentId: verdict?.incidentId,
    });
  }
  return [...live.values()];
}

describe('judgeLatestBucket with an anomaly condition', () => {
  it.each(['zscore', 'mad'] as const)('agrees bucket by bucket with a %s scan of the same range, spike and drop found', (method) => {
    const found = expectLiveJudgementsToMatchTheScan(minuteSeries(), { kind: 'anomaly', method, sensitivity: 0.5 }, MINUTE, 100);
    const times = found.map((judgement) => (judgement.time - T0) / MINUTE);
    expect(times).toContain(150);
    expect(times).toContain(170);
    // The three low minutes are one incident.
    const drop = found.filter((judgement) => judgement.time >= T0 + 170 * MINUTE);
    expect(new Set(drop.map((judgement) => judgement.incidentId)).size).toBe(1);
  });

  it('agrees bucket by bucket with an auto scan of hourly data with daily and weekly cycles', () => {
    const series = syntheticHourlySeries({ start: T0, hours: 6 * 168, seed: 3 });
    const spikeAt = series.length - 30;
    series[spikeAt] = { ...series[spikeAt], value: (series[spikeAt].value ?? 0) * 3 };
    const found = expectLiveJudgementsToMatchTheScan(series, { kind: 'anomaly', method: 'auto', sensitivity: 0.5 }, HOUR, 60);
    expect(found.map((judgement) => judgement.time)).toContain(series[spikeAt].time);
    expect(found[0].method).toBe('seasonal');
  });

  it('says when the history is too short to judge, without breaching', () => {
    const judgement = judgeLatestBucket(minuteSeries().slice(0, 5), { kind: 'anomaly', method: 'zscore', sensitivity: 0.5 }, { bucketMs: MINUTE });
    expect(judgement).toMatchObject({ breaching: false, insufficientHistory: { havePoints: expect.any(Number), neededPoints: expect.any(Number) } });
  });
});

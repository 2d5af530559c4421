import { twoSidedPValue } from './change-significance';
import { impactOf, type Insight } from './insight';
import { formatPercent as percent, roundTo } from './insight-text';

/** One anomalous bucket of a metric, as the anomaly scan reports it. */
export interface AnomalousBucket {
  time: string;
  observed: number;
  expected: number;
  /** Signed standard deviations from expected. */
  score: number;
  incidentId: string;
}

export interface MetricAnomalies {
  /** The metric's name as the report shows it (`orders`, `error_rate`…). */
  metric: string;
  anomalies: readonly AnomalousBucket[];
  /** Buckets judged over the report's range: an incident's weight is the share of them it covers. */
  judgedPoints: number;
}

/**
 * One finding per incident of each metric: when it began and ended, how far it went from what was
 * expected, and how sure (1 − p of its largest score read as a normal deviate). `impactScore` is the
 * incident's relative deviation times the share of the range it lasted: orders at zero for 3 of 168 hours
 * weigh 0.018, a 5× spike for 2 hours 0.048.
 */
export function anomalyInsights(
  metrics: readonly MetricAnomalies[],
): Insight[] {
  const insights: Insight[] = [];
  for (const { metric, anomalies, judgedPoints } of metrics) {
    const incidents = new Map<string, AnomalousBucket[]>();
    for (const bucket of anomalies)
      incidents.set(bucket.incidentId, [
        ...(incidents.get(bucket.incidentId) ?? []),
        bucket,
      ]);
    for (const [incidentId, buckets] of incidents) {
      const ordered = [...buckets].sort((a, b) => a.time.localeCompare(b.time));
      const observed = ordered.reduce(
        (sum, bucket) => sum + bucket.observed,
        0,
      );
      const expected = ordered.reduce(
        (sum, bucket) => sum + bucket.expected,
        0,
      );
      const peak = ordered.reduce((worst, bucket) =>
        Math.abs(bucket.score) > Math.abs(worst.score) ? bucket : worst,
      );
      const relative =
        expected === 0
          ? 1
          : Math.min(1, Math.abs(observed - expected) / Math.abs(expected));
      const impactScore = roundTo(
        relative * (ordered.length / Math.max(judgedPoints, 1)),
        6,
      );
      const direction = observed >= expected ? 'above' : 'below';
      const first = ordered[0].time;
      const last = ordered[ordered.length - 1].time;
      insights.push({
        id: `anomalies:${metric}:${incidentId}`,
        type: 'anomalies',
        title: `${metric} ${direction} expected ${ordered.length === 1 ? `at ${first}` : `from ${first} to ${last}`}`,
        explanation:
          `${metric} was ${roundTo(observed, 2)} over ${ordered.length} bucket${ordered.length === 1 ? '' : 's'} where ` +
          `${roundTo(expected, 2)} was expected from the history before (${expected === 0 ? 'from nothing' : percent(observed / expected - 1)}); ` +
          `the largest deviation was ${roundTo(Math.abs(peak.score), 1)} standard deviations at ${peak.time}.`,
        recommendation:
          direction === 'below'
            ? `Check what stopped ${metric} at ${first}: a release, an outage, a broken tracking call; set an alert on ${metric} to hear of the next one as it starts.`
            : `Find what drove ${metric} up at ${first} (a campaign, a bot, a retry storm) and whether it should be kept or stopped.`,
        impact: impactOf(impactScore),
        impactScore,
        confidence: roundTo(1 - twoSidedPValue(peak.score), 4),
        supportingData: {
          metric,
          incidentId,
          from: first,
          to: last,
          buckets: ordered.length,
          observed: roundTo(observed, 4),
          expected: roundTo(expected, 4),
          peakScore: roundTo(peak.score, 3),
        },
      });
    }
  }
  return insights;
}

import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  bucketClosedWithMinute,
  judgeLatestBucket,
  judgementSpan,
  nextIncident,
  queryBucketContaining,
  queryBucketsBefore,
  type BucketJudgement,
  type IncidentSignal,
  type SeriesPoint,
} from '@pulse/analytics-core';
import { anomalySignalKey, encodeAnomalySignal, type AnomalySignal, type MinuteAggregate } from '@pulse/contracts';
import { MESSAGE_BUS, type MessageBus } from '@pulse/messaging';
import { AlertRuleRepository, type StoredAlertRule } from '@pulse/ml-data-access';
import type { AuthenticatedTenant } from '@pulse/tenancy';
import { MetricSeriesService } from '../ml/series/metric-series.service';
import { AlertMetrics } from './alert-metrics';
import { AlertTenants } from './alert-tenants';
import { ALERTS_OPTIONS, type AlertsOptions } from './alerts-options';
import { ALERT_BUCKET_MS, watchedLineRequest, type WatchedQuery } from './watched-metric';

/** A bucket that closed, in the zone the rule's buckets follow. */
interface ClosedBucket {
  start: number;
  end: number;
  timeZone: string;
}

/**
 * The streaming detector: when a tenant's minute closes (`pulse.aggregates.v1`), every enabled rule whose
 * bucket (minute, hour or local day) closed with it is judged on its metric, read through the query
 * engine like any chart; a breaching bucket publishes `fired`, the first clear one after an incident
 * `recovered` (`pulse.anomalies.v1`). An anomaly rule judges the closed bucket from the history before
 * it with the anomaly scan (`scanForAnomalies`), exactly as a scan of the same range reports it.
 */
@Injectable()
export class AlertDetector {
  private readonly logger = new Logger(AlertDetector.name);

  constructor(
    private readonly rules: AlertRuleRepository,
    private readonly tenants: AlertTenants,
    private readonly series: MetricSeriesService,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(ALERTS_OPTIONS) private readonly options: AlertsOptions,
    private readonly metrics: AlertMetrics,
  ) {}

  /**
   * Judges the tenant's rules for the closed minute. A rule's evaluation of a bucket is recorded after its
   * signal is published, and only the first evaluation of a bucket counts: a redelivered or repeated
   * aggregate publishes a signal again at most (the alerting service de-duplicates), never judges twice.
   */
  async onMinuteClosed(aggregate: MinuteAggregate, now: () => number = Date.now): Promise<void> {
    const tenant = await this.tenants.find(aggregate.tenantId);
    if (tenant === null) return;
    const minuteStart = Date.parse(aggregate.minuteStart);
    for (const rule of await this.rules.listEnabled(tenant.id)) {
      const timeZone = (rule.query as WatchedQuery).timeZone ?? tenant.timeZone;
      const bucket = bucketClosedWithMinute(minuteStart, rule.granularity, timeZone);
      if (bucket === null) continue;
      if (rule.lastEvaluatedBucket !== null && rule.lastEvaluatedBucket.getTime() >= bucket.start) continue;
      await this.evaluate(tenant, rule, { ...bucket, timeZone }, now);
    }
  }

  private async evaluate(tenant: AuthenticatedTenant, rule: StoredAlertRule, bucket: ClosedBucket, now: () => number): Promise<void> {
    let judgement: BucketJudgement;
    try {
      judgement = this.judge(tenant, rule, await this.watchedSeries(tenant, rule, bucket));
    } catch (error) {
      if (!isRuleProblem(error)) throw error;
      // A rule that cannot be judged (its query no longer validates): logged, judged again next bucket.
      this.metrics.evaluations.inc({ outcome: 'failed' });
      this.logger.warn(
        `alert rule ${rule.id} of tenant ${tenant.id} not judged for ${new Date(bucket.start).toISOString()}: ${(error as Error).message}`,
      );
      return;
    }
    this.metrics.evaluations.inc({ outcome: judgement.breaching ? 'breaching' : 'clear' });
    const step = nextIncident(rule.openIncident, judgement, rule.id);
    if (step.signal) await this.publish(rule, bucket, judgement, step.signal, new Date(now()));
    await this.rules.recordEvaluation(rule, new Date(bucket.start), step.open);
  }

  private judge(tenant: AuthenticatedTenant, rule: StoredAlertRule, series: SeriesPoint[]): BucketJudgement {
    try {
      // A rule's incidents are its own: the scan's incident ids are keyed by tenant and rule.
      return judgeLatestBucket(series, rule.condition, { bucketMs: ALERT_BUCKET_MS[rule.granularity], seriesKey: `${tenant.id}:${rule.id}` });
    } catch (error) {
      throw new RuleNotJudgedError((error as Error).message);
    }
  }

  /**
   * The watched line up to and including the closed bucket: that bucket alone for a threshold; for an
   * anomaly the history its scan needs too (read in chunks, past the query engine's bucket cap).
   */
  private async watchedSeries(tenant: AuthenticatedTenant, rule: StoredAlertRule, bucket: ClosedBucket): Promise<SeriesPoint[]> {
    const span = judgementSpan(rule.condition, ALERT_BUCKET_MS[rule.granularity]);
    const closed = queryBucketContaining(bucket.start, rule.granularity, bucket.timeZone);
    const buckets = [...queryBucketsBefore(closed.start, span - 1, rule.granularity, bucket.timeZone), closed];
    const request = watchedLineRequest(rule.query as WatchedQuery, { from: buckets[0].start, to: closed.end, granularity: rule.granularity });
    const points = (await this.series.fetch(tenant, request, buckets)).lines[0]?.points;
    if (points === undefined || points.length === 0) throw new RuleNotJudgedError('the query answered no line');
    return points;
  }

  private async publish(
    rule: StoredAlertRule,
    bucket: ClosedBucket,
    judgement: BucketJudgement,
    signal: IncidentSignal,
    detectedAt: Date,
  ): Promise<void> {
    const message: AnomalySignal = {
      schemaVersion: 1,
      kind: signal.kind,
      tenantId: rule.tenantId,
      ruleId: rule.id,
      ruleName: rule.name,
      incidentId: signal.incident.id,
      incidentStartedAt: new Date(signal.incident.startedAt).toISOString(),
      granularity: rule.granularity,
      bucketStart: new Date(bucket.start).toISOString(),
      bucketEnd: new Date(bucket.end).toISOString(),
      observed: judgement.observed,
      expected: judgement.expected,
      lower: judgement.lower,
      upper: judgement.upper,
      score: judgement.score,
      severity: judgement.severity,
      condition: rule.condition,
      ...(judgement.method === undefined ? {} : { method: judgement.method }),
      detectedAt: detectedAt.toISOString(),
    };
    await this.bus.publish(this.options.topics.anomalies, [{ key: anomalySignalKey(message), value: encodeAnomalySignal(message) }]);
    this.metrics.signals.inc({ kind: signal.kind });
  }
}

/** The rule cannot be judged for this bucket (no line in the answer, the scan refused the series). */
class RuleNotJudgedError extends Error {}

/**
 * A rule's own problem (its query no longer validates: a 400 from the engine; it cannot be judged) is
 * logged and skipped. Anything else (database, bus) fails the aggregate, which the bus delivers again.
 */
function isRuleProblem(error: unknown): boolean {
  if (error instanceof RuleNotJudgedError) return true;
  const status = (error as { getStatus?: () => number }).getStatus?.();
  return status !== undefined && status < 500;
}

import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  bucketClosedWithMinute,
  judgeLatestBucket,
  nextIncident,
  type AlertAnomalyScanner,
  type AlertSeriesPoint,
  type BucketJudgement,
  type IncidentSignal,
} from '@pulse/analytics-core';
import { anomalySignalKey, encodeAnomalySignal, type AnomalySignal, type MinuteAggregate } from '@pulse/contracts';
import { MESSAGE_BUS, type MessageBus } from '@pulse/messaging';
import { AlertRuleRepository, type StoredAlertRule } from '@pulse/ml-data-access';
import type { AuthenticatedTenant } from '@pulse/tenancy';
import { MetricQueryService } from '../query/metric-query.service';
import type { MultiSeriesQueryResponse } from '../query/metric-query-response.dto';
import { ALERT_ANOMALY_SCANNER } from './alert-anomaly-scanner';
import { AlertMetrics } from './alert-metrics';
import { AlertTenants } from './alert-tenants';
import { ALERTS_OPTIONS, type AlertsOptions } from './alerts-options';
import { ALERT_BUCKET_MS, watchedLinePoints, watchedLineRequest, type WatchedQuery } from './watched-metric';

/**
 * The streaming detector: when a tenant's minute closes (`pulse.aggregates.v1`), every enabled rule whose
 * bucket (minute, hour or local day) closed with it is judged on its metric, read through the query
 * engine like any chart; a breaching bucket publishes `fired`, the first clear one after an incident
 * `recovered` (`pulse.anomalies.v1`). An anomaly rule judges the closed bucket from the history before
 * it with the anomaly scan, exactly as a scan of the same range reports it.
 */
@Injectable()
export class AlertDetector {
  private readonly logger = new Logger(AlertDetector.name);

  constructor(
    private readonly rules: AlertRuleRepository,
    private readonly tenants: AlertTenants,
    private readonly queries: MetricQueryService,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(ALERTS_OPTIONS) private readonly options: AlertsOptions,
    @Inject(ALERT_ANOMALY_SCANNER) private readonly scan: AlertAnomalyScanner,
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
      const zone = (rule.query as WatchedQuery).timeZone ?? tenant.timeZone;
      const bucket = bucketClosedWithMinute(minuteStart, rule.granularity, zone);
      if (bucket === null) continue;
      if (rule.lastEvaluatedBucket !== null && rule.lastEvaluatedBucket.getTime() >= bucket.start) continue;
      await this.evaluate(tenant, rule, bucket, now);
    }
  }

  private async evaluate(
    tenant: AuthenticatedTenant,
    rule: StoredAlertRule,
    bucket: { start: number; end: number },
    now: () => number,
  ): Promise<void> {
    let judgement: BucketJudgement;
    try {
      const series = await this.watchedSeries(tenant, rule, bucket);
      if (series.length === 0 || series[series.length - 1].time !== bucket.start) {
        throw new RuleNotJudgedError(`the query answered no bucket starting at ${new Date(bucket.start).toISOString()}`);
      }
      judgement = this.judge(rule, series);
    } catch (error) {
      if (!isRuleProblem(error)) throw error;
      // A rule that cannot be judged (its query no longer validates, no scan): logged, judged again next bucket.
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

  private judge(rule: StoredAlertRule, series: AlertSeriesPoint[]): BucketJudgement {
    try {
      return judgeLatestBucket(series, rule.condition, { bucketMs: ALERT_BUCKET_MS[rule.granularity], scan: this.scan });
    } catch (error) {
      throw new RuleNotJudgedError((error as Error).message);
    }
  }

  /** The watched line up to and including the closed bucket: that bucket alone for a threshold, its history too for an anomaly. */
  private async watchedSeries(
    tenant: AuthenticatedTenant,
    rule: StoredAlertRule,
    bucket: { start: number; end: number },
  ): Promise<AlertSeriesPoint[]> {
    const buckets = rule.condition.kind === 'anomaly' ? this.options.anomalyHistoryBuckets[rule.granularity] : 1;
    const from = new Date(bucket.end - buckets * ALERT_BUCKET_MS[rule.granularity]);
    const request = watchedLineRequest(rule.query as WatchedQuery, { from, to: new Date(bucket.end), granularity: rule.granularity });
    const response = (await this.queries.query(tenant, request)) as MultiSeriesQueryResponse;
    return watchedLinePoints(response).filter((point) => point.time <= bucket.start);
  }

  private async publish(
    rule: StoredAlertRule,
    bucket: { start: number; end: number },
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

/** The rule cannot be judged for this bucket (no such bucket in the answer, the scan refused the series). */
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

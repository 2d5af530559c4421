import { DEFAULT_DELIVERY_RETRY_POLICY, type DeliveryRetryPolicy } from '@pulse/analytics-core';
import { IsIntegerInRange, loadConfig, type Environment } from '@pulse/config';

/** How the scheduling loop (due schedules, deliveries, retention) runs; its clock is the generation options' `now`. */
export interface ReportSchedulingOptions {
  /** How often each replica looks for due schedules and deliveries. */
  pollMs: number;
  /** Schedules fired (and deliveries claimed) per look. */
  batchSize: number;
  /** Settled runs older than this are deleted with their files. */
  retentionMs: number;
  /** How often the retention sweep runs (per replica; each old run is deleted once). */
  cleanupEveryMs: number;
  delivery: {
    /** A claimed delivery attempt is its replica's this long; then another may make it. */
    leaseMs: number;
    /** No answer from the webhook or the SMTP server within this long fails the attempt. */
    timeoutMs: number;
    retry: DeliveryRetryPolicy;
  };
}

export const REPORT_SCHEDULING_OPTIONS = Symbol('REPORT_SCHEDULING_OPTIONS');

const DAY_MS = 24 * 60 * 60_000;

class ReportSchedulingEnvironment {
  /** Days a settled run and its file are kept. */
  @IsIntegerInRange(1, 3650)
  REPORTS_RETENTION_DAYS = 30;
}

/** The defaults, with `REPORTS_RETENTION_DAYS` (1–3650, default 30) from the environment. */
export function loadReportSchedulingOptions(env: Environment = process.env): ReportSchedulingOptions {
  const { REPORTS_RETENTION_DAYS } = loadConfig(ReportSchedulingEnvironment, env);
  return {
    pollMs: 1_000,
    batchSize: 20,
    retentionMs: REPORTS_RETENTION_DAYS * DAY_MS,
    cleanupEveryMs: 60 * 60_000,
    delivery: {
      leaseMs: 120_000,
      timeoutMs: 30_000,
      retry: DEFAULT_DELIVERY_RETRY_POLICY,
    },
  };
}

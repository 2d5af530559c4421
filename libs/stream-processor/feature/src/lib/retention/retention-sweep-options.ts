import { IsIntegerInRange, loadConfig, type Environment } from '@pulse/config';

export const RETENTION_SWEEP_OPTIONS = Symbol('RETENTION_SWEEP_OPTIONS');

export interface RetentionSweepOptions {
  /** At most one sweep per interval across all replicas; 0 turns sweeping off in this process. */
  intervalMs: number;
  /** How often a replica asks whether a sweep is due (the lock and the last sweep's time decide). */
  pollMs: number;
  /** Rows per delete statement. */
  batchSize: number;
  now: () => Date;
}

class RetentionSweepEnvironment {
  /** Minutes between sweeps (0: this process never sweeps). */
  @IsIntegerInRange(0, 7 * 24 * 60)
  RETENTION_SWEEP_INTERVAL_MINUTES = 60;

  @IsIntegerInRange(100, 1_000_000)
  RETENTION_SWEEP_BATCH_SIZE = 10_000;
}

export function loadRetentionSweepOptions(env: Environment = process.env): RetentionSweepOptions {
  const config = loadConfig(RetentionSweepEnvironment, env);
  return {
    intervalMs: config.RETENTION_SWEEP_INTERVAL_MINUTES * 60_000,
    pollMs: 60_000,
    batchSize: config.RETENTION_SWEEP_BATCH_SIZE,
    now: () => new Date(),
  };
}

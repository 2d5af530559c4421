import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { RETAINED_ROLLUP_GRANULARITIES, retentionCutoffs } from '@pulse/analytics-core';
import {
  DATA_SOURCE,
  deleteExpiredEvents,
  deleteExpiredEventTimeChunks,
  deleteExpiredRollups,
  RetentionSweepRepository,
  TenantRetentionRepository,
  type RetentionSweepCounts,
  type RetentionSweepRecord,
  type SqlExecutor,
} from '@pulse/storage';
import type { DataSource } from 'typeorm';
import { RETENTION_SWEEP_OPTIONS, type RetentionSweepOptions } from './retention-sweep-options';

/**
 * Enforces the tenants' retention windows: every `intervalMs` each replica tries the sweep; the one that
 * takes the cluster-wide lock (and finds the last sweep older than the interval) deletes, tenant by tenant,
 * raw events and the funnels' event-time chunks older than the raw window and rollup buckets older than
 * their granularity's window, in batches of `batchSize` rows so no statement holds locks for long.
 */
@Injectable()
export class RetentionSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(RetentionSweeper.name);
  private readonly sweeps: RetentionSweepRepository;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    @Inject(DATA_SOURCE) dataSource: DataSource,
    @Inject(RETENTION_SWEEP_OPTIONS) private readonly options: RetentionSweepOptions,
  ) {
    this.sweeps = new RetentionSweepRepository(dataSource);
  }

  onApplicationBootstrap(): void {
    if (this.options.intervalMs <= 0) return;
    this.timer = setInterval(() => void this.tick(), Math.min(this.options.intervalMs, this.options.pollMs));
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** One attempt; null when another replica swept within the interval (or sweeps now). */
  async sweepOnce(): Promise<RetentionSweepRecord | null> {
    return this.sweeps.runExclusively(this.options.now, this.options.intervalMs, (sql) => this.sweep(sql));
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = this.sweepOnce()
      .then((record) => {
        if (record && (record.eventsDeleted > 0 || record.rollupsDeleted > 0)) {
          this.logger.log(`retention sweep removed ${record.eventsDeleted} events and ${record.rollupsDeleted} rollup rows of ${record.tenants} tenants`);
        }
      })
      .catch((error: Error) => this.logger.error(`retention sweep failed (tried again next interval): ${error.message}`))
      .finally(() => (this.running = undefined));
    await this.running;
  }

  private async sweep(sql: SqlExecutor): Promise<RetentionSweepCounts> {
    const tenants = await new TenantRetentionRepository(sql).listWithWindows();
    const now = this.options.now();
    const counts = { eventsDeleted: 0, rollupsDeleted: 0, tenants: tenants.length };
    for (const { tenantId, policy } of tenants) {
      const cutoffs = retentionCutoffs(policy, now);
      if (cutoffs.rawEvents) {
        const cutoff = cutoffs.rawEvents;
        counts.eventsDeleted += await this.inBatches((batch) => deleteExpiredEvents(sql, tenantId, cutoff, batch));
        await deleteExpiredEventTimeChunks(sql, tenantId, cutoff);
      }
      for (const granularity of RETAINED_ROLLUP_GRANULARITIES) {
        const cutoff = cutoffs.rollups[granularity];
        if (cutoff) counts.rollupsDeleted += await this.inBatches((batch) => deleteExpiredRollups(sql, tenantId, granularity, cutoff, batch));
      }
    }
    return counts;
  }

  private async inBatches(deleteBatch: (batch: number) => Promise<number>): Promise<number> {
    let total = 0;
    for (;;) {
      const deleted = await deleteBatch(this.options.batchSize);
      total += deleted;
      if (deleted < this.options.batchSize) return total;
    }
  }
}

import { Inject, Injectable, Logger, Optional, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { CACHE_STORE, type CacheStore } from '@pulse/cache';
import {
  DEFAULT_LIVE_STATE_KEY_PREFIX,
  LIVE_STATE_OPTIONS,
  LiveStateWriter,
  liveStateEventOf,
  liveStateHorizon,
  type LiveStateOptions,
} from '@pulse/realtime';
import { DATA_SOURCE, RecentEventsQuery, TenantRepository } from '@pulse/storage';
import type { DataSource } from 'typeorm';
import { PROCESSOR_CLOCK, type ProcessorClock } from '../aggregates/processor-clock';
import { ProcessorMetrics } from '../processor-metrics';
import { STREAM_PROCESSOR_OPTIONS, type StreamProcessorOptions } from '../stream-processor-options';

/**
 * Replicas that saw the same outage rebuild once: the first to increment `<live-state prefix>:rebuild-claim` does it.
 * Long enough to cover the replicas noticing one outage, short enough not to swallow the next. */
const CLAIM_TTL_SECONDS = 10;

/**
 * Rebuilds the live state from PostgreSQL after the cache was lost or missed writes. The cache is best effort:
 * while Redis is down batches are stored without their live-state writes, and a Redis restarted without
 * persistence comes back empty. Each second (`tickMs`) this asks the cache's health check; a failing check or a
 * failed live-state write marks the live state stale, and the first tick that finds the cache answering again
 * replaces every tenant's live state with what its stored events of the 48-hour horizon make of it.
 *
 * Within this replica the rebuild is exact: batches (`duringBatch`) and the rebuild exclude each other, so no
 * batch is between its commit and its live-state write while the rebuild reads and writes. Batches of other
 * replicas stored during the rebuild may be counted twice or missed (best effort, as every live write).
 */
@Injectable()
export class LiveStateRecovery implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(LiveStateRecovery.name);
  private stale = false;
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;
  /** Set while a rebuild waits for batches in flight or runs: new batches wait for it. */
  private rebuilding: Promise<void> | undefined;
  private batchesInFlight = 0;
  private batchesDrained: (() => void) | undefined;
  private readonly claimKey: string;

  constructor(
    @Inject(CACHE_STORE) private readonly cache: CacheStore,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly writer: LiveStateWriter,
    private readonly metrics: ProcessorMetrics,
    @Inject(STREAM_PROCESSOR_OPTIONS) private readonly options: StreamProcessorOptions,
    @Inject(PROCESSOR_CLOCK) private readonly clock: ProcessorClock,
    @Optional() @Inject(LIVE_STATE_OPTIONS) liveStateOptions?: LiveStateOptions,
  ) {
    this.claimKey = `${liveStateOptions?.keyPrefix ?? DEFAULT_LIVE_STATE_KEY_PREFIX}:rebuild-claim`;
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void (this.ticking ??= this.tick().finally(() => (this.ticking = undefined))), this.options.liveStateCheckMs);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.ticking;
  }

  /** A live-state write failed: the next tick with the cache up rebuilds. */
  markStale(): void {
    this.stale = true;
  }

  /** Runs a batch's store and live-state write, never while a rebuild reads or writes. */
  async duringBatch<T>(work: () => Promise<T>): Promise<T> {
    while (this.rebuilding) await this.rebuilding;
    this.batchesInFlight += 1;
    try {
      return await work();
    } finally {
      this.batchesInFlight -= 1;
      if (this.batchesInFlight === 0) this.batchesDrained?.();
    }
  }

  /** One check: notes a cache outage, or rebuilds once the cache answers again after one. */
  async tick(): Promise<void> {
    try {
      await this.cache.health.check();
    } catch {
      this.stale = true;
      return;
    }
    if (!this.stale) return;
    try {
      const claim = await this.cache.incrBy(this.claimKey, 1);
      await this.cache.expire(this.claimKey, CLAIM_TTL_SECONDS);
      if (claim > 1) {
        this.logger.log('live state is being rebuilt by another replica');
        this.stale = false;
        return;
      }
    } catch (error) {
      this.logger.warn(`live state rebuild not claimed: ${(error as Error).message}`);
      return;
    }
    // Cleared first: a write failing during the rebuild marks it stale again.
    this.stale = false;
    try {
      const tenants = await this.exclusively(() => this.rebuildAll());
      this.metrics.liveStateRebuilds.inc();
      this.logger.log(`live state rebuilt from the stored events after a cache outage (${tenants} tenants)`);
    } catch (error) {
      this.stale = true;
      await this.cache.del(this.claimKey).catch(() => undefined);
      this.logger.warn(`live state not rebuilt, trying again: ${(error as Error).message}`);
    }
  }

  private async exclusively<T>(work: () => Promise<T>): Promise<T> {
    let release: () => void = () => undefined;
    this.rebuilding = new Promise((resolve) => (release = resolve));
    try {
      if (this.batchesInFlight > 0) await new Promise<void>((resolve) => (this.batchesDrained = resolve));
      return await work();
    } finally {
      this.batchesDrained = undefined;
      this.rebuilding = undefined;
      release();
    }
  }

  private async rebuildAll(): Promise<number> {
    const tenants = await new TenantRepository(this.dataSource).list();
    const recent = new RecentEventsQuery(this.dataSource);
    for (const tenant of tenants) {
      const { since, localDates } = liveStateHorizon(this.clock(), tenant.timeZone);
      const events = await recent.since(tenant.id, since);
      await this.writer.rebuild(tenant.id, { localDates, events: events.map((event) => liveStateEventOf(event, tenant.currency)) });
    }
    return tenants.length;
  }
}

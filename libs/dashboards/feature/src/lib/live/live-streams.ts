import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { LiveStateReader, type RealtimeOverview } from '@pulse/realtime';
import type { AuthenticatedTenant } from '@pulse/tenancy';
import type { LiveMetric } from '../widgets/widget-types';
import { liveMetricValue } from './live-metrics';
import { LivePushThrottle } from './live-push-throttle';
import { LiveStateNotices } from './live-state-notices';

/** At most one push per tenant per second, however fast its batches are stored. */
export const LIVE_PUSH_INTERVAL_MS = 1_000;

/** One browser's open `/live` stream: the dashboard's live counters and where to write. */
export interface LiveStream {
  dashboardId: string;
  counters: readonly { id: string; metric: LiveMetric }[];
  send(event: LiveEvent): void;
}

export interface LiveEvent {
  timestamp: string;
  overview: RealtimeOverview;
  widgets: { id: string; metric: LiveMetric; value: number }[];
}

/**
 * The open live streams of this replica, by tenant. A notice of the tenant's live state (throttled per
 * tenant) reads the realtime overview once and sends it to each of the tenant's streams.
 */
@Injectable()
export class LiveStreams implements OnModuleDestroy {
  private readonly logger = new Logger(LiveStreams.name);
  private readonly streams = new Map<string, { tenant: AuthenticatedTenant; streams: Set<LiveStream> }>();
  private readonly throttle = new LivePushThrottle(LIVE_PUSH_INTERVAL_MS, (tenantId) => void this.push(tenantId));
  private readonly stopListening: () => void;

  constructor(
    private readonly liveState: LiveStateReader,
    notices: LiveStateNotices,
  ) {
    this.stopListening = notices.listen((tenantId) => {
      if (this.streams.has(tenantId)) this.throttle.notify(tenantId);
    });
  }

  /**
   * Reads the current figures, registers the stream and sends them to it; returns the way to close it. Rejects
   * (`LiveStateUnavailableError` while the cache is down) without registering anything.
   */
  async open(tenant: AuthenticatedTenant, stream: LiveStream): Promise<() => void> {
    const overview = await this.liveState.overview(tenant);
    let entry = this.streams.get(tenant.id);
    if (!entry) {
      entry = { tenant, streams: new Set() };
      this.streams.set(tenant.id, entry);
    }
    entry.streams.add(stream);
    stream.send(eventFor(overview, stream));
    return () => {
      const current = this.streams.get(tenant.id);
      current?.streams.delete(stream);
      if (current && current.streams.size === 0) {
        this.streams.delete(tenant.id);
        this.throttle.forget(tenant.id);
      }
    };
  }

  /** Open streams of a tenant on this replica (for tests and metrics). */
  openStreams(tenantId: string): number {
    return this.streams.get(tenantId)?.streams.size ?? 0;
  }

  onModuleDestroy(): void {
    this.stopListening();
    this.throttle.close();
  }

  private async push(tenantId: string): Promise<void> {
    const entry = this.streams.get(tenantId);
    if (!entry) return;
    try {
      const overview = await this.liveState.overview(entry.tenant);
      for (const stream of entry.streams) stream.send(eventFor(overview, stream));
    } catch (error) {
      this.logger.warn(`live figures of tenant ${tenantId} not pushed: ${(error as Error).message}`);
    }
  }
}

function eventFor(overview: RealtimeOverview, stream: LiveStream): LiveEvent {
  return {
    timestamp: overview.timestamp,
    overview,
    widgets: stream.counters.map((counter) => ({ id: counter.id, metric: counter.metric, value: liveMetricValue(overview, counter.metric) })),
  };
}

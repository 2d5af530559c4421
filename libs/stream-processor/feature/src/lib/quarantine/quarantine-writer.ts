import { Inject, Injectable, Logger } from '@nestjs/common';
import { eventTypeLabel } from '@pulse/contracts';
import type { ReceivedMessage } from '@pulse/messaging';
import { DATA_SOURCE, DataQualityCountersRepository, planDataQualityCounts, QuarantineRepository, type SqlExecutor } from '@pulse/storage';
import type { DataSource } from 'typeorm';
import { receivedDayFinder } from '../pipeline/received-day';
import { TenantDirectory } from '../pipeline/tenant-directory';
import { ProcessorMetrics } from '../processor-metrics';
import { STREAM_PROCESSOR_OPTIONS, type StreamProcessorOptions } from '../stream-processor-options';
import { PruneSchedule } from './prune-schedule';
import { quarantineCandidateOf, type QuarantineCandidate } from './quarantine-candidates';

/**
 * Keeps every dead letter that names a known tenant in that tenant's quarantine, counts it as rejected
 * in the data-quality overview, and holds each quarantine to its bounds (oldest dropped first, counted).
 * It never rejects a message itself: that would send it back to the topic it reads.
 */
@Injectable()
export class QuarantineWriter {
  private readonly logger = new Logger(QuarantineWriter.name);
  private readonly pruneSchedule: PruneSchedule;

  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly tenants: TenantDirectory,
    private readonly metrics: ProcessorMetrics,
    @Inject(STREAM_PROCESSOR_OPTIONS) private readonly options: StreamProcessorOptions,
  ) {
    this.pruneSchedule = new PruneSchedule(options.quarantine.maxEventsPerTenant);
  }

  async handleBatch(messages: readonly ReceivedMessage[]): Promise<void> {
    const candidates: QuarantineCandidate[] = [];
    let withoutTenant = 0;
    for (const message of messages) {
      const candidate = quarantineCandidateOf(message);
      if (candidate) candidates.push(candidate);
      else withoutTenant += 1;
    }
    const tenants = await this.tenants.lookUp([...new Set(candidates.map((candidate) => candidate.tenantId))]);
    const kept = candidates.filter((candidate) => tenants.has(candidate.tenantId));
    withoutTenant += candidates.length - kept.length;
    if (withoutTenant > 0) {
      this.metrics.deadLettersWithoutTenant.inc(withoutTenant);
      this.logger.warn(`${withoutTenant} dead letters name no known tenant: counted, not quarantined`);
    }
    if (kept.length === 0) return;

    const now = new Date();
    const addedByTenant = new Map<string, number>();
    for (const { tenantId } of kept) addedByTenant.set(tenantId, (addedByTenant.get(tenantId) ?? 0) + 1);
    const duePrunes = [...addedByTenant]
      .filter(([tenantId, added]) => this.pruneSchedule.isDue(tenantId, added, now.getTime()))
      .map(([tenantId]) => tenantId);
    const dayReceived = receivedDayFinder();
    // Every kept candidate's tenant was found just above.
    const zoneOf = (tenantId: string) => tenants.get(tenantId)?.timeZone ?? 'UTC';
    const dropped = await this.dataSource.transaction(async (sql: SqlExecutor) => {
      await new QuarantineRepository(sql).insert(kept);
      await new DataQualityCountersRepository(sql).add(
        planDataQualityCounts(
          kept.map((candidate) => ({
            tenantId: candidate.tenantId,
            day: dayReceived(candidate.receivedAt, zoneOf(candidate.tenantId)),
            eventType: candidate.eventType ?? '',
            source: candidate.source,
            outcome: 'rejected',
            issues: candidate.errors,
          })),
        ),
      );
      return this.holdToBounds(sql, duePrunes, now, (tenantId) => dayReceived(now, zoneOf(tenantId)));
    });
    for (const tenantId of duePrunes) this.pruneSchedule.pruned(tenantId, now.getTime());
    for (const candidate of kept) this.metrics.quarantined.inc({ reason: candidate.reason, type: eventTypeLabel(candidate.eventType) });
    this.metrics.quarantineDropped.inc(dropped);
  }

  /** Drops what is beyond each tenant's bounds and counts it on today's `quarantine_dropped` counter. */
  private async holdToBounds(
    sql: SqlExecutor,
    tenantIds: readonly string[],
    now: Date,
    today: (tenantId: string) => string,
  ): Promise<number> {
    const quarantine = new QuarantineRepository(sql);
    const counts = [];
    let total = 0;
    for (const tenantId of [...tenantIds].sort()) {
      const dropped = await quarantine.prune(tenantId, this.options.quarantine, now);
      if (dropped === 0) continue;
      total += dropped;
      counts.push({ tenantId, day: today(tenantId), eventType: '', source: '', outcome: 'quarantine_dropped' as const, field: '', rule: '', count: dropped });
    }
    await new DataQualityCountersRepository(sql).add(counts);
    return total;
  }
}

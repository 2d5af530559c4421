import { Inject, Injectable } from '@nestjs/common';
import { foldDataQualityCounters, type DataQualityOverview } from '@pulse/analytics-core';
import { summarizeIssues, type ValidationIssue } from '@pulse/contracts';
import { MESSAGE_BUS, type MessageBus } from '@pulse/messaging';
import { DATA_SOURCE, DataQualityCountersRepository, QuarantineRepository, type QuarantinedEvent, type QuarantineStatus } from '@pulse/storage';
import type { AuthenticatedTenant } from '@pulse/tenancy';
import type { DataSource } from 'typeorm';
import { INGESTION_LIMITS, type IngestionLimits } from '../limits/ingestion-limits';
import { RawEventPublisher } from '../publishing/raw-event-publisher';
import { TenantSchemaSettingsService } from '../schema/tenant-schema-settings.service';
import { planReplay, type ReplayPlan } from './quarantine-replay';

/** Most quarantined events one replay request handles; `remaining` tells the caller to ask again. */
export const MAX_REPLAY_PER_REQUEST = 5_000;
const REPLAY_PAGE = 500;

export interface ReplayOutcome {
  id: string;
  eventId: string | null;
  outcome: 'replayed' | 'rejected';
  errors?: ValidationIssue[];
}

export interface ReplayResult {
  replayed: number;
  rejected: number;
  /** Pending events left after this request (only when replaying all). */
  remaining?: number;
  results: ReplayOutcome[];
}

/** The tenant's data-quality overview, its quarantine, and replaying from it. */
@Injectable()
export class DataQualityService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(INGESTION_LIMITS) private readonly limits: IngestionLimits,
    private readonly publisher: RawEventPublisher,
    private readonly schemaSettings: TenantSchemaSettingsService,
  ) {}

  async overview(tenant: AuthenticatedTenant, fromDay: string, toDay: string): Promise<DataQualityOverview & { quarantinePending: number }> {
    const [rows, quarantinePending] = await Promise.all([
      new DataQualityCountersRepository(this.dataSource).read(tenant.id, fromDay, toDay),
      new QuarantineRepository(this.dataSource).countPending(tenant.id),
    ]);
    return { ...foldDataQualityCounters(rows), quarantinePending };
  }

  rejections(tenant: AuthenticatedTenant, options: { status: QuarantineStatus; limit: number; beforeId?: string }): Promise<QuarantinedEvent[]> {
    return new QuarantineRepository(this.dataSource).list(tenant.id, options);
  }

  /** Replays the chosen events (ids of other tenants are ignored), or every pending one up to the per-request bound. */
  async replay(tenant: AuthenticatedTenant, selection: { ids: string[] } | { all: true }): Promise<ReplayResult> {
    const quarantine = new QuarantineRepository(this.dataSource);
    const schema = await this.schemaSettings.of(tenant.id);
    const results: ReplayOutcome[] = [];
    const replayBatch = async (entries: QuarantinedEvent[]) => {
      const plans = entries.map((entry) => planReplay(entry, { tenantId: tenant.id, limits: this.limits, schema }));
      await this.publish(plans);
      const outcomes = plans.map(outcomeOf);
      await quarantine.recordReplays(
        tenant.id,
        outcomes.map(({ id, errors }) => ({ id, ...(errors ? { error: summarizeIssues(errors) } : {}) })),
        new Date(),
      );
      results.push(...outcomes);
    };

    if ('ids' in selection) {
      await replayBatch(await quarantine.findByIds(tenant.id, selection.ids));
      return summary(results);
    }
    let afterId: string | undefined;
    while (results.length < MAX_REPLAY_PER_REQUEST) {
      const page = await quarantine.pending(tenant.id, Math.min(REPLAY_PAGE, MAX_REPLAY_PER_REQUEST - results.length), afterId);
      const last = page.at(-1);
      if (last === undefined) break;
      await replayBatch(page);
      afterId = last.id;
    }
    return { ...summary(results), remaining: await quarantine.countPending(tenant.id) };
  }

  /** Everything a batch of plans sends, acknowledged before their outcomes are recorded (else the request fails: 503). */
  private async publish(plans: readonly ReplayPlan[]): Promise<void> {
    const envelopes = plans.flatMap((plan) => (plan.kind === 'envelope' ? [plan.envelope] : []));
    const byTopic = new Map<string, Array<Extract<ReplayPlan, { kind: 'message' }>['message']>>();
    for (const plan of plans) {
      if (plan.kind !== 'message') continue;
      const list = byTopic.get(plan.topic) ?? [];
      list.push(plan.message);
      byTopic.set(plan.topic, list);
    }
    await Promise.all([
      this.publisher.publish(envelopes),
      ...[...byTopic].map(([topic, messages]) => this.bus.publish(topic, messages)),
    ]);
  }
}

function outcomeOf(plan: ReplayPlan): ReplayOutcome {
  if (plan.kind === 'refused') return { id: plan.id, eventId: plan.eventId, outcome: 'rejected', errors: plan.errors };
  return { id: plan.id, eventId: plan.eventId, outcome: 'replayed' };
}

function summary(results: ReplayOutcome[]): ReplayResult {
  const replayed = results.filter((result) => result.outcome === 'replayed').length;
  return { replayed, rejected: results.length - replayed, results };
}

import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { timeContext } from '@pulse/analytics-core';
import { TenantRepository } from '@pulse/storage';
import { ChurnService } from '../churn/churn.service';
import { IntentService } from '../intent/intent.service';
import { SatisfactionService } from '../satisfaction/satisfaction.service';
import { MlClock } from './ml-clock';
import { NightlyClaims } from './nightly-claims';
import { NotEnoughDataException } from './not-enough-data';
import type { PredictionModelKind } from './served-model';

/** Nightly means: once per tenant-local day, from 02:00 local time on; replicas look every ten minutes. */
export const NIGHTLY_TRAINING = { fromLocalHour: 2, checkEveryMs: 10 * 60_000 } as const;

/** Every model kind retrained nightly. */
export const NIGHTLY_KINDS: readonly PredictionModelKind[] = ['churn', 'satisfaction', 'intent'];

export interface NightlyOutcome {
  tenantId: string;
  kind: PredictionModelKind;
  localDay: string;
  outcome: 'trained' | 'claimed_elsewhere' | 'not_enough_data' | 'failed';
  version?: number;
  replacedCurrent?: boolean;
  message?: string;
}

/**
 * Retrains every tenant's churn, satisfaction and intent models once a night. Each (kind, tenant, local day) is claimed
 * in the shared cache first, so however many replicas run, one trains it. The clock is injected: `runDue(now)`
 * does the work for any instant, and the timer only calls it with the clock's now.
 */
@Injectable()
export class NightlyTraining implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(NightlyTraining.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private readonly trainers: Record<
    PredictionModelKind,
    { train(tenantId: string, trigger: 'nightly', now: Date): Promise<{ version: number; replacedCurrent: boolean }> }
  >;

  constructor(
    private readonly tenants: TenantRepository,
    churn: ChurnService,
    satisfaction: SatisfactionService,
    intent: IntentService,
    private readonly claims: NightlyClaims,
    private readonly clock: MlClock,
  ) {
    this.trainers = { churn, satisfaction, intent };
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.tick(), NIGHTLY_TRAINING.checkEveryMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Trains what is due at `now` and not yet claimed; says per tenant and kind what happened. */
  async runDue(now: Date): Promise<NightlyOutcome[]> {
    const outcomes: NightlyOutcome[] = [];
    for (const tenant of await this.tenants.list()) {
      const local = timeContext(now, tenant.timeZone);
      if (local.hourOfDay < NIGHTLY_TRAINING.fromLocalHour) continue;
      for (const kind of NIGHTLY_KINDS) {
        const base = { tenantId: tenant.id, kind, localDay: local.localDate };
        if (!(await this.claims.claim(kind, tenant.id, local.localDate))) {
          outcomes.push({ ...base, outcome: 'claimed_elsewhere' });
          continue;
        }
        outcomes.push({ ...base, ...(await this.train(kind, tenant.id, now)) });
      }
    }
    return outcomes;
  }

  private async train(
    kind: PredictionModelKind,
    tenantId: string,
    now: Date,
  ): Promise<Pick<NightlyOutcome, 'outcome' | 'version' | 'replacedCurrent' | 'message'>> {
    try {
      const trained = await this.trainers[kind].train(tenantId, 'nightly', now);
      return { outcome: 'trained', version: trained.version, replacedCurrent: trained.replacedCurrent };
    } catch (error) {
      // Too little data is a normal night for a young tenant; anything else is logged and retried tomorrow.
      if (error instanceof NotEnoughDataException) return { outcome: 'not_enough_data', message: error.message };
      this.logger.error(`Nightly ${kind} training of tenant ${tenantId} failed: ${error instanceof Error ? error.message : String(error)}`);
      return { outcome: 'failed', message: error instanceof Error ? error.message : String(error) };
    }
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.runDue(this.clock.now())
      .catch((error: unknown) => this.logger.error(`Nightly training check failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => (this.running = undefined));
  }
}

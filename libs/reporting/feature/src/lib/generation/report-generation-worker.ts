import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { ReportRunRepository } from '@pulse/reporting-data-access';
import { ReportDeliverer } from '../delivery/report-deliverer';
import { REPORT_GENERATION_OPTIONS, type ReportGenerationOptions } from './report-generation-options';
import { ReportGenerator } from './report-generator';

/**
 * Takes queued runs from `report_runs` one at a time (any replica may; the claim skips rows another
 * holds) and generates them in the background. Idle, it looks again every `pollMs`, or at once when
 * this process queued a run.
 */
@Injectable()
export class ReportGenerationWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ReportGenerationWorker.name);
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly runs: ReportRunRepository,
    private readonly generator: ReportGenerator,
    private readonly deliverer: ReportDeliverer,
    @Inject(REPORT_GENERATION_OPTIONS) private readonly options: ReportGenerationOptions,
  ) {}

  onApplicationBootstrap(): void {
    this.running = true;
    this.loop = this.work();
  }

  async onModuleDestroy(): Promise<void> {
    this.running = false;
    this.notify();
    await this.loop;
  }

  /** A run was queued here: look now rather than at the next poll. */
  notify(): void {
    this.wake?.();
  }

  private async work(): Promise<void> {
    while (this.running) {
      let claimed = false;
      try {
        const run = await this.runs.claimNext(this.options.now(), this.options.leaseMs);
        if (run) {
          claimed = true;
          await this.generator.generate(run);
          // A scheduled run's email and webhook go out now rather than at the scheduler's next look.
          if (run.scheduleId) void this.deliverer.deliverDue();
        }
      } catch (error) {
        // The store was unreachable: the run (if any) stays leased and is taken over after its lease.
        this.logger.error(`Report generation: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (!claimed && this.running) await this.idle();
    }
  }

  private idle(): Promise<void> {
    return new Promise((resolve) => {
      this.wake = () => {
        clearTimeout(this.timer);
        this.wake = undefined;
        resolve();
      };
      this.timer = setTimeout(this.wake, this.options.pollMs);
    });
  }
}

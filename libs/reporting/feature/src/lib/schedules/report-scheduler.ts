import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { ReportScheduleRepository, type DueReportSchedule, type ScheduleFiring } from '@pulse/reporting-data-access';
import { ReportDeliverer } from '../delivery/report-deliverer';
import { REPORT_GENERATION_OPTIONS, type ReportGenerationOptions } from '../generation/report-generation-options';
import { ReportGenerationWorker } from '../generation/report-generation-worker';
import { reportRunRange } from '../reports/report-definition';
import { dueOccurrence } from './cron-schedule';
import { ReportRetention } from './report-retention';
import { REPORT_SCHEDULING_OPTIONS, type ReportSchedulingOptions } from './report-scheduling-options';

/**
 * The scheduling loop of each replica: every `pollMs` it fires the due schedules (one run per occurrence
 * however many replicas look: the repository locks the schedules and the run's occurrence key is
 * unique), sends the deliveries of settled runs, and now and then deletes runs past the retention.
 */
@Injectable()
export class ReportScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ReportScheduler.name);
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;
  private lastCleanup = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly schedules: ReportScheduleRepository,
    private readonly worker: ReportGenerationWorker,
    private readonly deliverer: ReportDeliverer,
    private readonly retention: ReportRetention,
    @Inject(REPORT_SCHEDULING_OPTIONS)
    private readonly options: ReportSchedulingOptions,
    @Inject(REPORT_GENERATION_OPTIONS)
    private readonly clock: Pick<ReportGenerationOptions, 'now'>,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), this.options.pollMs);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.ticking;
  }

  /** One look (skipped while the previous one is still going). */
  tick(): Promise<void> {
    this.ticking ??= this.look().finally(() => {
      this.ticking = undefined;
    });
    return this.ticking;
  }

  private async look(): Promise<void> {
    try {
      const now = this.clock.now();
      const made = await this.schedules.fireDue(now, this.options.batchSize, (due) => this.firing(due, now));
      if (made.length > 0) this.worker.notify();
      await this.deliverer.deliverDue();
      if (now.getTime() - this.lastCleanup >= this.options.cleanupEveryMs) {
        this.lastCleanup = now.getTime();
        await this.retention.removeExpired(now, this.options.retentionMs);
      }
    } catch (error) {
      this.logger.error(`report scheduling paused until the next look: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** The occurrence to run (the latest due one), its days (the schedule's period, else the report's), and the next one. */
  private firing({ schedule, report, timeZone }: DueReportSchedule, now: Date): ScheduleFiring {
    const nextRunAt = schedule.nextRunAt as Date;
    try {
      const due = dueOccurrence(schedule.cron, timeZone, nextRunAt, now);
      // The days are those of the occurrence, not of the moment a replica got to it.
      const range = reportRunRange(
        schedule.period ? { period: schedule.period, rangeFrom: null, rangeTo: null } : report,
        timeZone,
        due.occurrenceAt,
      );
      return {
        occurrenceAt: due.occurrenceAt,
        run: { rangeFrom: range.from, rangeTo: range.to },
        nextRunAt: due.nextRunAt,
      };
    } catch (error) {
      this.logger.error(`schedule ${schedule.id} stopped: ${error instanceof Error ? error.message : String(error)}`);
      return { occurrenceAt: nextRunAt, run: null, nextRunAt: null };
    }
  }
}

import { Inject, Injectable, Logger } from '@nestjs/common';
import { ReportRunRepository } from '@pulse/reporting-data-access';
import { REPORT_FILE_STORE, type ReportFileStore } from '../files/report-file-store';

/**
 * Deletes settled runs (completed or failed) older than the retention, with their deliveries and files.
 * Each replica may sweep; a run is deleted by one of them (the delete skips rows another holds), which
 * then removes its file. A replica that dies between the two leaves the file behind (never a run without one).
 */
@Injectable()
export class ReportRetention {
  private readonly logger = new Logger(ReportRetention.name);

  constructor(
    private readonly runs: ReportRunRepository,
    @Inject(REPORT_FILE_STORE) private readonly files: ReportFileStore,
  ) {}

  /** Answers how many runs were deleted. */
  async removeExpired(now: Date, retentionMs: number, batchSize = 500): Promise<number> {
    const cutoff = new Date(now.getTime() - retentionMs);
    let removed = 0;
    for (;;) {
      const sweep = await this.runs.removeSettledBefore(cutoff, batchSize);
      for (const key of sweep.fileKeys) {
        await this.files.remove(key).catch((error: Error) => this.logger.warn(`report file ${key} not removed: ${error.message}`));
      }
      removed += sweep.removed;
      if (sweep.removed < batchSize) return removed;
    }
  }
}

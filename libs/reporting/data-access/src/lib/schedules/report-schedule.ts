import type { NewReportRun } from '../runs/report-run';
import type { ReportScheduleRow } from './report-schedule.entity';

export type StoredReportSchedule = Omit<ReportScheduleRow, 'tenant' | 'report'>;

/** What a client sets; `nextRunAt` is computed from the cron expression by the caller. */
export type ReportScheduleDefinition = Pick<ReportScheduleRow, 'cron' | 'enabled' | 'period' | 'recipients' | 'webhookUrl' | 'nextRunAt'>;

/** A schedule whose `nextRunAt` has come, with what its runs need: the report's format and days, the tenant's zone. */
export interface DueReportSchedule {
  schedule: StoredReportSchedule;
  report: {
    name: string;
    format: string;
    period: string | null;
    rangeFrom: string | null;
    rangeTo: string | null;
  };
  timeZone: string;
}

/**
 * What firing a due schedule does: the run of `occurrenceAt` (null: nothing to run, e.g. the report's
 * fixed days are invalid) and the schedule's next occurrence.
 */
export interface ScheduleFiring {
  occurrenceAt: Date;
  run: Pick<NewReportRun, 'rangeFrom' | 'rangeTo'> | null;
  nextRunAt: Date | null;
}

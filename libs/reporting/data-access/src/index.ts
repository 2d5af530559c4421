export { REPORTING_STORE_SCHEMA } from './lib/reporting-store-schema';
export { ReportEntity, type ReportRow } from './lib/reports/report.entity';
export {
  REPORT_SECTION_KINDS,
  REPORT_SECTION_SOURCES,
  type ReportDefinition,
  type ReportSection,
  type ReportSectionKind,
  type ReportSectionSource,
  type StoredReport,
} from './lib/reports/report';
export { ReportRepository } from './lib/reports/report.repository';
export { REPORT_RUN_STATUSES, ReportRunEntity, type ReportRunRow, type ReportRunStatus } from './lib/runs/report-run.entity';
export type { NewReportRun, ReportRunFile, StoredReportRun } from './lib/runs/report-run';
export { ReportRunRepository } from './lib/runs/report-run.repository';
export { ReportingRepositoriesModule } from './lib/reporting-repositories.module';
export {
  REPORT_DELIVERY_CHANNELS,
  REPORT_DELIVERY_STATUSES,
  ReportDeliveryEntity,
  type ReportDeliveryAttempt,
  type ReportDeliveryChannel,
  type ReportDeliveryRow,
  type ReportDeliveryStatus,
} from './lib/deliveries/report-delivery.entity';
export type { ReportDeliveryOutcome, StoredReportDelivery } from './lib/deliveries/report-delivery';
export { ReportDeliveryRepository } from './lib/deliveries/report-delivery.repository';
export { ReportScheduleEntity, type ReportScheduleRow } from './lib/schedules/report-schedule.entity';
export type { DueReportSchedule, ReportScheduleDefinition, ScheduleFiring, StoredReportSchedule } from './lib/schedules/report-schedule';
export { ReportScheduleRepository } from './lib/schedules/report-schedule.repository';

export { REPORTING_STORE_SCHEMA } from './lib/reporting-store-schema';
export { ReportEntity, type ReportRow } from './lib/reports/report.entity';
export { REPORT_SECTION_KINDS, type ReportDefinition, type ReportSection, type ReportSectionKind, type StoredReport } from './lib/reports/report';
export { ReportRepository } from './lib/reports/report.repository';
export { REPORT_RUN_STATUSES, ReportRunEntity, type ReportRunRow, type ReportRunStatus } from './lib/runs/report-run.entity';
export type { NewReportRun, ReportRunFile, StoredReportRun } from './lib/runs/report-run';
export { ReportRunRepository } from './lib/runs/report-run.repository';
export { ReportingRepositoriesModule } from './lib/reporting-repositories.module';

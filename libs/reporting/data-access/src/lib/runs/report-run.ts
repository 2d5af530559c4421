import type { ReportRunRow } from './report-run.entity';

export type StoredReportRun = Omit<ReportRunRow, 'tenant' | 'report' | 'schedule'>;

/** A generation to queue: the report, its format and the local dates it covers (resolved when asked for). */
export type NewReportRun = Pick<ReportRunRow, 'tenantId' | 'reportId' | 'format' | 'rangeFrom' | 'rangeTo'>;

/** Where a finished run's file is and what it is. */
export type ReportRunFile = Pick<ReportRunRow, 'fileKey' | 'fileName' | 'contentType' | 'fileSize'> & { fileKey: string };

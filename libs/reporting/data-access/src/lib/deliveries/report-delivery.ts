import type { ReportDeliveryAttempt, ReportDeliveryRow } from './report-delivery.entity';

export type StoredReportDelivery = Omit<ReportDeliveryRow, 'tenant' | 'run'>;

/** What an attempt ended in: delivered, failed for good, or tried again at `nextAttemptAt`. */
export type ReportDeliveryOutcome = { status: 'delivered' } | { status: 'failed' } | { status: 'pending'; nextAttemptAt: Date };

export type { ReportDeliveryAttempt };

import type { StoreSchema } from '@pulse/storage';
import { CreateReports1765100000000 } from './migrations/1765100000000-create-reports';
import { CreateReportRuns1765100000001 } from './migrations/1765100000001-create-report-runs';
import { ReportEntity } from './reports/report.entity';
import { ReportRunEntity } from './runs/report-run.entity';

/**
 * The reporting service's tables: registered wherever a store the reporting service uses is opened
 * (the service definition carries it). Oldest first; new migrations at the end with a timestamp no
 * other service uses.
 */
export const REPORTING_STORE_SCHEMA = {
  migrations: [CreateReports1765100000000, CreateReportRuns1765100000001],
  entities: [ReportEntity, ReportRunEntity],
} satisfies StoreSchema;
